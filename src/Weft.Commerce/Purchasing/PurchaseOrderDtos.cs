namespace Weft.Commerce.Purchasing;

/// <param name="Supplier">The supplier's key.</param>
/// <param name="Warehouse">The warehouse the goods go to.</param>
/// <param name="Lines">1-500 lines; a line's unit price, left out, is the supplier's price for the quantity (its price breaks applied).</param>
public sealed record CreatePurchaseOrderRequest(string? Supplier, string? Warehouse, IReadOnlyList<PurchaseOrderLineRequest>? Lines, string? Note = null);

public sealed record PurchaseOrderLineRequest(string? Sku, decimal? Quantity, decimal? UnitPrice = null);

/// <param name="Version">The version read (409 when it changed since).</param>
public sealed record PurchaseOrderCommand(int? Version, string? Note = null);

/// <param name="Email">Email the order to the supplier as a PDF (default true); false records that it went another way.</param>
public sealed record SendPurchaseOrderRequest(int? Version, bool? Email = null);

/// <param name="ExpectedAt">When the goods are due: sent + the lead time.</param>
public sealed record PurchaseOrderDto(long Id, string Number, string Supplier, string SupplierName, string Warehouse, string State, string Currency, decimal Total,
    string Note, DateTime? ExpectedAt, string CreatedBy, DateTime CreatedAt, string? ApprovedBy, DateTime? ApprovedAt, DateTime? SentAt, string? SentTo,
    string? SendError, DateTime? FirstReceiptAt, DateTime? ReceivedAt, DateTime? EndedAt, IReadOnlyList<PurchaseOrderLineDto> Lines, int Version);

/// <param name="Suggestion">The replenishment suggestion the line came from, if any.</param>
public sealed record PurchaseOrderLineDto(long Id, string Sku, string SupplierSku, decimal Quantity, decimal Received, decimal UnitPrice, decimal Amount,
    long? Suggestion);
