using Microsoft.EntityFrameworkCore;
using Weft.Platform.Tenancy;

namespace Weft.Market.Persistence;

/// <summary>A supplier's certificate (ISO 9001, IATF 16949, REACH, a conflict-minerals report) with its validity; an expired one takes the badge away.</summary>
internal sealed class CertificationRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long OrganizationId { get; set; }
    public string Kind { get; set; } = "";
    public string? Number { get; set; }
    public string? Issuer { get; set; }
    public DateTime IssuedOn { get; set; }
    public DateTime ExpiresOn { get; set; }
    /// <summary>The scanned certificate, one of the supplier's documents.</summary>
    public long? DocumentId { get; set; }
    public DateTime CreatedAt { get; set; }

    public static void Build(ModelBuilder b) => b.Entity<CertificationRecord>(e =>
    {
        e.ToTable("market_certifications");
        e.HasIndex(x => new { x.TenantId, x.OrganizationId });
        e.HasIndex(x => new { x.TenantId, x.ExpiresOn });
        e.Property(x => x.Kind).HasMaxLength(40);
        e.Property(x => x.Number).HasMaxLength(100);
        e.Property(x => x.Issuer).HasMaxLength(200);
    });
}
