using System.Globalization;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MimeKit;
using Weft.Support.Conversations;
using Weft.Support.Persistence;

namespace Weft.Support.Email;

/// <summary>
/// Sends the replies waiting in a tenant's outbox by SMTP, threaded under the customer's mails: From the support
/// address, Subject <c>Re: subject [#number]</c>, In-Reply-To the customer's last mail, References the chain, and the
/// Message-ID recorded with the reply. Each reply is leased before it is sent (another host skips it), marked sent
/// after the server took it, and on failure tried again later, less often each time, until it is marked failed.
/// A crash between sending and marking sends it again: at least once, never lost.
/// </summary>
internal sealed class EmailOutbox(SupportDb data, MailboxSecrets secrets, ILogger<EmailOutbox> logger)
{
    public const int MaxAttempts = 8;
    public const int Batch = 50;
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>Sends what is due now; returns how many were sent.</summary>
    public async Task<int> SendDueAsync(long tenant, CancellationToken ct)
    {
        List<long> due;
        SupportMailboxRecord? mailbox;
        await using (var db = await data.OpenAsync(tenant, ct))
        {
            var now = data.Now;
            due = await db.Messages.AsNoTracking().Where(m => m.DeliveryState == DeliveryStates.Pending && m.DeliveryDueAt <= now)
                .OrderBy(m => m.Id).Select(m => m.Id).Take(Batch).ToListAsync(ct);
            if (due.Count == 0) return 0;
            mailbox = await db.Mailboxes.AsNoTracking().FirstOrDefaultAsync(ct);
        }
        var sent = 0;
        foreach (var id in due)
        {
            var mail = await LeaseAsync(tenant, id, mailbox, ct);
            if (mail is null) continue;
            string? error = null;
            try
            {
                if (mailbox is null) throw new InvalidOperationException("No support mailbox is configured to send from.");
                await SendAsync(tenant, mailbox, mail, ct);
            }
            catch (Exception e) when (e is InvalidOperationException or SmtpCommandException or SmtpProtocolException or IOException
                                          or System.Net.Sockets.SocketException or AuthenticationException or SslHandshakeException
                                          or TimeoutException or ServiceNotConnectedException or ServiceNotAuthenticatedException or NotSupportedException)
            {
                error = e.Message;
                logger.LogWarning("Support reply {Message} of tenant {Tenant} was not sent: {Reason}", id, tenant, e.Message);
            }
            await RecordAsync(tenant, id, error, ct);
            if (error is null) sent++;
        }
        return sent;
    }

    /// <summary>Takes the reply for a while (so another host's sender skips it) and builds its mail; null when it is not due any more.</summary>
    private async Task<MimeMessage?> LeaseAsync(long tenant, long id, SupportMailboxRecord? mailbox, CancellationToken ct) =>
        await data.ChangeAsync(tenant, async db =>
        {
            var now = data.Now;
            var taken = await db.Messages.Where(m => m.Id == id && m.DeliveryState == DeliveryStates.Pending && m.DeliveryDueAt <= now)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.DeliveryDueAt, now + Lease).SetProperty(m => m.DeliveryAttempts, m => m.DeliveryAttempts + 1), ct);
            if (taken == 0) return null;
            var message = await db.Messages.AsNoTracking().FirstAsync(m => m.Id == id, ct);
            var conversation = await db.Conversations.AsNoTracking().FirstAsync(c => c.Id == message.ConversationId, ct);
            var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == conversation.CustomerId, ct);
            var earlier = await db.Messages.AsNoTracking()
                .Where(m => m.ConversationId == conversation.Id && m.Id < id && m.ExternalId != null)
                .OrderBy(m => m.Id).Select(m => new { m.Kind, m.ExternalId }).ToListAsync(ct);
            var mail = new MimeMessage { MessageId = message.ExternalId!, Date = new DateTimeOffset(message.CreatedAt, TimeSpan.Zero) };
            mail.From.Add(new MailboxAddress(mailbox?.DisplayName ?? message.AuthorName, mailbox?.Address ?? "support@weft.support"));
            if (customer.Email is { Length: > 0 } to) mail.To.Add(new MailboxAddress(customer.Name, to));
            mail.Subject = Subject(conversation);
            if (earlier.LastOrDefault(m => m.Kind == MessageKinds.Customer)?.ExternalId is { } last) mail.InReplyTo = last;
            // References name the whole chain, the oldest first, as far as a header should reasonably go.
            foreach (var reference in earlier.TakeLast(20)) mail.References.Add(reference.ExternalId!);
            mail.Headers.Add("Auto-Submitted", "no");
            mail.Body = message.AttachmentsJson is null ? new TextPart("plain") { Text = message.Body }
                : MailBodies.WithFiles(message.Body, await Conversations.Attachments.MessageFiles.OfMessageAsync(db, message.Id, ct));
            return mail;
        }, ct);

    private async Task SendAsync(long tenant, SupportMailboxRecord mailbox, MimeMessage mail, CancellationToken ct)
    {
        if (mail.To.Count == 0) throw new InvalidOperationException("The customer has no email address to reply to.");
        using var client = new SmtpClient { Timeout = 30_000 };
        await client.ConnectAsync(mailbox.SmtpHost, mailbox.SmtpPort, MailSecurity.Options(mailbox.SmtpSecurity), ct);
        if (mailbox.SmtpUserName is { } user)
            await client.AuthenticateAsync(user, mailbox.SmtpPasswordProtected is { } stored ? secrets.Unprotect(tenant, stored) : "", ct);
        await client.SendAsync(mail, ct);
        await client.DisconnectAsync(true, ct);
    }

    /// <summary>Sent, or tried again after a pause that doubles each time (1, 2, 4 … minutes), until it is given up as failed.</summary>
    private Task RecordAsync(long tenant, long id, string? error, CancellationToken ct) =>
        data.ChangeAsync(tenant, async db =>
        {
            var message = await db.Messages.FirstAsync(m => m.Id == id, ct);
            if (error is null)
            {
                message.DeliveryState = DeliveryStates.Sent;
                message.DeliveryDueAt = null;
                message.DeliveryError = null;
            }
            else
            {
                message.DeliveryError = error.Length <= 1000 ? error : error[..1000];
                if (message.DeliveryAttempts >= MaxAttempts)
                {
                    message.DeliveryState = DeliveryStates.Failed;
                    message.DeliveryDueAt = null;
                }
                else message.DeliveryDueAt = data.Now.AddMinutes(Math.Pow(2, message.DeliveryAttempts - 1));
            }
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);

    /// <summary><c>Re: subject [#1001]</c>: the marker lets a customer's answer find its conversation even without its headers.</summary>
    public static string Subject(ConversationRecord conversation)
    {
        var subject = conversation.Subject.Trim();
        var marker = string.Create(CultureInfo.InvariantCulture, $"[#{conversation.Number}]");
        if (!subject.Contains(marker, StringComparison.Ordinal)) subject = $"{subject} {marker}".Trim();
        return subject.StartsWith("Re:", StringComparison.OrdinalIgnoreCase) ? subject : "Re: " + subject;
    }
}
