using MimeKit;
using Weft.Support.Conversations.Attachments;

namespace Weft.Support.Email;

/// <summary>A reply's mail body with its files: the text first, then each file as an attachment (base64), as mail clients expect.</summary>
internal static class MailBodies
{
    public static MimeEntity WithFiles(string text, IReadOnlyList<AttachmentFile> files)
    {
        var mixed = new Multipart("mixed") { new TextPart("plain") { Text = text } };
        foreach (var file in files)
        {
            mixed.Add(new MimePart(ContentType.Parse(file.ContentType))
            {
                Content = new MimeContent(new MemoryStream(file.Content, writable: false)),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                ContentTransferEncoding = ContentEncoding.Base64,
                FileName = file.Name,
            });
        }
        return mixed;
    }
}
