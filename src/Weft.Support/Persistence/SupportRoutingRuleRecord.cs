using Microsoft.EntityFrameworkCore;
using Weft.Platform.Tenancy;

namespace Weft.Support.Persistence;

/// <summary>The team a conversation of an intent goes to (<c>*</c>: every intent without a rule of its own).</summary>
internal sealed class SupportRoutingRuleRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public string Intent { get; set; } = "";
    public string Team { get; set; } = "";
    public DateTime UpdatedAt { get; set; }

    public static void Build(ModelBuilder b) => b.Entity<SupportRoutingRuleRecord>(e =>
    {
        e.ToTable("support_routing_rules");
        e.HasIndex(x => new { x.TenantId, x.Intent }).IsUnique();
        e.HasIndex(x => new { x.TenantId, x.Team });
        e.Property(x => x.Intent).HasMaxLength(100);
        e.Property(x => x.Team).HasMaxLength(64);
    });
}
