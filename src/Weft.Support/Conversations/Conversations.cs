using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Weft.Platform.Errors;
using Weft.Platform.Paging;
using Weft.Platform.Persistence;
using Weft.Support.Answering;
using Weft.Support.Contracts;
using Weft.Support.Customers;
using Weft.Support.Persistence;

namespace Weft.Support.Conversations;

/// <summary>
/// A tenant's conversations: starting one (finding or making its customer), writing into it, changing its status, and
/// reading it (a client that reconnects asks for the messages after the last id it saw). A message sent again with the
/// same client id is recorded once.
/// </summary>
internal sealed class Conversations(SupportDb data, Turns turns, Attachments.MessageFiles files)
{
    public const int MaxBody = 10_000;
    public const int MaxSubject = 300;
    public const long FirstNumber = 1001;

    /// <summary>The advisory lock class conversation numbering takes on PostgreSQL (with the tenant as the second key).</summary>
    private const int NumberingLock = 12_1001;

    public async Task<ConversationDetail> StartAsync(long tenant, string actor, StartConversationRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var channel = request.Channel ?? Channels.Api;
        if (!Channels.All.Contains(channel)) throw FieldErrors.Of("channel", $"'channel' is one of {string.Join(", ", Channels.All)}.");
        var priority = request.Priority ?? Priorities.Normal;
        if (!Priorities.All.Contains(priority)) throw FieldErrors.Of("priority", $"'priority' is one of {string.Join(", ", Priorities.All)}.");
        var body = Body(request.Message, "message");
        var subject = request.Subject?.Trim() ?? "";
        if (subject.Length > MaxSubject) throw FieldErrors.Of("subject", $"'subject' is at most {MaxSubject} characters.");
        ClientId(request.ClientId);
        await turns.EnsureFlowAsync(tenant, ct);
        var (conversation, message) = await data.ChangeAsync(tenant, async (db, unit) =>
        {
            var customer = await CustomerMatching.FindOrCreateAsync(db, request.Customer, data.Now, ct);
            // Numbers are the tenant's highest plus one: on PostgreSQL concurrent starts take turns here (a lock held until
            // commit), where a unique-index collision would repeat the whole start; SQLite's single writer does the same.
            var number = await NextNumberAsync(db, tenant, ct);
            var now = data.Now;
            var conversation = new ConversationRecord
            {
                Number = number, CustomerId = customer.Id, Channel = channel,
                Subject = subject.Length > 0 ? subject : Subject(body), Status = ConversationStatuses.New, Priority = priority,
                AccessToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)), CreatedAt = now, UpdatedAt = now, LastCustomerMessageAt = now,
                Language = string.IsNullOrEmpty(customer.Language) ? null : customer.Language,
            };
            db.Conversations.Add(conversation);
            await db.SaveChangesAsync(ct);
            var message = new MessageRecord
            {
                ConversationId = conversation.Id, Kind = MessageKinds.Customer, AuthorName = customer.Name, Body = body, ClientId = request.ClientId,
                ExternalId = request.ExternalId, CreatedAt = now,
            };
            db.Messages.Add(message);
            await db.SaveChangesAsync(ct);
            await files.AttachAsync(db, message, request.Attachments, actor, ct);
            db.Publish(new ConversationStarted(conversation.Id, conversation.Number, channel, conversation.Subject, priority, customer.Name, customer.Email,
                body, now), SupportEvents.Stream);
            // The first turn: triage, the AI tier, and people if it hands over.
            await turns.StartAsync(tenant, unit, actor, conversation, ct);
            await db.SaveChangesAsync(ct);
            return (ToDto(conversation, customer), message);
        }, ct);
        return new ConversationDetail(conversation, [ToDto(message)]);
    }

    public async Task<MessageDto> AddMessageAsync(long tenant, string actor, string? agent, long id, AddMessageRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var kind = request.Kind ?? throw FieldErrors.Of("kind", $"'kind' is required: one of {string.Join(", ", MessageKinds.Writable)}.");
        if (!MessageKinds.Writable.Contains(kind)) throw FieldErrors.Of("kind", $"'kind' is one of {string.Join(", ", MessageKinds.Writable)}.");
        var body = Body(request.Body, "body");
        ClientId(request.ClientId);
        if (kind == MessageKinds.Customer) await turns.EnsureFlowAsync(tenant, ct);
        var signature = kind == MessageKinds.Customer ? null : await turns.NameOfAsync(tenant, agent, actor, ct);
        return await data.ChangeAsync(tenant, (db, unit) => AddMessageInAsync(db, unit, tenant, actor, agent, signature, id, kind, body, request, ct), ct);
    }

    /// <summary>
    /// Adds a checked message inside a unit of work another change runs (a macro's), exactly as <see cref="AddMessageAsync"/>
    /// does: the flow's reply step, the SLA clock, the email outbox and the events.
    /// </summary>
    internal async Task<MessageDto> AddMessageInAsync(SupportDbContext db, UnitOfWork unit, long tenant, string actor, string? agent, string? signature,
        long id, string kind, string body, AddMessageRequest request, CancellationToken ct)
    {
        {
            var conversation = await FindAsync(db, id, ct);
            if (request.ClientId is { } clientId
                && await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.ConversationId == id && m.ClientId == clientId, ct) is { } repeated)
                return ToDto(repeated);
            if (request.ExternalId is { } externalId
                && await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.ExternalId == externalId, ct) is { } received)
                return ToDto(received);
            if (conversation.MergedIntoId is { } into)
                throw WeftException.Conflict("conversation_merged", $"Conversation {conversation.Number} was merged into conversation {into}; write there.",
                    new { mergedInto = into });
            if (conversation.Status == ConversationStatuses.Closed)
                throw WeftException.Conflict("conversation_closed", $"Conversation {conversation.Number} is closed; a new message starts a new conversation.");
            if (kind != MessageKinds.Customer && request.SeenUpTo is { } seen) await ReplyCollisions.RefuseIfChangedAsync(db, conversation, seen, agent ?? actor, ct);
            var now = data.Now;
            var before = conversation.Status;
            var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == conversation.CustomerId, ct);
            var message = new MessageRecord
            {
                ConversationId = id, Kind = kind, Author = kind == MessageKinds.Customer ? null : agent ?? actor,
                AuthorName = kind == MessageKinds.Customer ? customer.Name : signature!, Body = body, ClientId = request.ClientId, CreatedAt = now,
                ExternalId = kind == MessageKinds.Customer ? request.ExternalId : null,
            };
            db.Messages.Add(message);
            // A person's reply in an email conversation also leaves by email, through the outbox.
            if (kind == MessageKinds.Agent) await Email.EmailReplies.QueueAsync(db, conversation, message, now, ct);
            switch (kind)
            {
                case MessageKinds.Customer:
                    conversation.LastCustomerMessageAt = now;
                    // A customer writing again reopens what was waiting on them or solved.
                    if (conversation.Status is ConversationStatuses.Pending or ConversationStatuses.Solved) conversation.Status = ConversationStatuses.Open;
                    break;
                case MessageKinds.Agent:
                    conversation.FirstReplyAt ??= now;
                    if (conversation.Status == ConversationStatuses.New) conversation.Status = ConversationStatuses.Open;
                    break;
            }
            conversation.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            await files.AttachAsync(db, message, request.Attachments, actor, ct);
            db.Publish(new MessageAdded(id, conversation.Number, message.Id, kind, message.AuthorName, body, now), SupportEvents.Stream);
            if (conversation.Status != before)
                db.Publish(new ConversationStatusChanged(id, conversation.Number, before, conversation.Status, now), SupportEvents.Stream);
            switch (kind)
            {
                // A question with nobody on it yet starts a turn; one under way takes it in.
                case MessageKinds.Customer when !await turns.IsOpenAsync(tenant, conversation, ct):
                    await turns.StartAsync(tenant, unit, actor, conversation, ct);
                    break;
                case MessageKinds.Agent:
                    await turns.RepliedAsync(tenant, unit, actor, agent, conversation, message.Id, ct);
                    conversation.ReplyDueAt = null;
                    // What the customer wrote before this reply has been answered: the next turn starts after it.
                    conversation.AnsweredThrough = Math.Max(conversation.AnsweredThrough, await db.Messages
                        .Where(m => m.ConversationId == id && m.Kind == MessageKinds.Customer).MaxAsync(m => (long?)m.Id, ct) ?? 0);
                    // Who answers a conversation first has it, until a manager gives it to someone else.
                    conversation.Assignee ??= agent;
                    break;
            }
            await db.SaveChangesAsync(ct);
            return ToDto(message);
        }
    }

    public async Task<ConversationDto> ChangeStatusAsync(long tenant, string actor, long id, ChangeStatusRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var status = request.Status ?? throw FieldErrors.Of("status", $"'status' is required: one of {string.Join(", ", ConversationStatuses.All)}.");
        if (!ConversationStatuses.All.Contains(status) || status == ConversationStatuses.New)
            throw FieldErrors.Of("status", $"'status' is one of {string.Join(", ", ConversationStatuses.All.Where(s => s != ConversationStatuses.New))}.");
        return await data.ChangeAsync(tenant, (db, unit) => ChangeStatusInAsync(db, unit, tenant, actor, id, status, request.Version, ct), ct);
    }

    /// <summary>Changes a checked status inside a unit of work another change runs (a macro's), as <see cref="ChangeStatusAsync"/> does.</summary>
    internal async Task<ConversationDto> ChangeStatusInAsync(SupportDbContext db, UnitOfWork unit, long tenant, string actor, long id, string status,
        int? expectedVersion, CancellationToken ct)
    {
        {
            var conversation = await FindAsync(db, id, ct);
            if (expectedVersion is { } version && version != conversation.Version)
                throw WeftException.Conflict("stale_version", $"Conversation {conversation.Number} changed meanwhile (version {conversation.Version}); reload it.");
            if (conversation.Status == ConversationStatuses.Closed && status != ConversationStatuses.Closed)
                throw WeftException.Conflict("conversation_closed", $"Conversation {conversation.Number} is closed for good.");
            var now = data.Now;
            if (status == ConversationStatuses.Solved && conversation.Status != ConversationStatuses.Solved)
            {
                conversation.SolvedAt = now;
                // The customer's chat learns it is solved (and asks how it went) through the conversation itself.
                db.Messages.Add(new MessageRecord
                {
                    ConversationId = id, Kind = MessageKinds.System, AuthorName = "Weft", CreatedAt = now,
                    Body = "This conversation is marked as solved. Write here again if anything is left open.",
                });
            }
            if (status == ConversationStatuses.Closed && conversation.Status != ConversationStatuses.Closed) conversation.ClosedAt = now;
            if (status is ConversationStatuses.Solved or ConversationStatuses.Closed)
            {
                await turns.EndAsync(tenant, unit, actor, conversation, ct);
                conversation.ReplyDueAt = null;
            }
            if (conversation.Status != status)
                db.Publish(new ConversationStatusChanged(id, conversation.Number, conversation.Status, status, now), SupportEvents.Stream);
            conversation.Status = status;
            conversation.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == conversation.CustomerId, ct);
            return ToDto(conversation, customer);
        }
    }

    /// <summary>
    /// The conversation whose access token is <paramref name="token"/> (compared in constant time); a wrong token
    /// answers like a missing conversation. What a customer's widget or email link proves access with.
    /// </summary>
    public async Task<ConversationDto> ForCustomerAsync(long tenant, long id, string? token, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (conversation is null || string.IsNullOrEmpty(token) || !CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(conversation.AccessToken), System.Text.Encoding.UTF8.GetBytes(token)))
            throw WeftException.NotFound("conversation_not_found", $"Conversation {id} does not exist, or the token is not its own.");
        conversation = await Merging.ConversationMerges.FinalAsync(db, conversation, ct);
        var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == conversation.CustomerId, ct);
        return ToDto(conversation, customer);
    }

    /// <summary>The access token of a conversation just started (for the widget that started it).</summary>
    public async Task<string> AccessTokenAsync(long tenant, long id, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        return await db.Conversations.AsNoTracking().Where(c => c.Id == id).Select(c => c.AccessToken).SingleAsync(ct);
    }

    /// <summary>The customer's rating of a solved conversation (1-5, with a comment); rated again, the last one counts.</summary>
    public async Task<ConversationDto> RateAsync(long tenant, long id, RateRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        if (request.Score is not (>= 1 and <= 5)) errors.Add("score", "'score' is 1 (bad) to 5 (great).");
        var comment = request.Comment?.Trim();
        if (comment is { Length: > 2000 }) errors.Add("comment", "'comment' is at most 2,000 characters.");
        errors.ThrowIfAny();
        return await data.ChangeAsync(tenant, async db =>
        {
            var conversation = await FindAsync(db, id, ct);
            if (conversation.Status is not (ConversationStatuses.Solved or ConversationStatuses.Closed))
                throw WeftException.Conflict("not_solved", $"Conversation {conversation.Number} is {conversation.Status}; it is rated once solved.");
            conversation.CsatScore = request.Score;
            conversation.CsatComment = string.IsNullOrEmpty(comment) ? null : comment;
            conversation.UpdatedAt = data.Now;
            db.Publish(new ConversationRated(id, conversation.Number, request.Score!.Value, conversation.CsatComment, data.Now), SupportEvents.Stream);
            await db.SaveChangesAsync(ct);
            var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == conversation.CustomerId, ct);
            return ToDto(conversation, customer);
        }, ct);
    }

    public async Task<ConversationDetail> GetAsync(long tenant, long id, long? after, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct)
            ?? throw WeftException.NotFound("conversation_not_found", $"Conversation {id} does not exist.");
        var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == conversation.CustomerId, ct);
        var from = after ?? 0;
        var messages = await db.Messages.AsNoTracking().Where(m => m.ConversationId == id && m.Id > from).OrderBy(m => m.Id).ToListAsync(ct);
        return new ConversationDetail(ToDto(conversation, customer), messages.Select(ToDto).ToList());
    }

    /// <summary>Newest first; <paramref name="assignee"/> <c>none</c> lists the unassigned.</summary>
    public async Task<Page<ConversationDto>> ListAsync(long tenant, string? status, string? assignee, long? customer, int? limit, string? cursor,
        CancellationToken ct)
    {
        if (status is not null && !ConversationStatuses.All.Contains(status))
            throw WeftException.Invalid("invalid_status", $"'status' is one of {string.Join(", ", ConversationStatuses.All)}.");
        var (take, after) = PageCursor.Parse(limit, cursor);
        await using var db = await data.OpenAsync(tenant, ct);
        var q = db.Conversations.AsNoTracking().Where(c => c.MergedIntoId == null);
        if (after > 0) q = q.Where(c => c.Id < after);
        if (status is not null) q = q.Where(c => c.Status == status);
        if (assignee == "none") q = q.Where(c => c.Assignee == null);
        else if (assignee is not null) q = q.Where(c => c.Assignee == assignee);
        if (customer is { } who) q = q.Where(c => c.CustomerId == who);
        var rows = await q.Join(db.Customers, c => c.CustomerId, p => p.Id, (c, p) => new { c, p })
            .OrderByDescending(r => r.c.Id).Take(take + 1).ToListAsync(ct);
        return PageCursor.Of(rows, take, r => r.c.Id, r => ToDto(r.c, r.p));
    }

    /// <summary>
    /// A view of the agent workspace: <c>mine</c> (assigned to <paramref name="agent"/>), <c>unassigned</c>, <c>breaching</c>
    /// (a reply owed within <paramref name="soon"/> or overdue, soonest first) or <c>open</c> (all not solved), with the
    /// count of each view; at most <paramref name="take"/> conversations, most recently changed first.
    /// </summary>
    public async Task<WorkspaceView> WorkspaceAsync(long tenant, string view, string? agent, TimeSpan soon, int take, CancellationToken ct)
    {
        // A reply step the engine gave someone makes the conversation theirs before they write in it.
        var held = await turns.HeldRepliesAsync(tenant, ct);
        var mineHeld = held.Where(h => h.Value == agent).Select(h => (long?)h.Key).ToList();
        var anyHeld = held.Keys.Select(k => (long?)k).ToList();
        await using var db = await data.OpenAsync(tenant, ct);
        var active = db.Conversations.AsNoTracking().Where(c => c.MergedIntoId == null
            && c.Status != ConversationStatuses.Solved && c.Status != ConversationStatuses.Closed);
        var dueBy = data.Now + soon;
        IQueryable<ConversationRecord> Of(string v) => v switch
        {
            WorkspaceViews.Mine => active.Where(c => agent != null && (c.Assignee == agent || mineHeld.Contains(c.JobId))),
            WorkspaceViews.Unassigned => active.Where(c => c.Assignee == null && !anyHeld.Contains(c.JobId)),
            WorkspaceViews.Breaching => active.Where(c => c.ReplyDueAt != null && c.ReplyDueAt <= dueBy),
            WorkspaceViews.ByTeam => active.Where(c => c.Team != null),
            _ => active,
        };
        var counts = new Dictionary<string, int>();
        foreach (var v in WorkspaceViews.All) counts[v] = await Of(v).CountAsync(ct);
        var joined = Of(view).Join(db.Customers, c => c.CustomerId, p => p.Id, (c, p) => new { c, p });
        var ordered = view == WorkspaceViews.Breaching ? joined.OrderBy(r => r.c.ReplyDueAt).ThenBy(r => r.c.Id)
            : view == WorkspaceViews.ByTeam ? joined.OrderBy(r => r.c.Team).ThenByDescending(r => r.c.UpdatedAt).ThenByDescending(r => r.c.Id)
            : joined.OrderByDescending(r => r.c.UpdatedAt).ThenByDescending(r => r.c.Id);
        var rows = await ordered.Take(take).ToListAsync(ct);
        return new WorkspaceView(rows.Select(r => ToDto(r.c, r.p)).ToList(), counts);
    }

    /// <summary>The tenant's next conversation number (its highest plus one, from <see cref="FirstNumber"/>).</summary>
    internal static async Task<long> NextNumberAsync(SupportDbContext db, long tenant, CancellationToken ct)
    {
        if (db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL")
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock({NumberingLock}, {(int)(tenant % int.MaxValue)})", ct);
        var last = await db.Conversations.Select(c => (long?)c.Number).MaxAsync(ct);
        return Math.Max(FirstNumber, (last ?? 0) + 1);
    }

    /// <summary>
    /// Refuses a missing conversation (404) before a command sets up the tenant's support flow for it, so a request for
    /// nothing changes nothing.
    /// </summary>
    internal static async Task RequireAsync(SupportDb data, long tenant, IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var found = await db.Conversations.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
        foreach (var id in ids)
        {
            if (!found.Contains(id)) throw WeftException.NotFound("conversation_not_found", $"Conversation {id} does not exist.");
        }
    }

    internal static async Task<ConversationRecord> FindAsync(SupportDbContext db, long id, CancellationToken ct) =>
        await db.Conversations.FirstOrDefaultAsync(c => c.Id == id, ct)
        ?? throw WeftException.NotFound("conversation_not_found", $"Conversation {id} does not exist.");

    internal static string Body(string? body, string field)
    {
        var text = body?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxBody) throw FieldErrors.Of(field, $"'{field}' is required, at most {MaxBody:N0} characters.");
        return text;
    }

    private static void ClientId(string? clientId)
    {
        if (clientId is { Length: 0 or > 64 }) throw FieldErrors.Of("clientId", "'clientId' is 1-64 characters.");
    }

    /// <summary>The first line of the first message, cut to a subject's length.</summary>
    private static string Subject(string body)
    {
        var line = body.Split('\n', 2)[0].Trim();
        return line.Length <= 80 ? line : line[..77] + "...";
    }

    internal static ConversationDto ToDto(ConversationRecord c, CustomerRecord p) =>
        new(c.Id, c.Number, c.CustomerId, p.Name, p.Email, c.Channel, c.Subject, c.Status, c.Priority, c.Assignee, c.Team, c.Intent, c.IntentConfidence,
            c.Language, c.Sentiment, c.HandoverReason, c.Summary, c.JobId, c.SlaPolicy, c.ReplyDueAt, c.ResolutionDueAt, c.CreatedAt, c.UpdatedAt,
            c.FirstReplyAt, c.SolvedAt, c.CsatScore, c.CsatComment, c.Version, c.Type.Length == 0 ? null : c.Type, ConversationTags.Read(c.TagsJson),
            c.MergedIntoId, c.SplitFromId);

    internal static MessageDto ToDto(MessageRecord m) => new(m.Id, m.ConversationId, m.Kind, m.Author, m.AuthorName, m.Body, m.CreatedAt, m.ClientId,
        m.CitationsJson is null ? null : System.Text.Json.Nodes.JsonNode.Parse(m.CitationsJson) as System.Text.Json.Nodes.JsonArray, m.DeliveryState,
        Attachments.MessageFiles.Listed(m.AttachmentsJson));
}
