using Weft.Platform.Tenancy;

namespace Weft.Identity.Persistence;

/// <summary>
/// An entry of the engine's event log (<c>flow_events</c>), written by the security module in the
/// same transaction as the change it records: the event log is the audit trail.
/// </summary>
internal sealed class AuditRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public string Type { get; set; } = "";
    public DateTime At { get; set; }
    public string? Actor { get; set; }
    public string? DataJson { get; set; }
}
