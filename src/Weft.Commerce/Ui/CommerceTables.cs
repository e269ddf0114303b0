namespace Weft.Commerce.Ui;

/// <summary>The tables whose committed changes the commerce pages watch.</summary>
internal static class CommerceTables
{
    public const string Products = "commerce_products";
    public const string Variants = "commerce_variants";
    public const string Suppliers = "commerce_suppliers";
    public const string SupplierProducts = "commerce_supplier_products";
    public const string Suggestions = "commerce_suggestions";
    public const string PurchaseOrders = "commerce_purchase_orders";
    public const string PurchaseOrderLines = "commerce_purchase_order_lines";
    public const string Warehouses = "commerce_warehouses";
    public const string Locations = "commerce_locations";
    /// <summary>What locations hold; written with every move in the same transaction.</summary>
    public const string Stock = "commerce_stock";
    public const string Moves = "commerce_moves";
    public const string Counts = "commerce_counts";
}
