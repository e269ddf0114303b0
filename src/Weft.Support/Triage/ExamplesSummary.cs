namespace Weft.Support.Triage;

/// <summary>The tenant's training examples, counted by intent (most first).</summary>
internal sealed record ExamplesSummary(int Total, IReadOnlyList<IntentCount> Intents);
