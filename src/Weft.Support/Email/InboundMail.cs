using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Weft.Platform.Errors;
using Weft.Support.Conversations;
using Weft.Support.Persistence;

namespace Weft.Support.Email;

/// <summary>
/// Takes a customer's email into the support desk, whichever way it came (the IMAP poller, the inbound webhook): a mail
/// whose Message-ID is stored already is a repeat; one that answers a mail of the conversation (its In-Reply-To or
/// References name a stored Message-ID, the customer's or our reply's), or whose subject carries the ticket marker
/// <c>[#1001]</c> and comes from that conversation's customer, joins it; anything else, or a mail to a closed
/// conversation, starts a new conversation over email. The engine's turns run as for any customer message.
/// </summary>
internal sealed partial class InboundMail(SupportDb data, Conversations.Conversations conversations, Conversations.Attachments.MessageFiles files)
{
    public const string Actor = "email";

    public async Task<InboundResult> ReceiveAsync(long tenant, MimeMessage mail, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var from = mail.From.Mailboxes.FirstOrDefault() ?? mail.Sender;
        var email = from?.Address?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(email) || !Customers.CustomerMatching.IsEmail(email))
            throw WeftException.Invalid("mail_without_sender", "The mail has no sender address in its From header.");
        var id = MessageId(mail);

        await using (var db = await data.OpenAsync(tenant, ct))
        {
            if (await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.ExternalId == id, ct) is { } stored)
            {
                var number = await db.Conversations.AsNoTracking().Where(c => c.Id == stored.ConversationId).Select(c => c.Number).FirstAsync(ct);
                return new InboundResult(Outcomes.Repeat, stored.ConversationId, number, stored.Id, id);
            }
            var mailbox = await db.Mailboxes.AsNoTracking().Select(m => m.Address).FirstOrDefaultAsync(ct);
            // Our own mail coming back, or an autoresponder's, would start a loop of replies.
            if (email == mailbox || IsAutomatic(mail)) return new InboundResult(Outcomes.Ignored, null, null, null, id);

            var body = MailText.Of(mail);
            if (body.Length == 0) body = "(The email had no text.)";
            if (body.Length > Conversations.Conversations.MaxBody) body = body[..(Conversations.Conversations.MaxBody - 3)] + "...";
            var thread = await ThreadAsync(db, mail, email, ct);
            // The mail's files wait as uploads for the message it becomes, which takes them in its own transaction.
            var (uploads, refused) = await MailAttachments.StoreAsync(files, tenant, mail, ct);
            if (thread is { } open)
            {
                var added = await conversations.AddMessageAsync(tenant, Actor, null, open.Id,
                    new AddMessageRequest(MessageKinds.Customer, body, null) { ExternalId = id, Attachments = uploads }, ct);
                await NoteRefusedAsync(tenant, open.Id, refused, ct);
                return new InboundResult(Outcomes.Threaded, open.Id, open.Number, added.Id, id);
            }
            var subject = mail.Subject?.Trim() ?? "";
            if (subject.Length > Conversations.Conversations.MaxSubject) subject = subject[..(Conversations.Conversations.MaxSubject - 3)] + "...";
            var name = string.IsNullOrWhiteSpace(from!.Name) ? null : from.Name.Trim();
            if (name is { Length: > Customers.CustomerMatching.MaxName }) name = name[..Customers.CustomerMatching.MaxName];
            var started = await conversations.StartAsync(tenant, Actor,
                new StartConversationRequest(new CustomerRef(name, email, null), Channels.Email, subject.Length > 0 ? subject : null, body, null, null)
                { ExternalId = id, Attachments = uploads }, ct);
            await NoteRefusedAsync(tenant, started.Conversation.Id, refused, ct);
            return new InboundResult(Outcomes.Started, started.Conversation.Id, started.Conversation.Number, started.Messages[0].Id, id);
        }
    }

    /// <summary>Tells the team (in an internal note) which of the mail's files were not kept, and why.</summary>
    private async Task NoteRefusedAsync(long tenant, long conversation, List<string> refused, CancellationToken ct)
    {
        if (refused.Count == 0) return;
        var text = "Files of the customer's mail that were not kept:\n- " + string.Join("\n- ", refused);
        if (text.Length > Conversations.Conversations.MaxBody) text = text[..(Conversations.Conversations.MaxBody - 3)] + "...";
        await conversations.AddMessageAsync(tenant, Actor, null, conversation, new AddMessageRequest(MessageKinds.Note, text, null), ct);
    }

    /// <summary>The open conversation the mail answers: by the Message-IDs it refers to, else by the ticket marker from the same customer.</summary>
    private static async Task<(long Id, long Number)?> ThreadAsync(SupportDbContext db, MimeMessage mail, string sender, CancellationToken ct)
    {
        var refers = mail.References.Reverse().Prepend(mail.InReplyTo).OfType<string>().Where(r => r.Length is > 0 and <= 300).Distinct().Take(50).ToList();
        ConversationRecord? found = null;
        if (refers.Count > 0)
        {
            var conversation = await db.Messages.AsNoTracking().Where(m => m.ExternalId != null && refers.Contains(m.ExternalId))
                .OrderByDescending(m => m.Id).Select(m => (long?)m.ConversationId).FirstOrDefaultAsync(ct);
            if (conversation is { } c) found = await FollowMergesAsync(db, c, ct);
        }
        if (found is null && Marker().Match(mail.Subject ?? "") is { Success: true } marker && long.TryParse(marker.Groups[1].Value, out var number))
        {
            var byNumber = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Number == number, ct);
            if (byNumber is not null)
            {
                var customer = await db.Customers.AsNoTracking().FirstAsync(p => p.Id == byNumber.CustomerId, ct);
                if (string.Equals(customer.Email, sender, StringComparison.OrdinalIgnoreCase)) found = await FollowMergesAsync(db, byNumber.Id, ct);
            }
        }
        return found is null || found.Status == ConversationStatuses.Closed ? null : (found.Id, found.Number);
    }

    private static async Task<ConversationRecord?> FollowMergesAsync(SupportDbContext db, long id, CancellationToken ct)
    {
        var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        for (var hops = 0; conversation?.MergedIntoId is { } into && hops < 10; hops++)
            conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == into, ct);
        return conversation;
    }

    /// <summary>The mail's Message-ID; a mail without one gets one from its content, so fetching it again is still a repeat.</summary>
    public static string MessageId(MimeMessage mail)
    {
        if (mail.MessageId is { Length: > 0 and <= 300 } id) return id;
        using var stream = new MemoryStream();
        mail.WriteTo(stream);
        return $"{Convert.ToHexStringLower(SHA256.HashData(stream.ToArray()))[..40]}@weft.no-message-id";
    }

    /// <summary>An autoresponder's mail (RFC 3834 <c>Auto-Submitted</c>, or a bulk <c>Precedence</c>).</summary>
    private static bool IsAutomatic(MimeMessage mail) =>
        mail.Headers["Auto-Submitted"] is { Length: > 0 } auto && !auto.Trim().Equals("no", StringComparison.OrdinalIgnoreCase)
        || mail.Headers["Precedence"]?.Trim().ToLowerInvariant() is "bulk" or "junk" or "auto_reply";

    [GeneratedRegex(@"\[#(\d{1,18})\]")]
    private static partial Regex Marker();

    /// <summary>What became of an inbound mail.</summary>
    public static class Outcomes
    {
        public const string Started = "started";
        public const string Threaded = "threaded";
        public const string Repeat = "repeat";
        public const string Ignored = "ignored";
    }
}
