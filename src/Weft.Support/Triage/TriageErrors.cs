namespace Weft.Support.Triage;

/// <summary>The problem codes of triage, in one place.</summary>
internal static class TriageErrors
{
    /// <summary>400: a training file with rows that cannot be read or checked; nothing of it was added.</summary>
    public const string ExamplesInvalid = "triage_examples_invalid";
    public const string FileTooLarge = "file_too_large";
    /// <summary>422: training needs at least two intents.</summary>
    public const string TooFewIntents = "triage_too_few_intents";
    /// <summary>422: an intent has too few examples to learn from and score on.</summary>
    public const string TooFewExamples = "triage_too_few_examples";
    /// <summary>409: the tenant's classifier is being trained already.</summary>
    public const string TrainingInProgress = "triage_training_in_progress";
    /// <summary>409: nothing to classify with until a model has been trained.</summary>
    public const string NoActiveModel = "triage_no_active_model";
    public const string ModelNotFound = "triage_model_not_found";
}
