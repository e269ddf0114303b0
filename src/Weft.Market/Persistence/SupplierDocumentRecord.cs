using Microsoft.EntityFrameworkCore;
using Weft.Platform.Tenancy;

namespace Weft.Market.Persistence;

/// <summary>
/// A file a supplier keeps on its profile (a certificate's scan, its company registration, a specification sheet); the
/// bytes are a <see cref="SupplierDocumentContentRecord"/>. Public ones (specification sheets) anyone may read; the
/// rest only the supplier and the operator's staff.
/// </summary>
internal sealed class SupplierDocumentRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long OrganizationId { get; set; }
    public string Kind { get; set; } = "";
    public string Name { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public string Sha256 { get; set; } = "";
    public bool Public { get; set; }
    public string UploadedBy { get; set; } = "";
    public DateTime UploadedAt { get; set; }

    public static void Build(ModelBuilder b) => b.Entity<SupplierDocumentRecord>(e =>
    {
        e.ToTable("market_supplier_documents");
        e.HasIndex(x => new { x.TenantId, x.OrganizationId });
        e.Property(x => x.Kind).HasMaxLength(40);
        e.Property(x => x.Name).HasMaxLength(255);
        e.Property(x => x.ContentType).HasMaxLength(100);
        e.Property(x => x.Sha256).HasMaxLength(64);
        e.Property(x => x.UploadedBy).HasMaxLength(200);
    });
}
