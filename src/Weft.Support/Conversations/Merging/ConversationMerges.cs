using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Weft.Platform.Errors;
using Weft.Support.Answering;
using Weft.Support.Contracts;
using Weft.Support.Persistence;

namespace Weft.Support.Conversations.Merging;

/// <summary>
/// Merging a duplicate conversation into another, and splitting messages off into a new one. A merge moves the
/// source's messages to the target (their ids stay, so a client that saw them sees the same ids there), closes the
/// source pointing at the target, ends its turn, and writes a line in both; the customer's widget and mail on the
/// source reach the target from then on. A split moves the chosen messages to a new conversation of the same customer,
/// which starts its own turn (triage, AI or people, SLA) as a new conversation does. Both check the version the caller
/// saw (409 <c>stale_version</c>).
/// </summary>
internal sealed class ConversationMerges(SupportDb data, Turns turns)
{
    public const int MaxSplitMessages = 500;

    /// <summary>How many merges are followed from a conversation to the one that now holds it.</summary>
    public const int MaxHops = 10;

    public async Task<MergeResult> MergeAsync(long tenant, string actor, long id, MergeRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        if (request.Into is null) errors.Add("into", "'into' is required: the id of the conversation to merge into.");
        if (request.Version is null) errors.Add("version", "'version' is required: the source's version as you saw it.");
        errors.ThrowIfAny();
        await Conversations.RequireAsync(data, tenant, [id, request.Into!.Value], ct);
        await turns.EnsureFlowAsync(tenant, ct);
        return await data.ChangeAsync(tenant, async (db, unit) =>
        {
            var source = await FindAsync(db, id, ct);
            var target = await FindAsync(db, request.Into!.Value, ct);
            if (source.Id == target.Id) throw WeftException.Rule("merge_into_itself", $"Conversation {source.Number} cannot be merged into itself.");
            Fresh(source, request.Version);
            Fresh(target, request.IntoVersion);
            Open(source);
            Open(target);
            if (source.CustomerId != target.CustomerId && request.DifferentCustomers != true)
                throw WeftException.Rule("merge_customers_differ", $"Conversations {source.Number} and {target.Number} are different customers': "
                    + "merged, each customer reads the other's messages. Send differentCustomers: true to merge them all the same.");
            var now = data.Now;
            // The source's open question, if any, is the target's from now on.
            var unanswered = await db.Messages.AnyAsync(m => m.ConversationId == source.Id && m.Kind == MessageKinds.Customer && m.Id > source.AnsweredThrough, ct);
            await turns.EndAsync(tenant, unit, actor, source, ct);
            var moved = await db.Messages.Where(m => m.ConversationId == source.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.ConversationId, target.Id), ct);
            await db.Attachments.Where(a => a.ConversationId == source.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.ConversationId, target.Id), ct);

            var before = source.Status;
            source.Status = ConversationStatuses.Closed;
            source.ClosedAt = now;
            source.MergedIntoId = target.Id;
            source.ReplyDueAt = null;
            source.UpdatedAt = now;
            db.Messages.Add(System(source.Id, $"This conversation was merged into conversation #{target.Number}, where it goes on.", now));
            db.Messages.Add(System(target.Id, $"Conversation #{source.Number} ({source.Subject}) was merged into this one: its {moved} messages are shown here.", now));
            if (source.LastCustomerMessageAt > (target.LastCustomerMessageAt ?? DateTime.MinValue)) target.LastCustomerMessageAt = source.LastCustomerMessageAt;
            target.UpdatedAt = now;
            var targetBefore = target.Status;
            if (unanswered && target.Status is ConversationStatuses.Pending or ConversationStatuses.Solved) target.Status = ConversationStatuses.Open;
            await db.SaveChangesAsync(ct);
            if (unanswered && !await turns.IsOpenAsync(tenant, target, ct)) await turns.StartAsync(tenant, unit, actor, target, ct);
            db.Publish(new ConversationStatusChanged(source.Id, source.Number, before, ConversationStatuses.Closed, now), SupportEvents.Stream);
            if (targetBefore != target.Status)
                db.Publish(new ConversationStatusChanged(target.Id, target.Number, targetBefore, target.Status, now), SupportEvents.Stream);
            db.Publish(new ConversationMerged(source.Id, source.Number, target.Id, target.Number, moved, now), SupportEvents.Stream);
            await db.SaveChangesAsync(ct);
            return new MergeResult(await DtoAsync(db, source, ct), await DtoAsync(db, target, ct), moved);
        }, ct);
    }

    public async Task<SplitResult> SplitAsync(long tenant, string actor, long id, SplitRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        var wanted = request.Messages?.Distinct().ToList() ?? [];
        if (wanted.Count is 0 or > MaxSplitMessages) errors.Add("messages", $"'messages' lists 1 to {MaxSplitMessages} ids of the conversation's messages.");
        if (request.Version is null) errors.Add("version", "'version' is required: the conversation's version as you saw it.");
        var subject = request.Subject?.Trim();
        if (subject is { Length: > Conversations.MaxSubject }) errors.Add("subject", $"'subject' is at most {Conversations.MaxSubject} characters.");
        errors.ThrowIfAny();
        await Conversations.RequireAsync(data, tenant, [id], ct);
        await turns.EnsureFlowAsync(tenant, ct);
        return await data.ChangeAsync(tenant, async (db, unit) =>
        {
            var source = await FindAsync(db, id, ct);
            Fresh(source, request.Version);
            Open(source);
            var all = await db.Messages.AsNoTracking().Where(m => m.ConversationId == source.Id).OrderBy(m => m.Id)
                .Select(m => new { m.Id, m.Kind, m.Body, m.CreatedAt }).ToListAsync(ct);
            var taken = all.Where(m => wanted.Contains(m.Id)).ToList();
            if (wanted.FirstOrDefault(w => taken.All(m => m.Id != w)) is var stranger and not 0)
                throw WeftException.Rule("message_not_in_conversation", $"Message {stranger} is not a message of conversation {source.Number}.");
            var asked = taken.Where(m => m.Kind == MessageKinds.Customer).ToList();
            if (asked.Count == 0)
                throw WeftException.Rule("split_without_customer_message", "A split takes at least one of the customer's messages: the new conversation answers it.");
            if (all.All(m => m.Kind != MessageKinds.Customer || wanted.Contains(m.Id)))
                throw WeftException.Rule("split_takes_every_customer_message",
                    $"Conversation {source.Number} would keep none of the customer's messages: leave one, or close it instead.");

            var now = data.Now;
            var conversation = new ConversationRecord
            {
                Number = await Conversations.NextNumberAsync(db, tenant, ct), CustomerId = source.CustomerId, Channel = source.Channel,
                Subject = string.IsNullOrEmpty(subject) ? SubjectOf(asked[0].Body) : subject, Status = ConversationStatuses.New, Priority = source.Priority,
                AccessToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)), CreatedAt = now, UpdatedAt = now,
                LastCustomerMessageAt = asked[^1].CreatedAt, Language = source.Language, SplitFromId = source.Id,
            };
            db.Conversations.Add(conversation);
            await db.SaveChangesAsync(ct);
            await db.Messages.Where(m => m.ConversationId == source.Id && wanted.Contains(m.Id))
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.ConversationId, conversation.Id), ct);
            await db.Attachments.Where(a => a.MessageId != null && wanted.Contains(a.MessageId.Value))
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.ConversationId, conversation.Id), ct);
            db.Messages.Add(System(source.Id, $"{taken.Count} messages were moved to a new conversation, #{conversation.Number}.", now));
            db.Messages.Add(System(conversation.Id, $"Split from conversation #{source.Number} ({source.Subject}).", now));
            source.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == conversation.CustomerId, ct);
            db.Publish(new ConversationStarted(conversation.Id, conversation.Number, conversation.Channel, conversation.Subject, conversation.Priority,
                customer.Name, customer.Email, asked[0].Body, now), SupportEvents.Stream);
            db.Publish(new ConversationSplit(source.Id, source.Number, conversation.Id, conversation.Number, [.. taken.Select(m => m.Id)], now), SupportEvents.Stream);
            // Its own turn, as a new conversation's first: triage, the AI tier or people, and its SLA from now.
            await turns.StartAsync(tenant, unit, actor, conversation, ct);
            await db.SaveChangesAsync(ct);
            var messages = await db.Messages.AsNoTracking().Where(m => m.ConversationId == conversation.Id).OrderBy(m => m.Id).ToListAsync(ct);
            return new SplitResult(await DtoAsync(db, source, ct),
                new ConversationDetail(Conversations.ToDto(conversation, customer), [.. messages.Select(Conversations.ToDto)]));
        }, ct);
    }

    /// <summary>The id of the tenant's conversation numbered <paramref name="number"/> (what people quote).</summary>
    public async Task<long> IdOfNumberAsync(long tenant, long number, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        return await db.Conversations.AsNoTracking().Where(c => c.Number == number).Select(c => (long?)c.Id).FirstOrDefaultAsync(ct)
            ?? throw WeftException.NotFound("conversation_not_found", $"There is no conversation #{number}.");
    }

    /// <summary>The conversation that holds <paramref name="conversation"/> now: itself, or the one it was merged into (and so on).</summary>
    public static async Task<ConversationRecord> FinalAsync(SupportDbContext db, ConversationRecord conversation, CancellationToken ct)
    {
        for (var hops = 0; conversation.MergedIntoId is { } into && hops < MaxHops; hops++)
            conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == into, ct) ?? conversation;
        return conversation;
    }

    private static async Task<ConversationRecord> FindAsync(SupportDbContext db, long id, CancellationToken ct) =>
        await db.Conversations.FirstOrDefaultAsync(c => c.Id == id, ct)
        ?? throw WeftException.NotFound("conversation_not_found", $"Conversation {id} does not exist.");

    private static void Fresh(ConversationRecord conversation, int? version)
    {
        if (version is { } seen && seen != conversation.Version)
            throw WeftException.Conflict("stale_version", $"Conversation {conversation.Number} changed meanwhile (version {conversation.Version}); reload it.");
    }

    private static void Open(ConversationRecord conversation)
    {
        if (conversation.MergedIntoId is { } into)
            throw WeftException.Conflict("conversation_merged", $"Conversation {conversation.Number} was merged into conversation {into} already.", new { mergedInto = into });
        if (conversation.Status == ConversationStatuses.Closed)
            throw WeftException.Conflict("conversation_closed", $"Conversation {conversation.Number} is closed for good.");
    }

    private static MessageRecord System(long conversation, string body, DateTime now) =>
        new() { ConversationId = conversation, Kind = MessageKinds.System, AuthorName = "Weft", Body = body, CreatedAt = now };

    private static string SubjectOf(string body)
    {
        var line = body.Split('\n', 2)[0].Trim();
        return line.Length <= 80 ? line : line[..77] + "...";
    }

    private static async Task<ConversationDto> DtoAsync(SupportDbContext db, ConversationRecord conversation, CancellationToken ct) =>
        Conversations.ToDto(conversation, await db.Customers.AsNoTracking().FirstAsync(c => c.Id == conversation.CustomerId, ct));
}
