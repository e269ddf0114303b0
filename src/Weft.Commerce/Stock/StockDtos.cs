namespace Weft.Commerce.Stock;

/// <param name="Reason">receipt (from the supplier), transfer (between internal locations), pick (to the customer), return (from the
/// customer), adjustment (from or to the adjustment location: found or lost), scrap (to scrap), supplier_return (back to the supplier).</param>
/// <param name="Reference">What it is for: a purchase order, an order, a count (at most 100 characters).</param>
/// <param name="Lines">1-500 lines, all moved or none.</param>
public sealed record MoveRequest(string? Reason, string? Reference, IReadOnlyList<MoveLineRequest>? Lines);

/// <param name="From">A location's path (<c>main/A/A-01-3</c>), or a virtual one (<c>virtual/supplier</c>); left out, the reason's virtual side.</param>
/// <param name="Lot">The lot or serial number, for tracked products only.</param>
/// <param name="UnitCost">What one unit cost, for a receipt (required there); other moves are valued at the moving average cost.</param>
/// <param name="Reservation">A reservation at the line's source that the move takes its stock from (the SKU, location and lot must match).</param>
public sealed record MoveLineRequest(string? Sku, decimal? Quantity, string? From = null, string? To = null, string? Lot = null, decimal? UnitCost = null,
    long? Reservation = null);

public sealed record MoveDto(long Id, long Batch, string Sku, string From, string To, decimal Quantity, string Lot, string Reason, string Reference,
    string Actor, DateTime At, decimal UnitCost, decimal Value, long? Reservation);

/// <param name="Location">The path of the location that holds it.</param>
public sealed record ReserveRequest(string? Sku, string? Location, decimal? Quantity, string? Reference, string? Lot = null);

/// <param name="Quantity">What is still held; <paramref name="Reserved"/> what was reserved at first.</param>
public sealed record ReservationDto(long Id, string Sku, string Location, string Lot, decimal Quantity, decimal Reserved, string Reference, string State,
    string Actor, DateTime CreatedAt, DateTime? EndedAt);

/// <param name="Available">On hand less reserved.</param>
public sealed record StockDto(string Sku, string Location, string Lot, decimal OnHand, decimal Reserved, decimal Available);
