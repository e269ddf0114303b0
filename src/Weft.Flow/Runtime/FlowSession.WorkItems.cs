using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Flow.Persistence;
using Weft.Platform.Errors;

namespace Weft.Flow.Runtime;

// The work item life cycle: ready → assigned → in_progress ⇄ paused → completed, or cancelled.
internal sealed partial class FlowSession
{
    /// <summary>
    /// Loads a work item for a command, after locking its job so token movement is serial; with
    /// <paramref name="withJobAndToken"/>, its job and token come in the same statement.
    /// </summary>
    public async Task<WorkItemRecord> WorkItemForCommandAsync(long id, bool withJobAndToken = false)
    {
        if (db.IsPostgres)
        {
            // The lock is taken before the item is read, so the read sees the last committed state: one statement each.
            var jobs = await db.Database
                .SqlQuery<long>($"SELECT j.id AS \"Value\" FROM flow_jobs j JOIN flow_work_items w ON w.job_id = j.id WHERE w.id = {id} FOR UPDATE OF j")
                .ToListAsync();
            lockedJobs.UnionWith(jobs);
        }
        var item = withJobAndToken
            ? await (from w in db.WorkItems
                     where w.Id == id
                     join j in db.Jobs on w.JobId equals j.Id
                     join t in db.Tokens on w.TokenId equals t.Id
                     select new { w, j, t }).FirstOrDefaultAsync() is { } row ? row.w : null
            : await db.WorkItems.FirstOrDefaultAsync(w => w.Id == id);
        if (item is null) throw WeftException.NotFound("work_item_not_found", $"Work item {id} does not exist.");
        if (await LockJobAsync(item.JobId)) await db.Entry(item).ReloadAsync();
        return item;
    }

    /// <summary>A row by id: the one this command already holds, else read (and tracked).</summary>
    public async Task<T> RowAsync<T>(long id) where T : class
    {
        if (db.Set<T>().Local.FindEntry(id) is { } tracked) return tracked.Entity;
        return await db.Set<T>().SingleAsync(e => EF.Property<long>(e, "Id") == id);
    }

    public async Task<AgentRecord> AgentAsync(string key) =>
        await db.Agents.FirstOrDefaultAsync(a => a.Key == key)
        ?? throw WeftException.NotFound("agent_not_found", $"Agent '{key}' does not exist.");

    public async Task<int> LoadOfAsync(string agentKey) =>
        await db.WorkItems.CountAsync(w => w.AgentKey == agentKey && WorkItemStates.Held.Contains(w.State)) + LoadChanges().GetValueOrDefault(agentKey);

    /// <summary>The agent with its load, in one statement.</summary>
    public async Task<(AgentRecord Agent, int Load)> AgentWithLoadAsync(string key) =>
        (await WithLoadsAsync(db.Agents.Where(a => a.Key == key))).SingleOrDefault() is { Agent: not null } found
            ? found
            : throw WeftException.NotFound("agent_not_found", $"Agent '{key}' does not exist.");

    /// <summary>
    /// The agents with how many work items each holds as this command leaves them: the committed rows,
    /// corrected by the command's own changes that are not saved yet (so nothing needs saving before asking).
    /// </summary>
    public async Task<List<(AgentRecord Agent, int Load)>> WithLoadsAsync(IQueryable<AgentRecord> agents)
    {
        var rows = await agents
            .Select(a => new { Agent = a, Load = db.WorkItems.Count(w => w.AgentKey == a.Key && WorkItemStates.Held.Contains(w.State)) })
            .ToListAsync();
        var changes = LoadChanges();
        return rows.ConvertAll(r => (r.Agent, r.Load + changes.GetValueOrDefault(r.Agent.Key)));
    }

    /// <summary>How this command's unsaved changes move each agent's load.</summary>
    private Dictionary<string, int> LoadChanges()
    {
        var loads = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in db.ChangeTracker.Entries<WorkItemRecord>())
        {
            if (entry.State is EntityState.Modified or EntityState.Unchanged or EntityState.Deleted
                && entry.OriginalValues[nameof(WorkItemRecord.AgentKey)] is string before
                && WorkItemStates.Held.Contains((string)entry.OriginalValues[nameof(WorkItemRecord.State)]!))
                loads[before] = loads.GetValueOrDefault(before) - 1;
            if (entry.State != EntityState.Deleted && entry.Entity.AgentKey is { } after && WorkItemStates.Held.Contains(entry.Entity.State))
                loads[after] = loads.GetValueOrDefault(after) + 1;
        }
        return loads;
    }

    public static IReadOnlyList<CapabilityDto> Capabilities(AgentRecord agent) =>
        JsonSerializer.Deserialize<List<CapabilityDto>>(agent.CapabilitiesJson, FlowRuntime.Json) ?? [];

    public static bool HasCapability(AgentRecord agent, string capability, int level) =>
        Capabilities(agent).Any(c => string.Equals(c.Name, capability, StringComparison.OrdinalIgnoreCase) && c.Level >= level);

    /// <summary>Rule: an agent takes only work it is able to do, while available and under its WIP limit.</summary>
    private static void EnsureCanTake(AgentRecord agent, int load, WorkItemRecord item)
    {
        if (!HasCapability(agent, item.Capability, item.Level))
            throw WeftException.Forbidden("capability_missing",
                $"Agent '{agent.Key}' lacks capability '{item.Capability}' at level {item.Level}.");
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
        var (agent, load) = await AgentWithLoadAsync(agentKey);
        if (item.State != WorkItemStates.Ready) throw IllegalTransition(item, "claim");
        EnsureCanTake(agent, load, item);
        AssignTo(item, agent, "work_item_claimed");
    }

    public void Start(WorkItemRecord item, string agentKey)
    {
        if (item.State != WorkItemStates.Assigned) throw IllegalTransition(item, "start");
        EnsureHolder(item, agentKey);
        item.State = WorkItemStates.InProgress;
        item.StartedAt ??= now;
        item.RunningSince = now;
        Emit("work_item_started", item.JobId, item.TokenId, item.Id, item.NodeKey, graph: item.GraphKey, graphVersion: item.GraphVersion);
    }

    public void Pause(WorkItemRecord item, string agentKey, string reason)
    {
        if (item.State != WorkItemStates.InProgress) throw IllegalTransition(item, "pause");
        EnsureHolder(item, agentKey);
        StopClock(item);
        item.State = WorkItemStates.Paused;
        item.Note = reason;
        Emit("work_item_paused", item.JobId, item.TokenId, item.Id, item.NodeKey, new { reason }, item.GraphKey, item.GraphVersion);
    }

    public async Task ResumeAsync(WorkItemRecord item, string agentKey)
    {
        if (item.State != WorkItemStates.Paused) throw IllegalTransition(item, "resume");
        EnsureHolder(item, agentKey);
        // The holder is back at work: a pending decision about its absence is moot.
        await CloseInboxForAsync(item.Id, "agent_returned", includeAbsence: true);
        item.State = WorkItemStates.InProgress;
        item.RunningSince = now;
        Emit("work_item_resumed", item.JobId, item.TokenId, item.Id, item.NodeKey, graph: item.GraphKey, graphVersion: item.GraphVersion);
    }

    public async Task CompleteAsync(WorkItemRecord item, string agentKey, string? outcome, JsonObject? data)
    {
        if (item.State != WorkItemStates.InProgress) throw IllegalTransition(item, "complete");
        EnsureHolder(item, agentKey);
        var job = await RowAsync<JobRecord>(item.JobId);
        var token = await RowAsync<TokenRecord>(item.TokenId);
        var graph = await GraphAsync(item.GraphKey, item.GraphVersion);
        var node = graph.Node(item.NodeKey);
        outcome = CheckOutcome(graph.Definition, node, outcome);

        StopClock(item);
        item.State = WorkItemStates.Completed;
        item.EndedAt = now;
        item.Outcome = outcome;
        item.ResultJson = Serialize(data);
        Released(agentKey);
        Emit("work_item_completed", item.JobId, item.TokenId, item.Id, item.NodeKey, new { outcome }, item.GraphKey, item.GraphVersion);

        if (data is { Count: > 0 })
        {
            // What a worker records travels with the token, so later decisions can route on it.
            var tokenData = ParseObject(token.DataJson);
            foreach (var (k, v) in data) tokenData[k] = v?.DeepClone();
            token.DataJson = Serialize(tokenData);
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
        await AdvanceAfterWorkAsync(job, token, finalOutcome);
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
        Released(agentKey);
        AssignTo(item, target, "work_item_handed_off", new { from = agentKey, to = toAgentKey, note });
    }

    /// <summary>Rule: work given to someone (handoff, manager decision) goes only to an able, available agent with room.</summary>
    private async Task<AgentRecord> TargetThatCanTakeAsync(string agentKey, WorkItemRecord item)
    {
        var (target, load) = await AgentWithLoadAsync(agentKey);
        if (!HasCapability(target, item.Capability, item.Level))
            throw WeftException.Rule("target_lacks_capability",
                $"Agent '{agentKey}' lacks capability '{item.Capability}' at level {item.Level}.");
        if (target.Status != AgentStatuses.Available)
            throw WeftException.Conflict("agent_not_available", $"Agent '{agentKey}' is {target.Status}.");
        if (item.AgentKey != agentKey && load >= target.WipLimit)
            throw WeftException.Conflict("wip_limit_reached", $"Agent '{agentKey}' already holds {target.WipLimit} work item(s).");
        return target;
    }

    public void Requeue(WorkItemRecord item, string agentKey, string? note)
    {
        if (!WorkItemStates.Held.Contains(item.State)) throw IllegalTransition(item, "requeue");
        EnsureHolder(item, agentKey);
        ReturnToReady(item, note, "work_item_requeued");
    }

    private void ReturnToReady(WorkItemRecord item, string? note, string eventType, string? excludeAgent = null)
    {
        StopClock(item);
        if (item.AgentKey is { } previous) Released(previous);
        Emit(eventType, item.JobId, item.TokenId, item.Id, item.NodeKey, new { agent = item.AgentKey, note }, item.GraphKey, item.GraphVersion);
        item.State = WorkItemStates.Ready;
        item.AgentKey = null;
        item.AssignedAt = null;
        item.ReadyAt = now;
        item.ExcludedAgentKey = excludeAgent;
        if (note is not null) item.Note = note;
        if (item.Assignment == "auto") newlyReady.Add(item);
    }

    /// <summary>Closes the running work interval, so work time never counts one moment twice.</summary>
    private void StopClock(WorkItemRecord item)
    {
        if (item.RunningSince is { } since)
        {
            item.WorkSeconds += Math.Max(0, (now - since).TotalSeconds);
            item.RunningSince = null;
        }
    }
}
