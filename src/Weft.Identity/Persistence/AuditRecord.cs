using Weft.Platform.Tenancy;

namespace Weft.Identity.Persistence;

/// <summary>
/// An entry of the tenant's audit trail: who signed in, who changed what. The identity module writes
/// its own entries with the change they record; other modules' entries arrive as integration events
/// (<see cref="SourceMessageId"/> names the event).
/// </summary>
internal sealed class AuditRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public string Type { get; set; } = "";
    public DateTime At { get; set; }
    public string? Actor { get; set; }
    public string? DataJson { get; set; }
    public long? SourceMessageId { get; set; }
}
