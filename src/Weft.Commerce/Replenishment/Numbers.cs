using System.Globalization;

namespace Weft.Commerce.Replenishment;

/// <summary>How numbers read in explanations (invariant culture, so an explanation reads the same on every server).</summary>
internal static class Numbers
{
    public static string Text(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    public static string Text(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    public static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Percent(double probability) => (probability * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
