namespace Weft.AI.Runs;

/// <summary>One model tried in a run: whether it answered, failed or was skipped, why, how long it took, and what it used and cost.</summary>
public sealed record CallAttempt(string Model, string Provider, string Outcome, string? Reason, TimeSpan Duration, TokenUsage Usage, decimal Cost);
