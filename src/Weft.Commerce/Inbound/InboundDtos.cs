namespace Weft.Commerce.Inbound;

/// <param name="PurchaseOrder">The order's id: it must be approved or sent (or partly received).</param>
/// <param name="ExpectedAt">When the goods arrive: the receiving task is due then.</param>
/// <param name="Lines">1-500 lines: the SKUs (on the order) and lots the supplier says it sent.</param>
public sealed record CreateAsnRequest(long? PurchaseOrder, DateTime? ExpectedAt, IReadOnlyList<AsnLineRequest>? Lines);

public sealed record AsnLineRequest(string? Sku, decimal? Quantity, string? Lot = null);

/// <param name="Lines">What arrived, one line per SKU and lot: good units and damaged ones. A SKU or lot of the notice not
/// given arrived not at all (short).</param>
public sealed record ReceiveRequest(IReadOnlyList<ReceiveLineRequest>? Lines);

public sealed record ReceiveLineRequest(string? Sku, decimal? Received, decimal? Damaged = null, string? Lot = null);

/// <param name="Lines">The results of each line awaiting inspection.</param>
public sealed record InspectRequest(IReadOnlyList<InspectLineRequest>? Lines);

/// <param name="Line">The receipt line's id.</param>
public sealed record InspectLineRequest(long? Line, IReadOnlyList<QcResultRequest>? Results, string? Note = null);

/// <param name="Bin">What was scanned: the bin's path (its barcode says the same).</param>
public sealed record ConfirmPutawayRequest(string? Bin);

/// <param name="Rule"><c>none</c>, <c>every_nth</c>, <c>random_sample</c> or <c>every_unit</c>.</param>
/// <param name="Every">every_nth: inspect the 1st, (1+n)th, (1+2n)th… receipt.</param>
/// <param name="SampleRate">random_sample: the share of receipts inspected (0-1).</param>
/// <param name="SampleSize">Units inspected of a checked receipt (0 or left out: all).</param>
/// <param name="Checks">What the inspector checks (at most 20).</param>
public sealed record QcRuleRequest(string? Rule, int? Every = null, double? SampleRate = null, int? SampleSize = null, IReadOnlyList<QcCheckDefinition>? Checks = null);

public sealed record QcRuleDto(string Product, string Rule, int Every, double SampleRate, int SampleSize, IReadOnlyList<QcCheckDefinition> Checks, int Version);

/// <param name="Kind"><c>fixed_bin</c> (with <paramref name="Sku"/>) or <c>category_zone</c> (with <paramref name="Category"/>).</param>
/// <param name="Location">The bin, or the zone whose bins take the category.</param>
public sealed record PutawayRuleRequest(string? Kind, string? Location, string? Sku = null, string? Category = null);

public sealed record PutawayRuleDto(long Id, string Kind, string Sku, string Category, string Location);

/// <param name="State">expected → received → inspected → put_away.</param>
/// <param name="Job">The inbound flow's job.</param>
/// <param name="Step">Where its flow is: the open work item's node (receive, inspect, putaway) or what the software agents are doing.</param>
public sealed record AsnDto(long Id, string Number, long PurchaseOrder, string PurchaseOrderNumber, string Supplier, string SupplierName, string Warehouse,
    DateTime ExpectedAt, string State, long? Job, string? Step, IReadOnlyList<AsnLineDto> Lines, IReadOnlyList<ReceiptLineDto> Receipt,
    IReadOnlyList<PutawayTaskDto> Putaway, IReadOnlyList<SupplierReturnDto> Returns, string CreatedBy, DateTime CreatedAt, string? ReceivedBy,
    DateTime? ReceivedAt, DateTime? EndedAt, int Version);

public sealed record AsnLineDto(string Sku, string ProductName, string Lot, decimal Quantity);

/// <param name="Discrepancies">short, over, damaged, unexpected_sku, wrong_lot.</param>
/// <param name="Qc">not_required, pending, passed or failed.</param>
/// <param name="Checks">The checks its product's rule asks for (what the inspection form shows).</param>
public sealed record ReceiptLineDto(long Id, string Sku, string Lot, decimal Expected, decimal Received, decimal Damaged, IReadOnlyList<string> Discrepancies,
    string Qc, decimal QcSample, IReadOnlyList<QcCheckDefinition> Checks, IReadOnlyList<QcResultDto> Results, decimal PutAway);

/// <param name="Rule">Why this bin: fixed_bin, consolidation, category_zone or closest.</param>
public sealed record PutawayTaskDto(long Id, string Sku, string Lot, decimal Quantity, string From, string To, string Rule, string State, string? DoneBy,
    DateTime? DoneAt);

/// <param name="Reason">damaged or qc_failed.</param>
/// <param name="State">open (in quarantine) or shipped.</param>
public sealed record SupplierReturnDto(long Id, string Number, string Supplier, string Sku, string Lot, decimal Quantity, string Reason, string Note,
    string State, DateTime CreatedAt, DateTime? ShippedAt, int Version);
