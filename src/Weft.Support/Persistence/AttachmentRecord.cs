using Microsoft.EntityFrameworkCore;
using Weft.Platform.Tenancy;

namespace Weft.Support.Persistence;

/// <summary>
/// A file on a message (or uploaded and not yet sent with one): what lists and checks need. Its bytes are a row of
/// <see cref="AttachmentContentRecord"/>, read only when the file is downloaded or mailed.
/// </summary>
internal sealed class AttachmentRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    /// <summary>The message it belongs to; null while it is an upload waiting to be sent.</summary>
    public long? MessageId { get; set; }
    /// <summary>For a customer's upload: the conversation whose token it was sent with (only a message there may take it).</summary>
    public long? ConversationId { get; set; }
    public string Name { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    /// <summary>SHA-256 of the bytes, lowercase hex.</summary>
    public string Sha256 { get; set; } = "";
    /// <summary>Who uploaded it (a person's actor, <c>widget</c> or <c>email</c>): only a message by the same may take it.</summary>
    public string UploadedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    public static void Build(ModelBuilder b) => b.Entity<AttachmentRecord>(e =>
    {
        e.ToTable("support_attachments");
        e.HasIndex(x => new { x.TenantId, x.MessageId });
        e.HasIndex(x => new { x.TenantId, x.ConversationId });
        e.Property(x => x.Name).HasMaxLength(255);
        e.Property(x => x.ContentType).HasMaxLength(128);
        e.Property(x => x.Sha256).HasMaxLength(64);
        e.Property(x => x.UploadedBy).HasMaxLength(200);
    });
}
