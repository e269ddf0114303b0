namespace Weft.Support.Triage;

/// <summary>Held-out examples of one intent that the model took for another.</summary>
internal sealed record ConfusedPair(string Intent, string PredictedAs, int Count);
