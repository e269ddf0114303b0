using Weft.Platform.Web.Mail;
using Weft.Platform.Webhooks;

namespace Weft.Platform.Web.Webhooks;

/// <summary>The email format's messages go out through the platform's mailer (<c>Weft:Mail</c>).</summary>
internal sealed class WebhookMail(Mailer mailer) : IWebhookMail
{
    public Task SendAsync(string to, string subject, string text, CancellationToken ct) => mailer.SendAsync(to, subject, text, [], ct);
}
