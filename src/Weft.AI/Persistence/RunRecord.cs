using Weft.Platform.Tenancy;

namespace Weft.AI.Persistence;

/// <summary>One run of an AI agent on an input: what it answered, which model answered, what it used and cost.</summary>
internal sealed class RunRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public string AgentKey { get; set; } = "";
    /// <summary><see cref="Runs.RunStates"/>.</summary>
    public string State { get; set; } = "";
    public string Input { get; set; } = "";
    /// <summary>The conversation it belongs to; null for a run whose caller keeps the conversation (the OpenAI-compatible endpoint).</summary>
    public long? ThreadId { get; set; }
    /// <summary>How many times the model called tools before it answered.</summary>
    public int ToolRounds { get; set; }
    /// <summary>The persona version the run was given: 0 for the draft (a test), null for none.</summary>
    public int? Persona { get; set; }
    public string? Output { get; set; }
    public string? AnsweredBy { get; set; }
    public long InputTokens { get; set; }
    public long OutputTokens { get; set; }
    public long CachedInputTokens { get; set; }
    /// <summary>US dollars, at the catalogue's prices when the run was made.</summary>
    public decimal Cost { get; set; }
    public string? ErrorCode { get; set; }
    public string? Error { get; set; }
    public string? Actor { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }
}
