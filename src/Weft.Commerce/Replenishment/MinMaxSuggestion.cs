namespace Weft.Commerce.Replenishment;

/// <summary>What a min/max reordering rule orders now: <see cref="Quantity"/> is 0 when the forecast is above the minimum.</summary>
internal sealed record MinMaxSuggestion(decimal Forecast, bool Triggered, decimal Needed, decimal Quantity, Explanation Explanation);
