using Weft.Platform.Errors;

namespace Weft.Support.Triage;

/// <summary>What a set of examples needs before a model is trained on it, and the request's own bounds.</summary>
internal static class TrainingRules
{
    public const int MinIntents = 2;
    /// <summary>An intent needs a few examples to learn from and at least one to be scored on.</summary>
    public const int MinExamplesPerIntent = 5;
    public const int DefaultHeldOutPercent = 20;

    public static (double Threshold, int HeldOutPercent) Check(TrainRequest request, double defaultThreshold)
    {
        var errors = new FieldErrors();
        if (request.Threshold is { } t && (double.IsNaN(t) || t is < 0 or > 1)) errors.Add("threshold", "The threshold is a probability, from 0 to 1.");
        if (request.HeldOutPercent is { } p && p is < 5 or > 50) errors.Add("heldOutPercent", "Hold out 5 to 50 percent of each intent's examples.");
        errors.ThrowIfAny();
        return (request.Threshold ?? defaultThreshold, request.HeldOutPercent ?? DefaultHeldOutPercent);
    }

    public static void CannotTrainOnTooFewExamples(IReadOnlyList<IntentExample> examples)
    {
        var counts = examples.GroupBy(e => e.Intent, StringComparer.Ordinal).Select(g => (Intent: g.Key, Count: g.Count())).ToList();
        if (counts.Count < MinIntents)
            throw WeftException.Rule(TriageErrors.TooFewIntents,
                $"A classifier tells intents apart: it needs examples of at least {MinIntents} intents, and there {(counts.Count == 1 ? "is 1" : $"are {counts.Count}")}.");
        var lacking = counts.Where(c => c.Count < MinExamplesPerIntent).OrderBy(c => c.Intent, StringComparer.Ordinal).ToList();
        if (lacking.Count > 0)
            throw WeftException.Rule(TriageErrors.TooFewExamples,
                $"Each intent needs at least {MinExamplesPerIntent} examples; {lacking.Count} {(lacking.Count == 1 ? "has" : "have")} fewer.",
                lacking.Select(c => new IntentCount(c.Intent, c.Count)).ToList());
    }
}
