namespace Weft.Support.Triage;

/// <summary>One labelled text the classifier learns from or is scored on.</summary>
internal sealed record IntentExample(string Text, string Intent);
