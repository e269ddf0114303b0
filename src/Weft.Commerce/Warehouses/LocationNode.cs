using Weft.Commerce.Stock;

namespace Weft.Commerce.Warehouses;

/// <summary>A location in its warehouse's tree, with what it holds itself and, for a view, what the locations inside it hold.</summary>
public sealed record LocationNode(LocationDto Location, IReadOnlyList<LocationNode> Children, IReadOnlyList<StockDto> Holds)
{
    /// <summary>Units on hand here and in every location inside.</summary>
    public decimal OnHand => Holds.Sum(h => h.OnHand) + Children.Sum(c => c.OnHand);

    /// <summary>The tree of a warehouse's locations (parents listed before their children, as the warehouse lists them) with its stock.</summary>
    public static LocationNode? TreeOf(IReadOnlyList<LocationDto> locations, IReadOnlyList<StockDto> stock)
    {
        var children = locations.Where(l => l.Parent is not null).ToLookup(l => l.Parent!, StringComparer.Ordinal);
        var held = stock.ToLookup(s => s.Location, StringComparer.Ordinal);
        LocationNode Build(LocationDto l) => new(l, [.. children[l.Path].Select(Build)], [.. held[l.Path]]);
        return locations.FirstOrDefault(l => l.Parent is null) is { } root ? Build(root) : null;
    }

    /// <summary>This location and every one inside it, depth first.</summary>
    public IEnumerable<LocationNode> Descendants() => Children.SelectMany(c => c.Descendants()).Prepend(this);
}
