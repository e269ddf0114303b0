using Microsoft.Extensions.Configuration;

namespace Weft.Support.Conversations.Attachments;

/// <summary>
/// The installation's attachment limits (<c>Weft:Support:Attachments:MaxFileBytes</c>, <c>MaxFilesPerMessage</c>,
/// <c>AllowedTypes</c>), which a tenant's own settings override field by field: 10 MB a file, 5 files a message,
/// images, PDF, text, CSV and Office documents by default.
/// </summary>
internal sealed class AttachmentDefaults(IConfiguration configuration)
{
    /// <summary>No file is ever larger than this, whatever a tenant sets: it bounds what a request may carry.</summary>
    public const long HardMaxFileBytes = 25L * 1024 * 1024;
    public const int HardMaxFilesPerMessage = 20;
    public const long DefaultMaxFileBytes = 10L * 1024 * 1024;
    public const int DefaultMaxFilesPerMessage = 5;

    /// <summary>How long an upload waits for the message that takes it before it is deleted.</summary>
    public static readonly TimeSpan UploadLifetime = TimeSpan.FromHours(24);

    public long MaxFileBytes { get; } = Math.Clamp(configuration.GetValue("Weft:Support:Attachments:MaxFileBytes", DefaultMaxFileBytes), 1, HardMaxFileBytes);

    public int MaxFilesPerMessage { get; } =
        Math.Clamp(configuration.GetValue("Weft:Support:Attachments:MaxFilesPerMessage", DefaultMaxFilesPerMessage), 1, HardMaxFilesPerMessage);

    public IReadOnlyList<string> AllowedTypes { get; } =
        configuration.GetSection("Weft:Support:Attachments:AllowedTypes").Get<string[]>() is { Length: > 0 } types
            ? [.. types.Select(t => t.Trim().ToLowerInvariant()).Where(FileTypes.Known.Contains).Distinct()]
            : FileTypes.Known;
}
