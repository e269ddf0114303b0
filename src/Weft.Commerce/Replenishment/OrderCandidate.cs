namespace Weft.Commerce.Replenishment;

/// <summary>A quantity the supplier accepts, at its unit price, and what it costs: the purchase, or a year of ordering it when costs are known.</summary>
internal sealed record OrderCandidate(decimal Quantity, decimal UnitPrice, decimal Cost);
