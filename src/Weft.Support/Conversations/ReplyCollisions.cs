using Microsoft.EntityFrameworkCore;
using Weft.Platform.Errors;
using Weft.Support.Persistence;

namespace Weft.Support.Conversations;

/// <summary>
/// Two people answering at once: a message written against what its writer last saw is refused when the customer wrote,
/// or someone else replied (a person or the AI), after that. Internal notes and system lines do not count; nor do the
/// writer's own messages.
/// </summary>
internal static class ReplyCollisions
{
    public const string Code = "conversation_changed_since_read";
    private const int MaxShown = 50;

    public static async Task RefuseIfChangedAsync(SupportDbContext db, ConversationRecord conversation, long seenUpTo, string writer, CancellationToken ct)
    {
        var newer = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversation.Id && m.Id > seenUpTo
                && (m.Kind == MessageKinds.Customer || m.Kind == MessageKinds.Agent || m.Kind == MessageKinds.Ai)
                && (m.Author == null || m.Author != writer))
            .OrderBy(m => m.Id).Take(MaxShown).ToListAsync(ct);
        if (newer.Count == 0) return;
        var latest = await db.Messages.AsNoTracking().Where(m => m.ConversationId == conversation.Id).MaxAsync(m => m.Id, ct);
        throw WeftException.Conflict(Code,
            $"Conversation {conversation.Number} has {newer.Count} new message(s) since message {seenUpTo}; read them, then send again with 'seenUpTo' {latest} to send anyway.",
            new ChangedSinceRead(latest, newer.Select(Conversations.ToDto).ToList()));
    }
}
