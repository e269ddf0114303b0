namespace Weft.Commerce.Replenishment;

/// <summary>What a periodic review orders now: enough to bring the inventory position up to <see cref="OrderUpToLevel"/>.</summary>
internal sealed record OrderUpToSuggestion(
    double Z,
    double DemandOverProtection,
    double DeviationOverProtection,
    double SafetyStock,
    double OrderUpToLevel,
    decimal InventoryPosition,
    double Needed,
    decimal Quantity,
    Explanation Explanation);
