namespace Weft.Commerce.Replenishment;

/// <summary>
/// Turns a computed quantity into one that can be ordered: up to whole units for products counted in units, else up to
/// the ledger's four decimals. Rounding is always up, so a suggestion never falls short of what the formula asked for.
/// </summary>
internal static class Quantities
{
    public const int LedgerDecimals = 4;

    public static decimal RoundUp(double value, bool wholeUnits)
    {
        if (value <= 0) return 0m;
        // Noise from floating point (219.99999999997) must not cost a whole unit.
        return RoundUp((decimal)Math.Round(value, 9), wholeUnits);
    }

    public static decimal RoundUp(decimal value, bool wholeUnits)
    {
        if (value <= 0) return 0m;
        if (wholeUnits) return decimal.Ceiling(value);
        const decimal scale = 10_000m;
        return decimal.Ceiling(value * scale) / scale;
    }

    /// <summary>The smallest whole number of packs that holds at least <paramref name="quantity"/>.</summary>
    public static decimal ToWholePacks(decimal quantity, decimal packSize) =>
        packSize <= 0 ? quantity : decimal.Ceiling(quantity / packSize) * packSize;

    /// <summary>Why <paramref name="from"/> became <paramref name="to"/>, or null when rounding changed nothing worth saying.</summary>
    public static string? WhyRoundedUp(double from, decimal to, bool wholeUnits)
    {
        if (from <= 0 || (decimal)Math.Round(from, 9) == to) return null;
        return wholeUnits
            ? $"Rounded up from {Numbers.Text(from)} to {Numbers.Text(to)}: the product is counted in whole units."
            : $"Rounded up from {Numbers.Text(from)} to {Numbers.Text(to)}: stock is kept to {LedgerDecimals} decimals.";
    }
}
