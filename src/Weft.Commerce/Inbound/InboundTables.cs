namespace Weft.Commerce.Inbound;

/// <summary>The tables whose committed changes the inbound pages watch.</summary>
internal static class InboundTables
{
    public const string Asns = "commerce_asns";
    public const string ReceiptLines = "commerce_receipt_lines";
    public const string PutawayTasks = "commerce_putaway_tasks";
    public const string SupplierReturns = "commerce_supplier_returns";
    /// <summary>The engine's work items: where a notice's flow is (its step) changes with them.</summary>
    public const string FlowWorkItems = "flow_work_items";

    public static IReadOnlyCollection<string> All => [Asns, ReceiptLines, PutawayTasks, SupplierReturns, FlowWorkItems];
}
