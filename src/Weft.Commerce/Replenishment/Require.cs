namespace Weft.Commerce.Replenishment;

/// <summary>The checks every calculation makes on its inputs, with messages that say what a good value looks like.</summary>
internal static class Require
{
    public static void NonNegative(double value, string name, string what)
    {
        if (!double.IsFinite(value) || value < 0)
            throw new ArgumentOutOfRangeException(name, value, $"{what} must be a number of 0 or more.");
    }

    public static void Positive(double value, string name, string what)
    {
        if (!double.IsFinite(value) || value <= 0)
            throw new ArgumentOutOfRangeException(name, value, $"{what} must be more than 0.");
    }

    public static void NonNegative(decimal value, string name, string what)
    {
        if (value < 0) throw new ArgumentOutOfRangeException(name, value, $"{what} must be 0 or more.");
    }

    public static void Positive(decimal value, string name, string what)
    {
        if (value <= 0) throw new ArgumentOutOfRangeException(name, value, $"{what} must be more than 0.");
    }
}
