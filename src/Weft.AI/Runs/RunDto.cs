namespace Weft.AI.Runs;

/// <summary>A run of an AI agent: its input and answer, the model that answered, tokens and cost, and every model tried.</summary>
/// <param name="Cost">US dollars, at the catalogue's prices when the run was made.</param>
public sealed record RunDto(long Id, string Agent, string State, string Input, string? Output, string? AnsweredBy, TokenUsage Usage, decimal Cost,
    string? ErrorCode, string? Error, string? Actor, DateTime StartedAt, DateTime? EndedAt, IReadOnlyList<CallDto> Calls);

/// <summary>One model tried in a run.</summary>
public sealed record CallDto(string Model, string Provider, string Outcome, string? Reason, double DurationMs, TokenUsage Usage, decimal Cost);

/// <param name="Input">What the agent is asked (1-32,000 characters).</param>
public sealed record RunRequest(string? Input);
