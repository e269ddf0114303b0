using Weft.Platform.Tenancy;

namespace Weft.AI.Persistence;

/// <summary>
/// One call to a model, or one model of a run's chain skipped: answered, failed or skipped, and why. Most belong to a
/// run; the embeddings of a knowledge upload or of a retrieval test belong to no run and name their knowledge base.
/// </summary>
internal sealed class CallRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    /// <summary>The run it was made for; null for a knowledge base's own embeddings.</summary>
    public long? RunId { get; set; }
    /// <summary>When it counts: its run's start, or when it was made when it has no run.</summary>
    public DateTime At { get; set; }
    /// <summary>What it was made for when not for a run: <c>knowledge:{base}</c>.</summary>
    public string? Subject { get; set; }
    public int Sequence { get; set; }
    public string Model { get; set; } = "";
    public string Provider { get; set; } = "";
    public string Outcome { get; set; } = "";
    public string? Reason { get; set; }
    public double DurationMs { get; set; }
    public long InputTokens { get; set; }
    public long OutputTokens { get; set; }
    public long CachedInputTokens { get; set; }
    public decimal Cost { get; set; }
}
