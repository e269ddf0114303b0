using Microsoft.EntityFrameworkCore;
using Weft.Platform.Persistence;
using Weft.Platform.Tenancy;

namespace Weft.Market.Persistence;

/// <summary>A supplier's application for the verified badge, checked by the operator's staff in the verification flow (its job).</summary>
internal sealed class ApplicationRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long OrganizationId { get; set; }
    public string State { get; set; } = "";
    public string? Message { get; set; }
    public long? JobId { get; set; }
    public string SubmittedBy { get; set; } = "";
    public DateTime SubmittedAt { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? Reason { get; set; }
    public int Version { get; set; }

    public static void Build(ModelBuilder b) => b.Entity<ApplicationRecord>(e =>
    {
        e.ToTable("market_applications");
        e.HasIndex(x => new { x.TenantId, x.State, x.SubmittedAt });
        e.HasIndex(x => new { x.TenantId, x.OrganizationId });
        e.Property(x => x.State).HasMaxLength(16);
        e.Property(x => x.Message).HasMaxLength(2000);
        e.Property(x => x.SubmittedBy).HasMaxLength(200);
        e.Property(x => x.DecidedBy).HasMaxLength(200);
        e.Property(x => x.Reason).HasMaxLength(1000);
    });
}
