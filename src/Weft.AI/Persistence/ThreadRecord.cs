using Weft.Platform.Tenancy;

namespace Weft.AI.Persistence;

/// <summary>A conversation with an AI agent: its messages persist, and each run in it answers with the ones before.</summary>
internal sealed class ThreadRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public string AgentKey { get; set; } = "";
    /// <summary>The start of its first message, to tell threads apart.</summary>
    public string Title { get; set; } = "";
    public string? CreatedBy { get; set; }
    public int Messages { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
