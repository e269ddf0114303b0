using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Weft.Platform.Errors;

namespace Weft.Support.Email;

/// <summary>
/// Reads a tenant's support inbox over IMAP: each unseen mail is handed to <see cref="InboundMail"/> and marked seen only
/// once it is stored, so a crash or a failure in between leaves it unseen and the next poll takes it again (a repeat is
/// recognised by its Message-ID). A mail Weft can never store (no sender) is marked seen and logged: it stays in the
/// inbox for a person. How the last poll went is kept on the mailbox.
/// </summary>
internal sealed class MailboxPoller(SupportDb data, MailboxSecrets secrets, InboundMail inbound, ILogger<MailboxPoller> logger)
{
    public const int Batch = 100;

    /// <summary>Polls the tenant's inbox once; returns the outcomes of the mails taken (none when no inbox is set up for polling).</summary>
    public async Task<IReadOnlyList<InboundResult>> PollAsync(long tenant, CancellationToken ct)
    {
        Persistence.SupportMailboxRecord? mailbox;
        await using (var db = await data.OpenAsync(tenant, ct))
            mailbox = await db.Mailboxes.AsNoTracking().FirstOrDefaultAsync(ct);
        if (mailbox is not { Polling: true, ImapHost: { } host, ImapUserName: { } user, ImapPasswordProtected: { } password }) return [];

        var results = new List<InboundResult>();
        string? error = null;
        try
        {
            using var client = new ImapClient { Timeout = 60_000 };
            await client.ConnectAsync(host, mailbox.ImapPort, MailSecurity.Options(mailbox.ImapSecurity), ct);
            await client.AuthenticateAsync(user, secrets.Unprotect(tenant, password), ct);
            await client.Inbox.OpenAsync(FolderAccess.ReadWrite, ct);
            var unseen = await client.Inbox.SearchAsync(SearchQuery.NotSeen, ct);
            foreach (var uid in unseen.Take(Batch))
            {
                var mail = await client.Inbox.GetMessageAsync(uid, ct);
                try
                {
                    results.Add(await inbound.ReceiveAsync(tenant, mail, ct));
                }
                catch (WeftException e) when (e.Kind is ErrorKind.Invalid or ErrorKind.Rule)
                {
                    logger.LogWarning("Mail {Uid} in the support inbox of tenant {Tenant} cannot be taken ({Code}: {Reason}); it is left seen in the inbox.",
                        uid, tenant, e.Code, e.Message);
                }
                // Only now, with the mail stored (or never storable), does the server learn it was read.
                await client.Inbox.AddFlagsAsync(uid, MessageFlags.Seen, true, ct);
            }
            await client.DisconnectAsync(true, ct);
        }
        catch (Exception e) when (e is ImapCommandException or ImapProtocolException or IOException or System.Net.Sockets.SocketException
                                      or AuthenticationException or SslHandshakeException or TimeoutException or ServiceNotConnectedException
                                      or ServiceNotAuthenticatedException or FolderNotFoundException or FolderNotOpenException or NotSupportedException)
        {
            error = $"{mailbox.ImapHost}:{mailbox.ImapPort}: {e.Message}";
            logger.LogWarning("Polling the support inbox of tenant {Tenant} at {Host}:{Port} failed: {Reason}", tenant, host, mailbox.ImapPort, e.Message);
        }
        await data.ChangeAsync(tenant, async db =>
        {
            var row = await db.Mailboxes.FirstOrDefaultAsync(ct);
            if (row is null) return false;
            row.LastPollAt = data.Now;
            row.LastPollError = error is { Length: > 1000 } ? error[..1000] : error;
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);
        return results;
    }
}
