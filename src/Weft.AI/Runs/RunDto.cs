namespace Weft.AI.Runs;

/// <summary>A run of an AI agent: its input and answer, the model that answered, tokens and cost, and every model tried.</summary>
/// <param name="Cost">US dollars, at the catalogue's prices when the run was made.</param>
/// <param name="Persona">The persona version the run was given (0: the draft), or null for none.</param>
/// <param name="Thread">The conversation it belongs to; null when its caller keeps the conversation (the OpenAI-compatible endpoint).</param>
/// <param name="ToolRounds">How many times the model searched the knowledge before it answered.</param>
/// <param name="Sources">The knowledge chunks it was given, numbered as the answer cites them ([1]), with whether it did.</param>
public sealed record RunDto(long Id, string Agent, string State, string Input, int? Persona, string? Output, string? AnsweredBy, TokenUsage Usage, decimal Cost,
    string? ErrorCode, string? Error, string? Actor, DateTime StartedAt, DateTime? EndedAt, IReadOnlyList<CallDto> Calls,
    long? Thread = null, int ToolRounds = 0, IReadOnlyList<RunSourceDto>? Sources = null);

/// <summary>A knowledge chunk a run was given, as it was then.</summary>
/// <param name="Rank">Its number in the run: the answer cites it as [Rank].</param>
public sealed record RunSourceDto(int Rank, long Chunk, long Document, string Base, string DocumentName, string Heading, string Text, double Score, bool Cited);

/// <summary>One model tried in a run.</summary>
public sealed record CallDto(string Model, string Provider, string Outcome, string? Reason, double DurationMs, TokenUsage Usage, decimal Cost);

/// <param name="Input">What the agent is asked (1-32,000 characters).</param>
/// <param name="Variables">Values for the persona's variables: <c>{{customer.name}}</c> reads <c>customer.name</c> here.</param>
/// <param name="Persona">The persona version to use: <c>draft</c> to try the draft, a number, or nothing for the active one.</param>
/// <param name="Thread">A conversation to continue (its earlier messages go with the input); left out, the run starts a new one.</param>
/// <param name="Query">What the agent's knowledge is searched with before the model is asked; left out, the input.</param>
public sealed record RunRequest(string? Input, System.Text.Json.Nodes.JsonObject? Variables = null, string? Persona = null, long? Thread = null,
    string? Query = null);
