using Microsoft.EntityFrameworkCore;
using MimeKit.Utils;
using Weft.Support.Conversations;
using Weft.Support.Persistence;

namespace Weft.Support.Email;

/// <summary>
/// A reply (a person's or the AI's) in an email conversation goes into the outbox with the message itself, in the same
/// transaction, with the Message-ID it will be sent under: nothing recorded is lost if the mail server is down, and the
/// customer's answer to it threads back by that id.
/// </summary>
internal static class EmailReplies
{
    public static async Task QueueAsync(SupportDbContext db, ConversationRecord conversation, MessageRecord message, DateTime now, CancellationToken ct)
    {
        if (conversation.Channel != Channels.Email) return;
        var address = await db.Mailboxes.AsNoTracking().Select(m => m.Address).FirstOrDefaultAsync(ct);
        var domain = address?[(address.IndexOf('@') + 1)..] is { Length: > 0 } d ? d : "weft.support";
        message.ExternalId = MimeUtils.GenerateMessageId(domain);
        message.DeliveryState = DeliveryStates.Pending;
        message.DeliveryDueAt = now;
    }
}
