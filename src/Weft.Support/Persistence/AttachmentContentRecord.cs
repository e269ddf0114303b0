using Microsoft.EntityFrameworkCore;
using Weft.Platform.Tenancy;

namespace Weft.Support.Persistence;

/// <summary>The bytes of an attachment, apart from its row so that listing messages and files never reads them.</summary>
internal sealed class AttachmentContentRecord : ITenantOwned
{
    public long AttachmentId { get; set; }
    public long TenantId { get; set; }
    public byte[] Content { get; set; } = [];

    public static void Build(ModelBuilder b) => b.Entity<AttachmentContentRecord>(e =>
    {
        e.ToTable("support_attachment_contents");
        e.HasKey(x => x.AttachmentId);
        e.Property(x => x.AttachmentId).ValueGeneratedNever();
    });
}
