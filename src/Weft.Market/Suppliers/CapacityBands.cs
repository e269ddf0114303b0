namespace Weft.Market.Suppliers;

/// <summary>The bands of annual capacity the directory's capacity facet counts suppliers in (tonnes a year).</summary>
public static class CapacityBands
{
    public sealed record Band(string Key, string Name, int From, int? Below);

    public static IReadOnlyList<Band> All { get; } =
    [
        new("under-10kt", "Under 10 kt", 0, 10_000),
        new("10-30kt", "10–30 kt", 10_000, 30_000),
        new("30-60kt", "30–60 kt", 30_000, 60_000),
        new("60kt-plus", "60 kt and more", 60_000, null),
    ];

    public static Band? Of(int? tonnes) => tonnes is { } t ? All.First(b => t >= b.From && (b.Below is null || t < b.Below)) : null;
}
