using Weft.Platform.Tenancy;

namespace Weft.AI.Persistence;

/// <summary>
/// One version of an AI agent's instructions. Number 0 is the agent's draft (edited in place); numbers from 1 are
/// published versions, never changed again; the profile names the active one.
/// </summary>
internal sealed class PersonaRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public string AgentKey { get; set; } = "";
    public int Number { get; set; }
    public string Instructions { get; set; } = "";
    public string? Note { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
