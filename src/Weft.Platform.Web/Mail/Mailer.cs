using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using MimeKit;
using Weft.Platform.Errors;

namespace Weft.Platform.Web.Mail;

/// <summary>One file attached to a message.</summary>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>
/// Sends email through the SMTP server configured under <c>Weft:Mail</c> (<c>Host</c>, <c>Port</c> (587), <c>From</c>,
/// <c>UserName</c>, <c>Password</c>, <c>Security</c>: <c>auto</c>, <c>none</c>, <c>starttls</c> or <c>ssl</c>). A message the
/// server did not accept throws <c>mail_failed</c> (503) with the server's reason; nothing is retried here, so the caller
/// decides what a failure changes.
/// </summary>
public sealed class Mailer(IConfiguration configuration, ILogger<Mailer> logger)
{
    public bool Configured => !string.IsNullOrWhiteSpace(configuration["Weft:Mail:Host"]);

    public async Task SendAsync(string to, string subject, string text, IReadOnlyList<MailAttachment> attachments, CancellationToken ct = default)
    {
        var section = configuration.GetSection("Weft:Mail");
        var host = section["Host"];
        if (string.IsNullOrWhiteSpace(host))
            throw WeftException.Rule("mail_not_configured", "No mail server is configured: set Weft:Mail:Host (and Port, From, UserName, Password).");
        var port = int.TryParse(section["Port"], out var p) ? p : 587;
        var from = section["From"] is { Length: > 0 } f ? f : "weft@localhost";
        var security = (section["Security"] ?? "auto").ToLowerInvariant() switch
        {
            "none" => SecureSocketOptions.None,
            "starttls" => SecureSocketOptions.StartTls,
            "ssl" => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.Auto,
        };

        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        var body = new BodyBuilder { TextBody = text };
        foreach (var a in attachments) body.Attachments.Add(a.FileName, a.Content, ContentType.Parse(a.ContentType));
        message.Body = body.ToMessageBody();

        using var client = new SmtpClient { Timeout = 30_000 };
        try
        {
            await client.ConnectAsync(host, port, security, ct);
            if (section["UserName"] is { Length: > 0 } user) await client.AuthenticateAsync(user, section["Password"] ?? "", ct);
            await client.SendAsync(message, ct);
            await client.DisconnectAsync(true, ct);
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or IOException or System.Net.Sockets.SocketException
                                      or AuthenticationException or SslHandshakeException or TimeoutException)
        {
            // The message names the server and its answer, never the password.
            logger.LogWarning("Mail to {Recipient} through {Host}:{Port} failed: {Reason}", to, host, port, e.Message);
            throw WeftException.Unavailable("mail_failed", $"The mail server {host}:{port} did not take the message: {e.Message}");
        }
    }
}
