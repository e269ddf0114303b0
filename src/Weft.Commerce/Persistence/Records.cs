using Weft.Platform.Persistence;
using Weft.Platform.Tenancy;

namespace Weft.Commerce.Persistence;

/// <summary>A product: what its variants share (name, category, unit, tracking).</summary>
internal sealed class ProductRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string Category { get; set; } = "";
    /// <summary>The unit its stock is counted in (<see cref="Catalog.Units"/>).</summary>
    public string Unit { get; set; } = "";
    /// <summary><c>none</c>, <c>lot</c> or <c>serial</c>.</summary>
    public string Tracking { get; set; } = "";
    public int? ShelfLifeDays { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// One variant of a product: the SKU that stock is kept of. It also holds the SKU's stock in total and its moving
/// average cost, kept with every move; its row is what a move locks, so that moves of one SKU take turns.
/// </summary>
internal sealed class VariantRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long ProductId { get; set; }
    public string Sku { get; set; } = "";
    /// <summary>What sets it apart from the product's other variants, as a JSON object (<c>{"size":"M"}</c>).</summary>
    public string AttributesJson { get; set; } = "{}";
    public string? Barcode { get; set; }
    public decimal? WeightGrams { get; set; }
    public decimal? LengthMm { get; set; }
    public decimal? WidthMm { get; set; }
    public decimal? HeightMm { get; set; }
    /// <summary>The purchase cost a person set (what the supplier usually charges).</summary>
    public decimal Cost { get; set; }
    public decimal Price { get; set; }
    public string Currency { get; set; } = "";
    /// <summary>On hand in all internal locations, kept with every move.</summary>
    public decimal OnHand { get; set; }
    /// <summary>The moving average cost of what is on hand.</summary>
    public decimal AverageCost { get; set; }
    public int Version { get; set; }
}

internal sealed class WarehouseRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string Address { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// A place stock is in or comes from: a warehouse's zone, aisle or bin (internal), or one of the tenant's virtual
/// locations (supplier, customer, adjustment, scrap) that stock enters from and leaves to, so that every move has two sides.
/// </summary>
internal sealed class LocationRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    /// <summary>Null for a virtual location.</summary>
    public long? WarehouseId { get; set; }
    public long? ParentId { get; set; }
    /// <summary>Unique per tenant: the warehouse's key and the codes down the tree (<c>main/A/A-01/A-01-3</c>), or <c>virtual/supplier</c>.</summary>
    public string Path { get; set; } = "";
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Type { get; set; } = "";
    /// <summary>How many units of stock it holds at most; null: no limit.</summary>
    public decimal? Capacity { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>What one internal location holds of one SKU (and lot): derived from the moves, kept with each.</summary>
internal sealed class StockRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long LocationId { get; set; }
    public long VariantId { get; set; }
    /// <summary>The lot or serial number; empty when the product is not tracked.</summary>
    public string Lot { get; set; } = "";
    public decimal OnHand { get; set; }
    public decimal Reserved { get; set; }
}

/// <summary>
/// Stock held for someone (an order, a transfer) at one location: it stays on hand but is not available to others until
/// it is released or a move takes it. What is left of it is <see cref="Quantity"/>.
/// </summary>
internal sealed class ReservationRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long VariantId { get; set; }
    public string Sku { get; set; } = "";
    public long LocationId { get; set; }
    public string Lot { get; set; } = "";
    public decimal Quantity { get; set; }
    public decimal Reserved { get; set; }
    public string Reference { get; set; } = "";
    /// <summary><c>active</c>, <c>released</c> (given back) or <c>consumed</c> (moves took all of it).</summary>
    public string State { get; set; } = "";
    public string Actor { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? EndedAt { get; set; }
}

/// <summary>A count of what one location holds: its variances wait for a manager, whose approval adjusts the stock.</summary>
internal sealed class CountRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long LocationId { get; set; }
    public string Reference { get; set; } = "";
    /// <summary><c>pending</c>, <c>approved</c> or <c>rejected</c>.</summary>
    public string State { get; set; } = "";
    public string CountedBy { get; set; } = "";
    public DateTime CountedAt { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string Note { get; set; } = "";
}

/// <summary>One SKU (and lot) of a count: what the ledger said when it was counted, what was found, and the difference.</summary>
internal sealed class CountLineRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long CountId { get; set; }
    public long VariantId { get; set; }
    public string Sku { get; set; } = "";
    public string Lot { get; set; } = "";
    public decimal Expected { get; set; }
    public decimal Counted { get; set; }
    public decimal Variance { get; set; }
}

/// <summary>One line of the ledger: never changed or deleted once written.</summary>
internal sealed class MoveRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    /// <summary>The moves written together by one request share it (the first move's id).</summary>
    public long Batch { get; set; }
    public long VariantId { get; set; }
    public string Sku { get; set; } = "";
    public long FromLocationId { get; set; }
    public long ToLocationId { get; set; }
    public decimal Quantity { get; set; }
    public string Lot { get; set; } = "";
    public string Reason { get; set; } = "";
    public string Reference { get; set; } = "";
    public string Actor { get; set; } = "";
    public DateTime At { get; set; }
    /// <summary>The cost of one unit as it moved: what was paid for a receipt, the moving average otherwise.</summary>
    public decimal UnitCost { get; set; }
    public decimal Value { get; set; }
    /// <summary>The reservation the move took its stock from, if any.</summary>
    public long? ReservationId { get; set; }
}

/// <summary>A company the merchant buys from: its contact, the currency it sells in, and the lead time it promises.</summary>
internal sealed class SupplierRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string ContactName { get; set; } = "";
    /// <summary>Where purchase orders are emailed.</summary>
    public string Email { get; set; } = "";
    public string Phone { get; set; } = "";
    public string Address { get; set; } = "";
    public string Currency { get; set; } = "";
    /// <summary>Days from sending an order to receiving it, as the supplier promises.</summary>
    public int LeadTimeDays { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>What one supplier sells of one SKU: its own code, price with breaks, minimum order, pack size and lead time.</summary>
internal sealed class SupplierProductRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long SupplierId { get; set; }
    public long VariantId { get; set; }
    public string Sku { get; set; } = "";
    public string SupplierSku { get; set; } = "";
    /// <summary>The price of one unit below the first price break, in the supplier's currency.</summary>
    public decimal UnitPrice { get; set; }
    /// <summary>A JSON array of <c>{"fromQuantity":100,"unitPrice":9.5}</c>.</summary>
    public string PriceBreaksJson { get; set; } = "[]";
    public decimal MinimumOrder { get; set; }
    /// <summary>0: any quantity; otherwise orders are whole packs of this many units.</summary>
    public decimal PackSize { get; set; }
    /// <summary>Null: the supplier's.</summary>
    public int? LeadTimeDays { get; set; }
    /// <summary>The supplier replenishment orders from when several sell the SKU.</summary>
    public bool Preferred { get; set; }
    public int Version { get; set; }
}

/// <summary>How one SKU is kept replenished at one warehouse: its policy and that policy's settings.</summary>
internal sealed class ReplenishmentRuleRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long VariantId { get; set; }
    public string Sku { get; set; } = "";
    public long WarehouseId { get; set; }
    /// <summary><c>reorder_point</c> (with EOQ), <c>min_max</c> or <c>order_up_to</c>.</summary>
    public string Policy { get; set; } = "";
    public double ServiceLevel { get; set; }
    /// <summary>Days of outgoing moves demand is measured over.</summary>
    public int DemandDays { get; set; }
    /// <summary>Daily demand set by hand (null: measured from the ledger).</summary>
    public double? DemandMean { get; set; }
    public double? DemandDeviation { get; set; }
    public decimal Min { get; set; }
    public decimal Max { get; set; }
    public decimal Multiple { get; set; }
    public int ReviewDays { get; set; }
    /// <summary>The cost of placing one order (EOQ's S).</summary>
    public decimal OrderingCost { get; set; }
    /// <summary>A year's holding cost as a share of the unit cost (EOQ's i).</summary>
    public decimal HoldingRate { get; set; }
    /// <summary>Null: the SKU's preferred supplier.</summary>
    public long? SupplierId { get; set; }
    public int Version { get; set; }
}

/// <summary>What a planning run proposes to buy of one SKU for one warehouse, with how it was worked out.</summary>
internal sealed class SuggestionRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    /// <summary>The planning run that made it (<c>2026-12-04</c> for the daily run, or <c>manual-…</c>).</summary>
    public string Run { get; set; } = "";
    public long VariantId { get; set; }
    public string Sku { get; set; } = "";
    public long WarehouseId { get; set; }
    public long SupplierId { get; set; }
    public string Policy { get; set; } = "";
    /// <summary>The inventory position (on hand + incoming − outgoing) when it was planned.</summary>
    public decimal Position { get; set; }
    /// <summary>The level the policy reorders at (reorder point, min, or the order-up-to level).</summary>
    public decimal ReorderLevel { get; set; }
    /// <summary>What the policy wanted before the supplier's terms.</summary>
    public decimal Wanted { get; set; }
    public decimal Quantity { get; set; }
    public decimal UnitPrice { get; set; }
    public decimal Amount { get; set; }
    public string Currency { get; set; } = "";
    public string ExplanationJson { get; set; } = "{}";
    /// <summary><c>proposed</c>, <c>approved</c>, <c>rejected</c>, <c>ordered</c> or <c>superseded</c>.</summary>
    public string State { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
    public long? PurchaseOrderId { get; set; }
    public int Version { get; set; }
}

/// <summary>An order to one supplier for one warehouse.</summary>
internal sealed class PurchaseOrderRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public string Number { get; set; } = "";
    public long SupplierId { get; set; }
    public long WarehouseId { get; set; }
    /// <summary><c>draft</c>, <c>approved</c>, <c>sent</c>, <c>partly_received</c>, <c>received</c>, <c>closed</c> or <c>cancelled</c>.</summary>
    public string State { get; set; } = "";
    public string Currency { get; set; } = "";
    public decimal Total { get; set; }
    public string Note { get; set; } = "";
    /// <summary>When the goods are due: from the lead time once sent.</summary>
    public DateTime? ExpectedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string? ApprovedBy { get; set; }
    public DateTime? ApprovedAt { get; set; }
    public DateTime? SentAt { get; set; }
    /// <summary>Where it was emailed, and whether that worked (the last attempt's error otherwise).</summary>
    public string? SentTo { get; set; }
    public string? SendError { get; set; }
    public DateTime? FirstReceiptAt { get; set; }
    public DateTime? ReceivedAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public int Version { get; set; }
}

internal sealed class PurchaseOrderLineRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long OrderId { get; set; }
    public long VariantId { get; set; }
    public string Sku { get; set; } = "";
    public string SupplierSku { get; set; } = "";
    public decimal Quantity { get; set; }
    public decimal Received { get; set; }
    public decimal UnitPrice { get; set; }
    public decimal Amount { get; set; }
    public long? SuggestionId { get; set; }
}

/// <summary>An advance shipping notice: what a supplier says is on its way against a purchase order, and the inbound flow that receives it.</summary>
internal sealed class AsnRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public string Number { get; set; } = "";
    public long PurchaseOrderId { get; set; }
    public long SupplierId { get; set; }
    public long WarehouseId { get; set; }
    public DateTime ExpectedAt { get; set; }
    /// <summary><c>expected</c>, <c>received</c>, <c>inspected</c>, <c>put_away</c>.</summary>
    public string State { get; set; } = "";
    public long? JobId { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string? ReceivedBy { get; set; }
    public DateTime? ReceivedAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>One line of a notice: a SKU (and lot) and how many the supplier says it sent.</summary>
internal sealed class AsnLineRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long AsnId { get; set; }
    public long VariantId { get; set; }
    public string Sku { get; set; } = "";
    public string Lot { get; set; } = "";
    public decimal Quantity { get; set; }
}

/// <summary>
/// What was received of one SKU and lot against a notice: the good and damaged units, the discrepancies found, its
/// quality control, and how much of it was put away.
/// </summary>
internal sealed class ReceiptLineRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long AsnId { get; set; }
    public long VariantId { get; set; }
    public string Sku { get; set; } = "";
    public string Lot { get; set; } = "";
    /// <summary>What the notice announced of this SKU and lot (0 when it was not on it).</summary>
    public decimal Expected { get; set; }
    /// <summary>Good units, now in the receiving location.</summary>
    public decimal Received { get; set; }
    /// <summary>Damaged units, sent to quarantine for a supplier return.</summary>
    public decimal Damaged { get; set; }
    /// <summary>Comma-separated: <c>short</c>, <c>over</c>, <c>damaged</c>, <c>unexpected_sku</c>, <c>wrong_lot</c>.</summary>
    public string Discrepancies { get; set; } = "";
    public decimal UnitCost { get; set; }
    /// <summary><c>not_required</c>, <c>pending</c>, <c>passed</c> or <c>failed</c>.</summary>
    public string Qc { get; set; } = "";
    /// <summary>How many units the rule says to inspect.</summary>
    public decimal QcSample { get; set; }
    public decimal PutAway { get; set; }
}

/// <summary>How one product's receipts are checked: the sampling rule and the checks made.</summary>
internal sealed class QcRuleRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long ProductId { get; set; }
    /// <summary><c>none</c>, <c>every_nth</c> (every nth receipt), <c>random_sample</c> (a share of receipts) or <c>every_unit</c>.</summary>
    public string Rule { get; set; } = "";
    public int Every { get; set; }
    public double SampleRate { get; set; }
    /// <summary>Units inspected of a checked receipt (0: all of them).</summary>
    public int SampleSize { get; set; }
    /// <summary>A JSON array of checks: <c>{"name":"weight","kind":"measure","norm":250,"tolerance":5,"unit":"g"}</c> or <c>{"name":"seal intact","kind":"pass_fail"}</c>.</summary>
    public string ChecksJson { get; set; } = "[]";
    public int Version { get; set; }
}

/// <summary>One inspection of a received SKU and lot: its results, and whether it passed.</summary>
internal sealed class QcCheckRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long ReceiptLineId { get; set; }
    public long SupplierId { get; set; }
    public long VariantId { get; set; }
    public string Lot { get; set; } = "";
    public bool Passed { get; set; }
    public string ResultsJson { get; set; } = "[]";
    public string Inspector { get; set; } = "";
    public DateTime At { get; set; }
}

/// <summary>Goods going back to a supplier (failed quality control, damaged on arrival), waiting in quarantine until shipped.</summary>
internal sealed class SupplierReturnRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public string Number { get; set; } = "";
    public long SupplierId { get; set; }
    public long PurchaseOrderId { get; set; }
    public long AsnId { get; set; }
    public long VariantId { get; set; }
    public string Sku { get; set; } = "";
    public string Lot { get; set; } = "";
    public decimal Quantity { get; set; }
    /// <summary><c>damaged</c> or <c>qc_failed</c>.</summary>
    public string Reason { get; set; } = "";
    public string Note { get; set; } = "";
    /// <summary><c>open</c> (in quarantine), <c>shipped</c> (gone back: moved out to the supplier).</summary>
    public string State { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? ShippedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>A rule of where goods are put away: a product's fixed bin, or a category's zone.</summary>
internal sealed class PutawayRuleRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    /// <summary><c>fixed_bin</c> (for <see cref="Sku"/>) or <c>category_zone</c> (for <see cref="Category"/> and everything under it).</summary>
    public string Kind { get; set; } = "";
    public string Sku { get; set; } = "";
    public string Category { get; set; } = "";
    public long LocationId { get; set; }
}

/// <summary>One putaway: a quantity of a received SKU and lot to take from receiving to a suggested bin, confirmed by scanning the bin.</summary>
internal sealed class PutawayTaskRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long AsnId { get; set; }
    public long ReceiptLineId { get; set; }
    public long VariantId { get; set; }
    public string Sku { get; set; } = "";
    public string Lot { get; set; } = "";
    public decimal Quantity { get; set; }
    public long FromLocationId { get; set; }
    public long ToLocationId { get; set; }
    /// <summary>Why this bin: <c>fixed_bin</c>, <c>consolidation</c>, <c>category_zone</c> or <c>closest</c>.</summary>
    public string Rule { get; set; } = "";
    /// <summary><c>open</c> or <c>done</c>.</summary>
    public string State { get; set; } = "";
    public string? DoneBy { get; set; }
    public DateTime? DoneAt { get; set; }
    public int Version { get; set; }
}
