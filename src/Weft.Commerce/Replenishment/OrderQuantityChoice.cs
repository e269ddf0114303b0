namespace Weft.Commerce.Replenishment;

/// <summary>
/// The quantity to put on the purchase order once the supplier's terms are applied, its price when the terms have
/// prices, and the candidates it was chosen from (cheapest first).
/// </summary>
internal sealed record OrderQuantityChoice(
    decimal Wanted,
    decimal Quantity,
    decimal? UnitPrice,
    decimal? Cost,
    IReadOnlyList<OrderCandidate> Candidates,
    Explanation Explanation);
