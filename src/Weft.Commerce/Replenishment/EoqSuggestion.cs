namespace Weft.Commerce.Replenishment;

/// <summary>How much to order each time: the economic order quantity, and what a year of ordering it costs.</summary>
internal sealed record EoqSuggestion(
    double Eoq,
    decimal Quantity,
    decimal HoldingPerUnit,
    decimal OrdersPerYear,
    decimal AnnualOrderingCost,
    decimal AnnualHoldingCost,
    decimal TotalAnnualCost,
    Explanation Explanation);
