using Weft.Platform.Persistence;
using Weft.Platform.Tenancy;
using Weft.Platform.Web.Security;

namespace Weft.Identity.Persistence;

internal sealed class UserRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public string Email { get; set; } = "";
    public string Name { get; set; } = "";
    public string PasswordHash { get; set; } = "";
    public string Role { get; set; } = Roles.Viewer;
    public string? AgentKey { get; set; }
    /// <summary>Changes whenever the password, role or status changes: sessions and tokens carrying the old one end at once.</summary>
    public string SecurityStamp { get; set; } = "";
    public int FailedSignIns { get; set; }
    public DateTime? LockedUntil { get; set; }
    public bool Disabled { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? LastSignInAt { get; set; }
    public int Version { get; set; }
}
