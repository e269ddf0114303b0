namespace Weft.Commerce.Warehouses;

/// <summary>What a location is for. Internal ones hold stock (all but <see cref="View"/>); virtual ones are where stock comes from and goes.</summary>
public static class LocationTypes
{
    /// <summary>A warehouse, zone or aisle: groups locations, holds no stock itself.</summary>
    public const string View = "view";

    public static readonly IReadOnlyList<string> Internal =
        ["receiving", "quality", "storage", "picking", "packing", "shipping", "returns", "quarantine"];

    /// <summary>Goods held back (failed quality control): not available, not counted for replenishment.</summary>
    public const string Quarantine = "quarantine";

    public const string Supplier = "supplier";
    public const string Customer = "customer";
    public const string Adjustment = "adjustment";
    public const string Scrap = "scrap";

    public static readonly IReadOnlyList<string> Virtual = [Supplier, Customer, Adjustment, Scrap];

    public static bool HoldsStock(string type) => Internal.Contains(type);

    public static string VirtualPath(string type) => "virtual/" + type;
}
