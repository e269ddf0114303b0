using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Weft.Platform.Errors;
using Weft.Support.Persistence;

namespace Weft.Support.Conversations.Attachments;

/// <summary>
/// Files on messages, in two steps as the large help desks do it: a file is uploaded first (checked against the
/// tenant's limits: its size, its type on the allow-list, and its leading bytes agreeing with that type) and answered
/// with an id; a message then names the ids it carries, and takes them in its own transaction. An upload no message
/// took is deleted after <see cref="AttachmentDefaults.UploadLifetime"/>. A refused upload stores nothing.
/// </summary>
internal sealed class MessageFiles(SupportDb data, AttachmentDefaults defaults)
{
    public const int MaxName = 255;
    public const int MaxUploader = 200;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<AttachmentLimitsDto> LimitsAsync(long tenant, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        return (await AttachmentLimits.OfAsync(db, defaults, ct)).ToDto();
    }

    public async Task<AttachmentLimitsDto> PutLimitsAsync(long tenant, AttachmentLimitsRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        if (request.MaxFileBytes is { } bytes && bytes is < 1 or > AttachmentDefaults.HardMaxFileBytes)
            errors.Add("maxFileBytes", $"'maxFileBytes' is 1 to {AttachmentDefaults.HardMaxFileBytes:N0}.");
        if (request.MaxFilesPerMessage is { } files && files is < 1 or > AttachmentDefaults.HardMaxFilesPerMessage)
            errors.Add("maxFilesPerMessage", $"'maxFilesPerMessage' is 1 to {AttachmentDefaults.HardMaxFilesPerMessage}.");
        var types = request.AllowedTypes?.Select(t => t?.Trim().ToLowerInvariant() ?? "").Distinct().ToList();
        if (types is not null && (types.Count == 0 || types.Any(t => !FileTypes.Known.Contains(t))))
            errors.Add("allowedTypes", $"'allowedTypes' lists one or more of {string.Join(", ", FileTypes.Known)}.");
        errors.ThrowIfAny();
        return await data.ChangeAsync(tenant, async db =>
        {
            var own = await db.AttachmentSettings.FirstOrDefaultAsync(ct);
            if (request.Version is { } version && version != (own?.Version ?? 0))
                throw WeftException.Conflict("stale_version", $"The attachment limits changed meanwhile (version {own?.Version ?? 0}); reload them.");
            if (own is null) db.AttachmentSettings.Add(own = new AttachmentSettingsRecord { Version = 1 });
            own.MaxFileBytes = request.MaxFileBytes;
            own.MaxFilesPerMessage = request.MaxFilesPerMessage;
            own.AllowedTypesJson = types is null ? null : JsonSerializer.Serialize(types);
            own.UpdatedAt = data.Now;
            await db.SaveChangesAsync(ct);
            return (await AttachmentLimits.OfAsync(db, defaults, ct)).ToDto();
        }, ct);
    }

    /// <summary>
    /// Stores an upload of <paramref name="uploadedBy"/> (bound to <paramref name="conversation"/> for a customer's), or
    /// refuses it: 413 <c>attachment_too_large</c>, 415 <c>attachment_type_not_allowed</c> or
    /// <c>attachment_content_mismatch</c>, 422 <c>attachment_empty</c>.
    /// </summary>
    public async Task<UploadDto> UploadAsync(long tenant, string uploadedBy, long? conversation, string? name, string? declaredType, ReadOnlyMemory<byte> content,
        CancellationToken ct)
    {
        var fileName = Name(name);
        var type = FileTypes.Of(fileName, declaredType);
        return await data.ChangeAsync(tenant, async db =>
        {
            var limits = await AttachmentLimits.OfAsync(db, defaults, ct);
            Check(limits, fileName, type, content.Span);
            var now = data.Now;
            // Uploads nobody sent are let go here rather than by a timer: whoever uploads next sweeps the tenant's.
            var expired = now - AttachmentDefaults.UploadLifetime;
            var stale = await db.Attachments.Where(a => a.MessageId == null && a.CreatedAt < expired).Select(a => a.Id).Take(100).ToListAsync(ct);
            if (stale.Count > 0)
            {
                await db.AttachmentContents.Where(c => stale.Contains(c.AttachmentId)).ExecuteDeleteAsync(ct);
                await db.Attachments.Where(a => stale.Contains(a.Id)).ExecuteDeleteAsync(ct);
            }
            var row = new AttachmentRecord
            {
                Name = fileName, ContentType = type, Size = content.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(content.Span)),
                UploadedBy = Owner(uploadedBy), ConversationId = conversation, CreatedAt = now,
            };
            db.Attachments.Add(row);
            await db.SaveChangesAsync(ct);
            db.AttachmentContents.Add(new AttachmentContentRecord { AttachmentId = row.Id, Content = content.ToArray() });
            await db.SaveChangesAsync(ct);
            return new UploadDto(row.Id, row.Name, row.ContentType, row.Size, row.Sha256, now + AttachmentDefaults.UploadLifetime);
        }, ct);
    }

    /// <summary>
    /// Hands the uploads <paramref name="ids"/> to <paramref name="message"/> (saved, so it has its id) inside the
    /// message's transaction: each must be an upload of <paramref name="uploadedBy"/> not on a message yet (and, for a
    /// customer's, made for this conversation), and there may be no more than the tenant allows.
    /// </summary>
    public async Task AttachAsync(SupportDbContext db, MessageRecord message, IReadOnlyList<long>? ids, string uploadedBy, CancellationToken ct)
    {
        if (ids is not { Count: > 0 }) return;
        var wanted = ids.Distinct().ToList();
        var limits = await AttachmentLimits.OfAsync(db, defaults, ct);
        if (wanted.Count > limits.MaxFilesPerMessage)
            throw WeftException.Rule("too_many_attachments", $"A message carries at most {limits.MaxFilesPerMessage} files; this one names {wanted.Count}.");
        var rows = await db.Attachments.Where(a => wanted.Contains(a.Id)).ToListAsync(ct);
        var owner = Owner(uploadedBy);
        var usable = rows.Where(a => a.MessageId == null && a.UploadedBy == owner
            && (a.ConversationId == null || a.ConversationId == message.ConversationId)).ToDictionary(a => a.Id);
        if (wanted.FirstOrDefault(id => !usable.ContainsKey(id)) is var missing and not 0)
            throw WeftException.Rule("upload_not_usable", $"Upload {missing} does not exist, is not yours, or is on a message already: upload the file again.");
        var listed = new List<AttachmentDto>();
        foreach (var id in wanted)
        {
            var row = usable[id];
            row.MessageId = message.Id;
            row.ConversationId = message.ConversationId;
            listed.Add(new AttachmentDto(row.Id, row.Name, row.ContentType, row.Size));
        }
        message.AttachmentsJson = JsonSerializer.Serialize(listed, Json);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A file for the team: any of the tenant's (another tenant's answers 404).</summary>
    public async Task<AttachmentFile> DownloadAsync(long tenant, long id, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var row = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw NotFound(id);
        return await ContentAsync(db, row, ct);
    }

    /// <summary>
    /// A file for the customer of <paramref name="conversation"/> (whose token the caller proved): one on a message of
    /// theirs that they may see (not an internal note's), or their own upload not sent yet.
    /// </summary>
    public async Task<AttachmentFile> DownloadForCustomerAsync(long tenant, long conversation, long id, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var row = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw NotFound(id);
        var visible = row.MessageId is { } message
            ? await db.Messages.AsNoTracking().AnyAsync(m => m.Id == message && m.ConversationId == conversation && m.Kind != MessageKinds.Note, ct)
            : row.ConversationId == conversation && row.UploadedBy == Widget.WidgetEndpoints.Actor;
        if (!visible) throw NotFound(id);
        return await ContentAsync(db, row, ct);
    }

    /// <summary>The files of a message with their bytes (for the outbox's mail).</summary>
    public static async Task<List<AttachmentFile>> OfMessageAsync(SupportDbContext db, long message, CancellationToken ct) =>
        await db.Attachments.AsNoTracking().Where(a => a.MessageId == message).OrderBy(a => a.Id)
            .Join(db.AttachmentContents, a => a.Id, c => c.AttachmentId, (a, c) => new AttachmentFile(a.Name, a.ContentType, a.Sha256, c.Content))
            .ToListAsync(ct);

    /// <summary>The files a message lists (its <see cref="MessageRecord.AttachmentsJson"/>).</summary>
    public static IReadOnlyList<AttachmentDto> Listed(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<List<AttachmentDto>>(json, Json) ?? [];

    private static void Check(AttachmentLimits limits, string name, string type, ReadOnlySpan<byte> content)
    {
        if (content.Length > limits.MaxFileBytes)
            throw WeftException.TooLarge("attachment_too_large", $"'{name}' is {content.Length:N0} bytes; a file is at most {limits.MaxFileBytes:N0}.");
        if (content.Length == 0) throw WeftException.Rule("attachment_empty", $"'{name}' is empty.");
        if (!limits.AllowedTypes.Contains(type))
            throw WeftException.UnsupportedType("attachment_type_not_allowed",
                $"'{name}' is {type}; files may be {string.Join(", ", limits.AllowedTypes)}.");
        if (!FileTypes.Matches(type, content))
            throw WeftException.UnsupportedType("attachment_content_mismatch", $"'{name}' is not the {type} its name says it is.");
    }

    /// <summary>Who an upload is kept as: the actor, cut to its column (an API key's actor may be longer).</summary>
    private static string Owner(string actor) => actor.Length <= MaxUploader ? actor : actor[..MaxUploader];

    /// <summary>The file's own name, without a path or control characters.</summary>
    private static string Name(string? name)
    {
        var plain = new string((Path.GetFileName((name ?? "").Replace('\\', '/')) ?? "").Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (plain.Length == 0) throw FieldErrors.Of("name", "The file needs a name ('name', or the file name of the form part).");
        if (plain.Length > MaxName)
        {
            var extension = Path.GetExtension(plain);
            plain = plain[..(MaxName - extension.Length)] + extension;
        }
        return plain;
    }

    private static async Task<AttachmentFile> ContentAsync(SupportDbContext db, AttachmentRecord row, CancellationToken ct)
    {
        var content = await db.AttachmentContents.AsNoTracking().Where(c => c.AttachmentId == row.Id).Select(c => c.Content).FirstAsync(ct);
        return new AttachmentFile(row.Name, row.ContentType, row.Sha256, content);
    }

    private static WeftException NotFound(long id) => WeftException.NotFound("attachment_not_found", $"Attachment {id} does not exist.");
}
