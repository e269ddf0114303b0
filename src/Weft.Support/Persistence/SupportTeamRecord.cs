using Microsoft.EntityFrameworkCore;
using Weft.Platform.Persistence;
using Weft.Platform.Tenancy;

namespace Weft.Support.Persistence;

/// <summary>
/// A tenant's support team (billing, technical, sales). Its members are the engine's agents holding the capability
/// <c>team:&lt;key&gt;</c>: the engine's assignment routes a conversation of the team to them alone.
/// </summary>
internal sealed class SupportTeamRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }

    public static void Build(ModelBuilder b) => b.Entity<SupportTeamRecord>(e =>
    {
        e.ToTable("support_teams");
        e.HasIndex(x => new { x.TenantId, x.Key }).IsUnique();
        e.Property(x => x.Key).HasMaxLength(64);
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Description).HasMaxLength(1000);
    });
}
