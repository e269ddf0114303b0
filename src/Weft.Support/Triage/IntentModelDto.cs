namespace Weft.Support.Triage;

/// <param name="Metrics">How it scored on the held-out examples; left out of lists.</param>
internal sealed record IntentModelDto(long Id, DateTime TrainedAt, string TrainedBy, int Examples, int Intents, double HeldOutAccuracy, double Threshold,
    long TrainingMilliseconds, bool Active, IntentEvaluation? Metrics, IReadOnlyList<ConfusedPair>? TopConfusions);
