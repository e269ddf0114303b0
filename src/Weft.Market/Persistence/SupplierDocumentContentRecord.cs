using Microsoft.EntityFrameworkCore;
using Weft.Platform.Tenancy;

namespace Weft.Market.Persistence;

/// <summary>The bytes of a <see cref="SupplierDocumentRecord"/>, apart so that lists never load them; who may read them is the document's rule.</summary>
internal sealed class SupplierDocumentContentRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long DocumentId { get; set; }
    public long OrganizationId { get; set; }
    public bool Public { get; set; }
    public byte[] Bytes { get; set; } = [];

    public static void Build(ModelBuilder b) => b.Entity<SupplierDocumentContentRecord>(e =>
    {
        e.ToTable("market_supplier_document_contents");
        e.HasIndex(x => new { x.TenantId, x.DocumentId }).IsUnique();
    });
}
