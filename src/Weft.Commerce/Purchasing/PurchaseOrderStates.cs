namespace Weft.Commerce.Purchasing;

/// <summary>
/// A purchase order's life: draft (being written) → approved (a buyer said yes) → sent (to the supplier) → partly received
/// → received → closed; draft, approved and sent orders with nothing received can be cancelled, and a partly received one
/// closed short (the rest will not come).
/// </summary>
internal static class PurchaseOrderStates
{
    public const string Draft = "draft";
    public const string Approved = "approved";
    public const string Sent = "sent";
    public const string PartlyReceived = "partly_received";
    public const string Received = "received";
    public const string Closed = "closed";
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlyList<string> All = [Draft, Approved, Sent, PartlyReceived, Received, Closed, Cancelled];

    /// <summary>States in which goods are still expected (the order counts as incoming stock).</summary>
    public static readonly IReadOnlyList<string> Open = [Approved, Sent, PartlyReceived];
}
