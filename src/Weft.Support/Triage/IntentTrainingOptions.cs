namespace Weft.Support.Triage;

/// <summary>
/// The pipeline's choices. The defaults were chosen on a validation part of BANKING77's and CLINC150's training sets
/// (docs/benchmarks.md, "Intent triage"), never on their test sets.
/// </summary>
internal sealed record IntentTrainingOptions
{
    public static IntentTrainingOptions Default { get; } = new();

    /// <summary>Word n-grams up to this length (all shorter lengths too).</summary>
    public int WordNgrams { get; init; } = 2;

    /// <summary>Character n-grams up to this length (all shorter lengths too), across word boundaries.</summary>
    public int CharNgrams { get; init; } = 5;

    /// <summary>L2 regularization of the maximum-entropy trainer; null lets the trainer pick.</summary>
    public float? L2 { get; init; }

    public IntentTrainer Trainer { get; init; } = IntentTrainer.Sdca;

    public int MaximumIterations { get; init; } = 50;

    /// <summary>Every random choice (the trainer's shuffling, the held-out split) starts from it, so a training run repeats exactly.</summary>
    public int Seed { get; init; } = 7;
}
