using Microsoft.EntityFrameworkCore;
using Weft.Support.Persistence;

namespace Weft.Support.Conversations.Attachments;

/// <summary>The limits in force for a tenant: its own settings where it has them, the installation's defaults elsewhere.</summary>
internal sealed record AttachmentLimits(long MaxFileBytes, int MaxFilesPerMessage, IReadOnlyList<string> AllowedTypes, int Version)
{
    public static async Task<AttachmentLimits> OfAsync(SupportDbContext db, AttachmentDefaults defaults, CancellationToken ct)
    {
        var own = await db.AttachmentSettings.AsNoTracking().FirstOrDefaultAsync(ct);
        var types = own?.AllowedTypesJson is { } json ? System.Text.Json.JsonSerializer.Deserialize<string[]>(json) ?? [] : null;
        return new AttachmentLimits(own?.MaxFileBytes ?? defaults.MaxFileBytes, own?.MaxFilesPerMessage ?? defaults.MaxFilesPerMessage,
            types ?? defaults.AllowedTypes, own?.Version ?? 0);
    }

    public AttachmentLimitsDto ToDto() => new(MaxFileBytes, MaxFilesPerMessage, AllowedTypes, Version);
}
