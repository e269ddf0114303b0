using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Flow.Persistence;
using Weft.Platform.Errors;

namespace Weft.Flow.Runtime;

// The work item life cycle: ready → assigned → in_progress ⇄ paused → completed, or cancelled.
internal sealed class WorkItemCommands(FlowSession session)
{
    private readonly FlowDbContext db = session.Db;
    private readonly DateTime now = session.Now;

    /// <summary>Rule: an agent takes only work it is able to do, while available and under its WIP limit.</summary>
    private static void EnsureCanTake(AgentRecord agent, int load, WorkItemRecord item)
    {
        if (!AgentCapabilities.Has(agent, item.Capability, item.Level))
            throw WeftException.Forbidden("capability_missing",
                $"Agent '{agent.Key}' lacks capability '{item.Capability}' at level {item.Level}.");
        if (WorkRequirements.Missing(AgentCapabilities.Of(agent), item) is { Count: > 0 } missing)
            throw WeftException.Forbidden("capability_missing",
                $"Agent '{agent.Key}' lacks capability {string.Join(", ", missing.Select(m => $"'{m}'"))}, which work item {item.Id} requires.");
        if (agent.Status != AgentStatuses.Available)
            throw WeftException.Conflict("agent_not_available", $"Agent '{agent.Key}' is {agent.Status}.");
        if (load >= agent.WipLimit)
            throw WeftException.Conflict("wip_limit_reached", $"Agent '{agent.Key}' already holds {agent.WipLimit} work item(s).");
    }

    private void EnsureHolder(WorkItemRecord item, string agentKey)
    {
        if (item.AgentKey != agentKey)
            throw WeftException.Forbidden("not_your_work_item", $"Work item {item.Id} is not held by agent '{agentKey}'.");
    }

    private static WeftException IllegalTransition(WorkItemRecord item, string command) =>
        WeftException.Conflict(item.State switch
        {
            WorkItemStates.Completed => "work_item_completed",
            WorkItemStates.Cancelled => "work_item_cancelled",
            _ when command == "claim" => "work_item_already_claimed",
            _ => "illegal_transition",
        }, $"Cannot {command} work item {item.Id} while it is {item.State}.");

    public async Task ClaimAsync(WorkItemRecord item, string agentKey)
    {
        var (agent, load) = await session.Loads.AgentWithLoadAsync(agentKey);
        if (item.State != WorkItemStates.Ready) throw IllegalTransition(item, "claim");
        EnsureCanTake(agent, load, item);
        session.Assignment.AssignTo(item, agent, "work_item_claimed");
    }

    public void Start(WorkItemRecord item, string agentKey)
    {
        if (item.State != WorkItemStates.Assigned) throw IllegalTransition(item, "start");
        EnsureHolder(item, agentKey);
        item.State = WorkItemStates.InProgress;
        item.StartedAt ??= now;
        item.RunningSince = now;
        session.Emit("work_item_started", item.JobId, item.TokenId, item.Id, item.NodeKey, graph: item.GraphKey, graphVersion: item.GraphVersion);
    }

    public void Pause(WorkItemRecord item, string agentKey, string reason)
    {
        if (item.State != WorkItemStates.InProgress) throw IllegalTransition(item, "pause");
        EnsureHolder(item, agentKey);
        StopClock(item);
        item.State = WorkItemStates.Paused;
        item.Note = reason;
        session.Emit("work_item_paused", item.JobId, item.TokenId, item.Id, item.NodeKey, new { reason }, item.GraphKey, item.GraphVersion);
    }

    public async Task ResumeAsync(WorkItemRecord item, string agentKey)
    {
        if (item.State != WorkItemStates.Paused) throw IllegalTransition(item, "resume");
        EnsureHolder(item, agentKey);
        // The holder is back at work: a pending decision about its absence is moot.
        await session.Inbox.CloseInboxForAsync(item.Id, "agent_returned", includeAbsence: true);
        item.State = WorkItemStates.InProgress;
        item.RunningSince = now;
        session.Emit("work_item_resumed", item.JobId, item.TokenId, item.Id, item.NodeKey, graph: item.GraphKey, graphVersion: item.GraphVersion);
    }

    public async Task CompleteAsync(WorkItemRecord item, string agentKey, string? outcome, JsonObject? data, string? note = null)
    {
        if (item.State != WorkItemStates.InProgress) throw IllegalTransition(item, "complete");
        EnsureHolder(item, agentKey);
        var job = await session.RowAsync<JobRecord>(item.JobId);
        var token = await session.RowAsync<TokenRecord>(item.TokenId);
        var graph = await session.GraphAsync(item.GraphKey, item.GraphVersion);
        var node = graph.Node(item.NodeKey);
        outcome = CheckOutcome(graph.Definition, node, outcome);

        StopClock(item);
        item.State = WorkItemStates.Completed;
        item.EndedAt = now;
        item.Outcome = outcome;
        item.ResultJson = FlowData.Serialize(data);
        if (!string.IsNullOrWhiteSpace(note)) item.Note = note;
        session.Pending.Released(agentKey);
        session.Emit("work_item_completed", item.JobId, item.TokenId, item.Id, item.NodeKey,
            string.IsNullOrWhiteSpace(note) ? new { outcome } : (object)new { outcome, note }, item.GraphKey, item.GraphVersion);

        if (data is { Count: > 0 })
        {
            // What a worker records travels with the token, so later decisions can route on it.
            var tokenData = FlowData.ParseObject(token.DataJson);
            foreach (var (k, v) in data) tokenData[k] = v?.DeepClone();
            token.DataJson = FlowData.Serialize(tokenData);
        }

        // Only a node with several operators has other items for the token to wait for.
        var siblings = node.Operators <= 1 ? [] : await db.WorkItems
            .Where(w => w.TokenId == item.TokenId && w.NodeKey == item.NodeKey && w.State != WorkItemStates.Cancelled && w.Id != item.Id)
            .ToListAsync();
        if (siblings.Any(s => s.State != WorkItemStates.Completed)) return;

        // Several operators: a qc fails if any operator failed; otherwise the last outcome counts.
        var outcomes = siblings.Select(s => s.Outcome).Append(outcome).ToList();
        var finalOutcome = node.Type == NodeType.Qc && outcomes.Any(o => o == "fail") ? "fail" : outcome ?? "";
        if (token.State != TokenStates.Active || token.NodeKey != item.NodeKey) return;
        await session.Tokens.AdvanceAfterWorkAsync(job, token, finalOutcome);
    }

    /// <summary>Rule: the outcome names an edge when the node has a choice; a qc says pass or fail.</summary>
    private static string? CheckOutcome(GraphDefinition graph, NodeDefinition node, string? outcome)
    {
        var labels = graph.Outgoing(node.Key).Select(e => e.Outcome).Where(o => !string.IsNullOrEmpty(o)).ToList();
        if (node.Type == NodeType.Qc)
        {
            if (outcome is null || !(outcome.Equals("pass", StringComparison.OrdinalIgnoreCase) || outcome.Equals("fail", StringComparison.OrdinalIgnoreCase)))
                throw WeftException.Rule("outcome_invalid", $"Quality check '{node.Key}' completes with outcome 'pass' or 'fail'.");
            return outcome.ToLowerInvariant();
        }
        if (graph.Outgoing(node.Key).Count() > 1)
        {
            var match = labels.FirstOrDefault(l => string.Equals(l, outcome, StringComparison.OrdinalIgnoreCase));
            return match ?? throw WeftException.Rule("outcome_invalid",
                $"Task '{node.Key}' completes with one of these outcomes: {string.Join(", ", labels)}.");
        }
        if (outcome is not null && labels.Count > 0 && !labels.Contains(outcome, StringComparer.OrdinalIgnoreCase))
            throw WeftException.Rule("outcome_invalid", $"Task '{node.Key}' has no outcome '{outcome}'.");
        return outcome;
    }

    public async Task HandoffAsync(WorkItemRecord item, string agentKey, string toAgentKey, string? note)
    {
        if (!WorkItemStates.Held.Contains(item.State)) throw IllegalTransition(item, "hand off");
        EnsureHolder(item, agentKey);
        if (toAgentKey == agentKey)
            throw WeftException.Rule("handoff_to_self", "A work item cannot be handed off to the agent who holds it.");
        var target = await TargetThatCanTakeAsync(toAgentKey, item);
        StopClock(item);
        item.Note = note;
        session.Pending.Released(agentKey);
        session.Assignment.AssignTo(item, target, "work_item_handed_off", new { from = agentKey, to = toAgentKey, note });
    }

    /// <summary>Rule: work given to someone (handoff, manager decision) goes only to an able, available agent with room.</summary>
    public async Task<AgentRecord> TargetThatCanTakeAsync(string agentKey, WorkItemRecord item)
    {
        var (target, load) = await session.Loads.AgentWithLoadAsync(agentKey);
        if (!AgentCapabilities.Has(target, item.Capability, item.Level))
            throw WeftException.Rule("target_lacks_capability",
                $"Agent '{agentKey}' lacks capability '{item.Capability}' at level {item.Level}.");
        if (WorkRequirements.Missing(AgentCapabilities.Of(target), item) is { Count: > 0 } missing)
            throw WeftException.Rule("target_lacks_capability",
                $"Agent '{agentKey}' lacks capability {string.Join(", ", missing.Select(m => $"'{m}'"))}, which work item {item.Id} requires.");
        if (target.Status != AgentStatuses.Available)
            throw WeftException.Conflict("agent_not_available", $"Agent '{agentKey}' is {target.Status}.");
        if (item.AgentKey != agentKey && load >= target.WipLimit)
            throw WeftException.Conflict("wip_limit_reached", $"Agent '{agentKey}' already holds {target.WipLimit} work item(s).");
        return target;
    }

    /// <summary>
    /// The item's requirements change (a conversation moved to another team): ready work is offered again under them;
    /// assigned, unstarted work whose holder no longer meets them goes back to be assigned; started work stays with its holder.
    /// </summary>
    public async Task RouteAsync(WorkItemRecord item, IReadOnlyList<string>? requires, IReadOnlyList<string>? prefers)
    {
        if (!WorkItemStates.Open.Contains(item.State)) throw IllegalTransition(item, "route");
        var from = new { requires = WorkRequirements.Read(item.RequiredCapabilities), prefers = WorkRequirements.Read(item.PreferredCapabilities) };
        if (requires is not null) item.RequiredCapabilities = WorkRequirements.Write(WorkRequirements.Normalize(requires));
        if (prefers is not null) item.PreferredCapabilities = WorkRequirements.Write(WorkRequirements.Normalize(prefers));
        var to = new { requires = WorkRequirements.Read(item.RequiredCapabilities), prefers = WorkRequirements.Read(item.PreferredCapabilities) };
        if (from.requires.SequenceEqual(to.requires) && from.prefers.SequenceEqual(to.prefers)) return;
        session.Emit("work_item_routed", item.JobId, item.TokenId, item.Id, item.NodeKey, new { from, to }, item.GraphKey, item.GraphVersion);
        if (item.State == WorkItemStates.Ready && item.Assignment == "auto") session.Pending.NewlyReady.Add(item);
        if (item.State == WorkItemStates.Assigned && item.AgentKey is { } holder)
        {
            var agent = await db.Agents.FirstOrDefaultAsync(a => a.Key == holder);
            if (agent is null || !Assignment.CanDo(agent, item))
            {
                await db.Timers.Where(t => t.WorkItemId == item.Id && t.Kind == Assignment.TimeoutTimer).ExecuteDeleteAsync();
                ReturnToReady(item, null, "work_item_returned", excludeAgent: null);
            }
        }
    }

    public void Requeue(WorkItemRecord item, string agentKey, string? note)
    {
        if (!WorkItemStates.Held.Contains(item.State)) throw IllegalTransition(item, "requeue");
        EnsureHolder(item, agentKey);
        ReturnToReady(item, note, "work_item_requeued");
    }

    public void ReturnToReady(WorkItemRecord item, string? note, string eventType, string? excludeAgent = null)
    {
        StopClock(item);
        if (item.AgentKey is { } previous) session.Pending.Released(previous);
        session.Emit(eventType, item.JobId, item.TokenId, item.Id, item.NodeKey, new { agent = item.AgentKey, note }, item.GraphKey, item.GraphVersion);
        item.State = WorkItemStates.Ready;
        item.AgentKey = null;
        item.AssignedAt = null;
        item.ReadyAt = now;
        item.ExcludedAgentKey = excludeAgent;
        if (note is not null) item.Note = note;
        if (item.Assignment == "auto") session.Pending.NewlyReady.Add(item);
    }

    /// <summary>Closes the running work interval, so work time never counts one moment twice.</summary>
    public void StopClock(WorkItemRecord item)
    {
        if (item.RunningSince is { } since)
        {
            item.WorkSeconds += Math.Max(0, (now - since).TotalSeconds);
            item.RunningSince = null;
        }
    }
}
