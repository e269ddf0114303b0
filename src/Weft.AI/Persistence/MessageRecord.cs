using Weft.Platform.Tenancy;

namespace Weft.AI.Persistence;

/// <summary>One message of a thread: the person's (<c>user</c>) or the agent's answer (<c>assistant</c>), written with its run.</summary>
internal sealed class MessageRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long ThreadId { get; set; }
    /// <summary>Its place in the thread, from 1.</summary>
    public int Sequence { get; set; }
    public string Role { get; set; } = "";
    public string Content { get; set; } = "";
    /// <summary>The run that asked (user) or answered (assistant).</summary>
    public long RunId { get; set; }
    public DateTime CreatedAt { get; set; }
}
