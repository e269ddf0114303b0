using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Weft.Flow;
using Weft.Flow.Contracts;
using Weft.Platform.Errors;
using Weft.Platform.Persistence;
using Weft.Support.Persistence;

namespace Weft.Support.Answering;

/// <summary>
/// A conversation's turns on the engine: a customer's message starts one when none is under way, a person's reply ends
/// the one waiting for it (its reply step completes in the same transaction as the message), and solving a
/// conversation cancels what is still open. Every change runs inside the support module's unit of work.
/// </summary>
internal sealed class Turns(FlowEngines engines)
{
    private readonly ConcurrentDictionary<long, bool> ensured = new();

    /// <summary>The support graph and desk agent exist for the tenant (checked once per process).</summary>
    public async Task EnsureFlowAsync(long tenant, CancellationToken ct)
    {
        if (ensured.ContainsKey(tenant)) return;
        await SupportFlow.EnsureAsync(engines.For(tenant), ct);
        ensured[tenant] = true;
    }

    /// <summary>
    /// Who holds each open reply step (job → agent): the engine assigns them by team and language, so a conversation is a
    /// person's before they write in it.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, string>> HeldRepliesAsync(long tenant, CancellationToken ct)
    {
        var engine = engines.For(tenant);
        var held = new Dictionary<long, string>();
        foreach (var state in WorkItemStates.Held)
        {
            var items = await Platform.Paging.AllPages.ReadAsync(cursor =>
                engine.Work.ListWorkItemsAsync(new WorkItemFilter(state, null, null, SupportFlow.Reply, null), FlowEngine.MaxPageSize, cursor, ct));
            foreach (var item in items.Where(i => i.Graph == SupportFlow.Graph && i.Agent is not null)) held[item.JobId] = item.Agent!;
        }
        return held;
    }

    /// <summary>Starts the conversation's next turn in <paramref name="unit"/>.</summary>
    public async Task StartAsync(long tenant, UnitOfWork unit, string actor, ConversationRecord conversation, CancellationToken ct)
    {
        conversation.Turns++;
        var request = SupportFlow.Turn(conversation.Id, conversation.Number, conversation.Turns);
        request.Data!["after"] = conversation.AnsweredThrough;
        var job = await engines.For(tenant).Jobs.StartJobAsync(new CommandContext(actor) { Unit = unit }, request, ct);
        conversation.JobId = job.Id;
        conversation.TurnOpen = true;
    }

    /// <summary>Whether a turn is under way: its flag, confirmed by the engine (a job cancelled in the control center ends it too).</summary>
    public async Task<bool> IsOpenAsync(long tenant, ConversationRecord conversation, CancellationToken ct)
    {
        if (!conversation.TurnOpen || conversation.JobId is not { } job) return false;
        return (await engines.For(tenant).Jobs.GetJobAsync(job, ct)).State == "active";
    }

    /// <summary>
    /// A person replied: the turn's reply step completes as theirs (taken and started first when it is free); a reply
    /// from someone who is not a flow agent (an integration's key) ends the turn by cancelling it. A reply step another
    /// person holds stays theirs: the reply is refused, so two people do not answer at once.
    /// </summary>
    public async Task RepliedAsync(long tenant, UnitOfWork unit, string actor, string? agent, ConversationRecord conversation, long message, CancellationToken ct)
    {
        if (!await IsOpenAsync(tenant, conversation, ct))
        {
            conversation.TurnOpen = false;
            return;
        }
        var engine = engines.For(tenant);
        var items = await engine.Work.ListWorkItemsAsync(new WorkItemFilter(null, null, null, SupportFlow.Reply, conversation.JobId), 10, null, ct);
        var item = items.Items.FirstOrDefault(i => i.State is "ready" or "assigned" or "in_progress" or "paused");
        // The AI tier is still working on the turn: a person answering first ends it.
        if (item is null || agent is null)
        {
            await engine.Jobs.CancelJobAsync(new CommandContext(actor) { Unit = unit }, conversation.JobId!.Value, ct);
            conversation.TurnOpen = false;
            return;
        }
        if (item.Agent is { } holder && holder != agent)
            throw WeftException.Conflict("reply_held_by_other", $"{holder} is answering conversation {conversation.Number}; ask them, or have a manager reassign it.");
        if (item.Agent is null && !await CanTakeAsync(engine, agent, item, ct))
        {
            // The reply goes out whatever the person's queue holds (a full WIP limit, another capability): the customer
            // is answered, and the turn ends as answered outside its reply step.
            await engine.Jobs.CancelJobAsync(new CommandContext(actor) { Unit = unit }, conversation.JobId!.Value, ct);
            conversation.TurnOpen = false;
            return;
        }
        var ctx = new CommandContext(actor, Agent: agent) { Unit = unit };
        var current = item;
        if (current.State == "ready") current = await engine.Work.ClaimAsync(ctx, current.Id, ct);
        if (current.State == "assigned") current = await engine.Work.StartAsync(ctx, current.Id, ct);
        if (current.State == "paused") current = await engine.Work.ResumeAsync(ctx, current.Id, ct);
        await engine.Work.CompleteAsync(ctx, current.Id, null, new JsonObject { ["message"] = message }, ct);
        conversation.TurnOpen = false;
    }

    /// <summary>The name a person's messages are signed with: their agent's name (<c>Alice Martin</c>), else who they signed in as.</summary>
    public async Task<string> NameOfAsync(long tenant, string? agent, string actor, CancellationToken ct)
    {
        if (agent is null) return actor;
        try
        {
            return (await engines.For(tenant).Agents.GetAgentAsync(agent, ct)).Name;
        }
        catch (WeftException e) when (e.Code == "agent_not_found")
        {
            return agent;
        }
    }

    /// <summary>Whether the engine would let <paramref name="agent"/> take the reply step now (capability and team, availability, WIP limit).</summary>
    private static async Task<bool> CanTakeAsync(FlowEngine engine, string agent, WorkItemDto item, CancellationToken ct)
    {
        AgentDto who;
        try
        {
            who = await engine.Agents.GetAgentAsync(agent, ct);
        }
        catch (WeftException e) when (e.Code == "agent_not_found")
        {
            return false;
        }
        return who.Status == "available" && who.Load < who.WipLimit
            && who.Capabilities.Any(c => string.Equals(c.Name, item.Capability, StringComparison.OrdinalIgnoreCase) && c.Level >= item.Level)
            && (item.Requires ?? []).All(r => who.Capabilities.Any(c => string.Equals(c.Name, r, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>The conversation is solved or closed: the turn under way, if any, is cancelled.</summary>
    public async Task EndAsync(long tenant, UnitOfWork unit, string actor, ConversationRecord conversation, CancellationToken ct)
    {
        if (await IsOpenAsync(tenant, conversation, ct))
            await engines.For(tenant).Jobs.CancelJobAsync(new CommandContext(actor) { Unit = unit }, conversation.JobId!.Value, ct);
        conversation.TurnOpen = false;
    }
}
