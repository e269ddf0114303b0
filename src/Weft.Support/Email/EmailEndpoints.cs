using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MimeKit;
using Weft.Platform.Errors;
using Weft.Platform.Web.Security;

namespace Weft.Support.Email;

internal static class EmailEndpoints
{
    /// <summary>A raw mail larger than this is refused (its attachments are kept within the tenant's limits).</summary>
    public const int MaxRawBytes = 25 * 1024 * 1024;

    public static void MapEmail(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/support").WithTags("Support email");
        group.MapGet("/mailbox", (HttpContext http, Mailboxes mailboxes) => mailboxes.GetAsync(http.User.TenantOf()!.Value, http.RequestAborted))
            .RequireAuthorization(SupportPermissions.Manage);
        group.MapPut("/mailbox", (HttpContext http, Mailboxes mailboxes, MailboxRequest body) =>
            mailboxes.PutAsync(http.User.TenantOf()!.Value, body, http.RequestAborted)).RequireAuthorization(SupportPermissions.Manage);
        // A mail service's integration posts each mail it receives, raw (RFC 5322), as message/rfc822.
        group.MapPost("/email/inbound", async (HttpContext http, InboundMail inbound) =>
        {
            var mail = await ReadMailAsync(http.Request, http.RequestAborted);
            var result = await inbound.ReceiveAsync(http.User.TenantOf()!.Value, mail, http.RequestAborted);
            return result.Outcome == InboundMail.Outcomes.Started
                ? Results.Created($"/api/v1/support/conversations/{result.Conversation}", result)
                : Results.Ok(result);
        }).RequireAuthorization(SupportPermissions.Answer)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxRawBytes + 1))
            // Not declared with Accepts: routing would answer another content type with a bare 415, where the API's rule is a 400 that says what to send.
            .WithDescription("The body is one raw mail (RFC 5322) with Content-Type: message/rfc822. Answers 201 when it started a conversation, "
                + "200 when it joined one (threaded), was stored before (repeat) or was an automatic reply (ignored).");
    }

    private static async Task<MimeMessage> ReadMailAsync(HttpRequest request, CancellationToken ct)
    {
        if (!string.Equals(request.ContentType?.Split(';')[0].Trim(), "message/rfc822", StringComparison.OrdinalIgnoreCase))
            throw WeftException.Invalid("unsupported_content_type", "Post the raw mail as the body, with Content-Type: message/rfc822.");
        if (request.ContentLength > MaxRawBytes)
            throw WeftException.Invalid("mail_too_large", $"A mail is at most {MaxRawBytes / 1024 / 1024} MB.");
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxRawBytes) throw WeftException.Invalid("mail_too_large", $"A mail is at most {MaxRawBytes / 1024 / 1024} MB.");
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0) throw WeftException.Invalid("mail_unreadable", "The body is empty: post the raw mail (RFC 5322) as message/rfc822.");
        buffer.Position = 0;
        MimeMessage mail;
        try
        {
            mail = await MimeMessage.LoadAsync(buffer, ct);
        }
        catch (FormatException e)
        {
            throw WeftException.Invalid("mail_unreadable", $"The body is not a readable mail (RFC 5322): {e.Message}");
        }
        // A parser as lenient as MimeKit's reads nearly anything; a mail has at least a sender and a date or an id.
        if (mail.From.Count == 0 && mail.Sender is null || mail.Headers.Count == 0)
            throw WeftException.Invalid("mail_unreadable", "The body is not a readable mail (RFC 5322): it has no From header.");
        return mail;
    }
}
