namespace Weft.Platform.Webhooks;

/// <summary>Sends the <c>email</c> format's messages; the web platform provides it with its mailer.</summary>
public interface IWebhookMail
{
    /// <summary>Sends one message; throws when the server did not take it (the attempt is then logged as failed).</summary>
    Task SendAsync(string to, string subject, string text, CancellationToken ct);
}
