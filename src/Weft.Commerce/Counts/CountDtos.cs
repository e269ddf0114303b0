namespace Weft.Commerce.Counts;

/// <param name="Location">The path of the location counted.</param>
/// <param name="Lines">What was found, per SKU (and lot): 1-1,000 lines. A SKU the ledger has there and the count leaves out is not counted.</param>
public sealed record CountRequest(string? Location, string? Reference, IReadOnlyList<CountLineRequest>? Lines);

public sealed record CountLineRequest(string? Sku, decimal? Counted, string? Lot = null);

/// <param name="Note">Why (required to reject, optional to approve).</param>
public sealed record DecideCountRequest(string? Note = null);

/// <param name="State">pending, approved or rejected.</param>
public sealed record CountDto(long Id, string Location, string Reference, string State, string CountedBy, DateTime CountedAt, string? DecidedBy,
    DateTime? DecidedAt, string Note, IReadOnlyList<CountLineDto> Lines);

/// <param name="Expected">What the ledger said was there when it was counted.</param>
/// <param name="Variance">Counted less expected: what approval adjusts.</param>
public sealed record CountLineDto(string Sku, string Lot, decimal Expected, decimal Counted, decimal Variance);
