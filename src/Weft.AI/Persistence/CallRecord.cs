using Weft.Platform.Tenancy;

namespace Weft.AI.Persistence;

/// <summary>One model tried in a run: answered, failed or skipped, and why.</summary>
internal sealed class CallRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long RunId { get; set; }
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
