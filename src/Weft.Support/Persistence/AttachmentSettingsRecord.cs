using Microsoft.EntityFrameworkCore;
using Weft.Platform.Persistence;
using Weft.Platform.Tenancy;

namespace Weft.Support.Persistence;

/// <summary>A tenant's own attachment limits; what is null here comes from the installation's configuration.</summary>
internal sealed class AttachmentSettingsRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long? MaxFileBytes { get; set; }
    public int? MaxFilesPerMessage { get; set; }
    /// <summary>The content types accepted, a JSON array of strings.</summary>
    public string? AllowedTypesJson { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }

    public static void Build(ModelBuilder b) => b.Entity<AttachmentSettingsRecord>(e =>
    {
        e.ToTable("support_attachment_settings");
        e.HasIndex(x => x.TenantId).IsUnique();
        e.Property(x => x.AllowedTypesJson).HasMaxLength(4000);
    });
}
