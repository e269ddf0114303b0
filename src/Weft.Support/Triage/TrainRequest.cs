namespace Weft.Support.Triage;

/// <param name="Threshold">The probability below which the model answers unknown (0–1); <see cref="IntentModels.DefaultThreshold"/> when left out.</param>
/// <param name="HeldOutPercent">Share of each intent's examples set aside to score the model (5–50); 20 when left out.</param>
internal sealed record TrainRequest(double? Threshold = null, int? HeldOutPercent = null);
