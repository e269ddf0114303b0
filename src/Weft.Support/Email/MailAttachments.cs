using MimeKit;
using Weft.Platform.Errors;
using Weft.Support.Conversations.Attachments;

namespace Weft.Support.Email;

/// <summary>
/// The files of a customer's mail, stored as uploads of <see cref="InboundMail.Actor"/> for the message the mail
/// becomes: its attachments, and inline parts that carry a file name (a pasted screenshot). A file the tenant's limits
/// refuse is not kept (the mail is, whatever it carries); what was left out, and why, is said in words for the team.
/// </summary>
internal static class MailAttachments
{
    public static async Task<(List<long> Uploads, List<string> Refused)> StoreAsync(MessageFiles files, long tenant, MimeMessage mail, CancellationToken ct)
    {
        var uploads = new List<long>();
        var refused = new List<string>();
        var parts = mail.BodyParts.Where(p => p.IsAttachment || p is MimePart { FileName: { Length: > 0 } } and not TextPart).ToList();
        if (parts.Count == 0) return (uploads, refused);
        var limits = await files.LimitsAsync(tenant, ct);
        var index = 0;
        foreach (var part in parts)
        {
            index++;
            var name = part switch
            {
                MimePart file => file.FileName,
                MessagePart => part.ContentDisposition?.FileName ?? "forwarded-message.eml",
                _ => null,
            } ?? $"attachment-{index}";
            if (uploads.Count == limits.MaxFilesPerMessage)
            {
                refused.Add($"{name} (a message carries at most {limits.MaxFilesPerMessage} files)");
                continue;
            }
            if (part is not MimePart { Content: not null } mime)
            {
                refused.Add($"{name} ({part.ContentType.MimeType} is not a file type kept here)");
                continue;
            }
            using var content = new MemoryStream();
            await mime.Content.DecodeToAsync(content, ct);
            try
            {
                var upload = await files.UploadAsync(tenant, InboundMail.Actor, null, name, mime.ContentType.MimeType,
                    content.GetBuffer().AsMemory(0, (int)content.Length), ct);
                uploads.Add(upload.Id);
            }
            catch (WeftException e) when (e.Kind is ErrorKind.TooLarge or ErrorKind.UnsupportedType or ErrorKind.Rule or ErrorKind.Invalid)
            {
                refused.Add($"{name} ({e.Message})");
            }
        }
        return (uploads, refused);
    }
}
