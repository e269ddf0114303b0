namespace Weft.Commerce.Catalog;

/// <summary>
/// The units stock is counted in, each with its dimension and its size in the dimension's base unit, so that a
/// quantity converts between units of one dimension (a box of 12 units is the product's own packaging, not a unit).
/// </summary>
public static class Units
{
    public sealed record Unit(string Code, string Name, string Dimension, decimal InBase);

    public static readonly IReadOnlyList<Unit> All =
    [
        new("unit", "Unit", "count", 1m), new("pair", "Pair", "count", 2m), new("dozen", "Dozen", "count", 12m),
        new("g", "Gram", "mass", 1m), new("kg", "Kilogram", "mass", 1000m), new("t", "Tonne", "mass", 1_000_000m), new("lb", "Pound", "mass", 453.59237m),
        new("ml", "Millilitre", "volume", 1m), new("l", "Litre", "volume", 1000m),
        new("mm", "Millimetre", "length", 1m), new("cm", "Centimetre", "length", 10m), new("m", "Metre", "length", 1000m),
    ];

    private static readonly Dictionary<string, Unit> ByCode = All.ToDictionary(u => u.Code, StringComparer.Ordinal);

    public static Unit? Find(string? code) => code is not null && ByCode.TryGetValue(code, out var unit) ? unit : null;

    /// <summary><paramref name="quantity"/> of <paramref name="from"/> in <paramref name="to"/>; null when the units measure different things.</summary>
    public static decimal? Convert(decimal quantity, string from, string to) =>
        Find(from) is { } f && Find(to) is { } t && f.Dimension == t.Dimension ? quantity * f.InBase / t.InBase : null;

    /// <summary>Whether stock of this unit comes in whole numbers only.</summary>
    public static bool IsCounted(string code) => Find(code)?.Dimension == "count";
}
