using Microsoft.EntityFrameworkCore;
using Weft.Platform.Tenancy;

namespace Weft.Market.Persistence;

/// <summary>
/// A file the buyer attached to an RFQ (a drawing, a specification sheet), kept in the database; its bytes are an
/// <see cref="RfqFileContentRecord"/>. Whoever sees the RFQ may read it.
/// </summary>
internal sealed class RfqFileRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long RfqId { get; set; }
    public long BuyerOrganizationId { get; set; }
    public string Name { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public string Sha256 { get; set; } = "";
    public string UploadedBy { get; set; } = "";
    public DateTime UploadedAt { get; set; }

    public static void Build(ModelBuilder b) => b.Entity<RfqFileRecord>(e =>
    {
        e.ToTable("market_rfq_files");
        e.HasIndex(x => new { x.TenantId, x.RfqId });
        e.Property(x => x.Name).HasMaxLength(255);
        e.Property(x => x.ContentType).HasMaxLength(100);
        e.Property(x => x.Sha256).HasMaxLength(64);
        e.Property(x => x.UploadedBy).HasMaxLength(200);
    });
}

/// <summary>The bytes of an <see cref="RfqFileRecord"/>, apart so that the RFQ's reads never load them; who may read them is the file's rule.</summary>
internal sealed class RfqFileContentRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long FileId { get; set; }
    public long RfqId { get; set; }
    public long BuyerOrganizationId { get; set; }
    public byte[] Bytes { get; set; } = [];

    public static void Build(ModelBuilder b) => b.Entity<RfqFileContentRecord>(e =>
    {
        e.ToTable("market_rfq_file_contents");
        e.HasIndex(x => new { x.TenantId, x.FileId }).IsUnique();
    });
}
