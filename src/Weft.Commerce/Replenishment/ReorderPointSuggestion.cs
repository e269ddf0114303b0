namespace Weft.Commerce.Replenishment;

/// <summary>
/// When to reorder: once the inventory position falls to <see cref="ReorderLevel"/>. The unrounded figures are kept
/// beside it so that a test, or a planner, can follow each step.
/// </summary>
internal sealed record ReorderPointSuggestion(
    double Z,
    double DemandDuringLeadTime,
    double DeviationDuringLeadTime,
    double SafetyStock,
    double ReorderPoint,
    decimal ReorderLevel,
    Explanation Explanation);
