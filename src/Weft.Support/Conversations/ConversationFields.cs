using Microsoft.EntityFrameworkCore;
using Weft.Flow;
using Weft.Flow.Contracts;
using Weft.Platform.Errors;
using Weft.Platform.Persistence;
using Weft.Support.Answering;
using Weft.Support.Contracts;
using Weft.Support.Persistence;

namespace Weft.Support.Conversations;

/// <summary>
/// A person changes a conversation's priority, type, tags and assignee. Giving it to someone moves the open reply step of
/// its turn to them through the engine's own assignment, in the same transaction: someone who is not a person on the
/// support team is refused here, and the engine refuses someone away or at their WIP limit.
/// </summary>
internal sealed class ConversationFields(SupportDb data, FlowEngines engines, Turns turns)
{
    public async Task<ConversationDto> EditAsync(long tenant, string actor, long id, EditConversationRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        var edit = ConversationEdit.Check(request.Priority, request.Type, request.AddTags, request.RemoveTags, request.Assignee, errors);
        if (edit.IsEmpty && errors.Count == 0) errors.Add("priority", "Nothing to change: give priority, type, addTags, removeTags or assignee.");
        errors.ThrowIfAny();
        return await data.ChangeAsync(tenant, async (db, unit) =>
        {
            var conversation = await EditInAsync(db, unit, tenant, actor, id, edit, request.Version, ct);
            var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == conversation.CustomerId, ct);
            return Conversations.ToDto(conversation, customer);
        }, ct);
    }

    /// <summary>The people a conversation can be given to: person agents with the support capability, by name.</summary>
    public async Task<IReadOnlyList<PersonOption>> PeopleAsync(long tenant, CancellationToken ct)
    {
        var people = new List<PersonOption>();
        string? cursor = null;
        do
        {
            var page = await engines.For(tenant).Agents.ListAgentsAsync(500, cursor, ct);
            people.AddRange(page.Items.Where(a => a.Kind == "person"
                    && a.Capabilities.Any(c => string.Equals(c.Name, SupportFlow.People, StringComparison.OrdinalIgnoreCase)))
                .Select(a => new PersonOption(a.Key, a.Name)));
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return people.OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    /// <summary>Applies a checked edit inside a unit of work (the edit's own, or a macro's).</summary>
    internal async Task<ConversationRecord> EditInAsync(SupportDbContext db, UnitOfWork unit, long tenant, string actor, long id, ConversationEdit edit,
        int? expectedVersion, CancellationToken ct)
    {
        var conversation = await Conversations.FindAsync(db, id, ct);
        if (expectedVersion is { } version && version != conversation.Version)
            throw WeftException.Conflict("stale_version", $"Conversation {conversation.Number} changed meanwhile (version {conversation.Version}); reload it.");
        if (conversation.Status == ConversationStatuses.Closed)
            throw WeftException.Conflict("conversation_closed", $"Conversation {conversation.Number} is closed for good.");
        var changed = new List<string>();
        if (edit.Priority is { } priority && priority != conversation.Priority)
        {
            conversation.Priority = priority;
            changed.Add("priority");
        }
        if (edit.Type is { } type && type != conversation.Type)
        {
            conversation.Type = type;
            changed.Add("type");
        }
        var before = ConversationTags.Read(conversation.TagsJson);
        var tags = ConversationTags.Change(before, edit.AddTags, edit.RemoveTags);
        if (tags.Count > ConversationTags.MaxTags)
            throw FieldErrors.Of("addTags", $"A conversation has at most {ConversationTags.MaxTags} tags; it has {before.Count}.");
        if (!tags.SequenceEqual(before))
        {
            conversation.TagsJson = ConversationTags.Write(tags);
            changed.Add("tags");
        }
        var assignee = edit.Assignee is null ? conversation.Assignee : edit.Assignee.Length == 0 ? null : edit.Assignee;
        if (assignee != conversation.Assignee)
        {
            await AssignAsync(unit, tenant, actor, conversation, assignee, ct);
            changed.Add("assignee");
        }
        if (changed.Count == 0) return conversation;
        var now = data.Now;
        conversation.UpdatedAt = now;
        db.Publish(new ConversationUpdated(id, conversation.Number, changed, conversation.Priority, conversation.Type.Length == 0 ? null : conversation.Type,
            tags, conversation.Assignee, now), SupportEvents.Stream);
        await db.SaveChangesAsync(ct);
        return conversation;
    }

    /// <summary>Gives the conversation to <paramref name="assignee"/> (none: back to the team), and its turn's open reply step with it.</summary>
    private async Task AssignAsync(UnitOfWork unit, long tenant, string actor, ConversationRecord conversation, string? assignee, CancellationToken ct)
    {
        var engine = engines.For(tenant);
        if (assignee is not null)
        {
            AgentDto who;
            try
            {
                who = await engine.Agents.GetAgentAsync(assignee, ct);
            }
            catch (WeftException e) when (e.Code == "agent_not_found")
            {
                throw WeftException.Rule("assignee_not_found", $"There is no agent '{assignee}'.");
            }
            if (who.Kind != "person")
                throw WeftException.Rule("assignee_not_a_person", $"'{assignee}' is an agent of kind {who.Kind}; conversations are given to people.");
            if (!who.Capabilities.Any(c => string.Equals(c.Name, SupportFlow.People, StringComparison.OrdinalIgnoreCase)))
                throw WeftException.Rule("assignee_lacks_capability", $"'{assignee}' lacks the capability '{SupportFlow.People}' that answering customers needs.");
        }
        if (await turns.IsOpenAsync(tenant, conversation, ct))
        {
            var items = await engine.Work.ListWorkItemsAsync(new WorkItemFilter(null, null, null, SupportFlow.Reply, conversation.JobId), 10, null, ct);
            var ctx = new CommandContext(actor) { Unit = unit };
            var note = $"Conversation {conversation.Number} given to {assignee ?? "the team"}.";
            if (items.Items.FirstOrDefault(i => i.State is "ready" or "assigned" or "in_progress" or "paused") is { } item && item.Agent != assignee)
            {
                // The engine checks what the person can take now: availability, WIP limit, the step's capability and level.
                if (assignee is not null) await engine.Work.AssignAsync(ctx, item.Id, assignee, note, ct);
                else if (item.State != "ready") await engine.Work.UnassignAsync(ctx, item.Id, note, null, ct);
            }
        }
        conversation.Assignee = assignee;
    }
}
