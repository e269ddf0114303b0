using Weft.Commerce.Warehouses;

namespace Weft.Commerce.Stock;

/// <summary>Why stock moves, and which sides each reason allows: every move has a side that is a location and one that may be virtual.</summary>
public static class MoveReasons
{
    public const string Receipt = "receipt";
    public const string Transfer = "transfer";
    public const string Pick = "pick";
    public const string Return = "return";
    public const string Adjustment = "adjustment";
    public const string Scrap = "scrap";
    /// <summary>Goods going back to the supplier (damaged, failed quality control).</summary>
    public const string SupplierReturn = "supplier_return";

    public static readonly IReadOnlyList<string> All = [Receipt, Transfer, Pick, Return, Adjustment, Scrap, SupplierReturn];

    /// <summary>The location types a reason may move from and to ("internal": any location that holds stock).</summary>
    internal static (string[] From, string[] To) Sides(string reason) => reason switch
    {
        Receipt => ([LocationTypes.Supplier], ["internal"]),
        Transfer => (["internal"], ["internal"]),
        Pick => (["internal"], [LocationTypes.Customer]),
        Return => ([LocationTypes.Customer], ["internal"]),
        Adjustment => ([LocationTypes.Adjustment, "internal"], [LocationTypes.Adjustment, "internal"]),
        Scrap => (["internal"], [LocationTypes.Scrap]),
        SupplierReturn => (["internal"], [LocationTypes.Supplier]),
        _ => ([], []),
    };
}
