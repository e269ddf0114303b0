namespace Weft.Support.Conversations.Attachments;

/// <summary>A file on a message, as lists show it (its bytes are downloaded apart).</summary>
internal sealed record AttachmentDto(long Id, string Name, string ContentType, long Size);

/// <summary>A file uploaded and waiting to be sent with a message (name its id in the message's <c>attachments</c>) until it expires.</summary>
internal sealed record UploadDto(long Id, string Name, string ContentType, long Size, string Sha256, DateTime ExpiresAt);

/// <summary>What a tenant's messages may carry: the size of one file, how many files, and which content types.</summary>
internal sealed record AttachmentLimitsDto(long MaxFileBytes, int MaxFilesPerMessage, IReadOnlyList<string> AllowedTypes, int Version);

/// <summary>The body of <c>PUT /api/v1/support/attachment-limits</c>: a field left out (null) goes back to the installation's default.</summary>
internal sealed record AttachmentLimitsRequest(long? MaxFileBytes, int? MaxFilesPerMessage, IReadOnlyList<string>? AllowedTypes, int? Version);

/// <summary>A file to download: its row and bytes.</summary>
internal sealed record AttachmentFile(string Name, string ContentType, string Sha256, byte[] Content);
