using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Weft.Flow.Contracts;
using Weft.Flow.Persistence;

namespace Weft.Flow.Runtime;

// The assignment engine: ready work at `auto` nodes goes to an eligible agent (capability at the
// node's level and the capabilities the item requires besides, available, under its WIP limit), preferring
// the one with most of the item's preferred capabilities, then affinity, then the least loaded, then
// the longest idle. Work is taken highest job priority first, then earliest due, then oldest.
internal sealed class Assignment(FlowSession session)
{
    public const string TimeoutTimer = "assignment_timeout";

    private readonly FlowDbContext db = session.Db;
    private readonly DateTime now = session.Now;

    public void AssignTo(WorkItemRecord item, AgentRecord agent, string eventType, object? data = null)
    {
        item.State = WorkItemStates.Assigned;
        item.AgentKey = agent.Key;
        item.AssignedAt = now;
        if (agent.Kind != "person") session.WaitsForSoftware(item, agent.Key);
        // On PostgreSQL, touching the agent row makes two concurrent assignments to one agent conflict, so
        // the WIP limit holds across processes. SQLite lets one transaction write at a time (BEGIN IMMEDIATE,
        // across processes too), so the load this command read cannot change before it commits.
        if (db.IsPostgres)
        {
            agent.UpdatedAt = now;
            db.Entry(agent).Property(a => a.Version).IsModified = true;
        }
        session.Emit(eventType, item.JobId, item.TokenId, node: item.NodeKey, data: data ?? new { agent = agent.Key },
            graph: item.GraphKey, graphVersion: item.GraphVersion, item: item);
        session.Pending.Timeouts.Add(item);
    }

    public async Task ScheduleTimersAsync()
    {
        // Timers name their work items by id: items this command created are written first.
        var timeouts = new List<(WorkItemRecord Item, double Minutes)>();
        foreach (var item in session.Pending.Timeouts.Where(i => i.State == WorkItemStates.Assigned).Distinct())
            if ((await session.GraphAsync(item.GraphKey, item.GraphVersion)).Node(item.NodeKey).TimeoutMinutes is { } minutes)
                timeouts.Add((item, minutes));
        session.Pending.Timeouts.Clear();
        if (session.Pending.Deadlines.Count == 0 && timeouts.Count == 0) return;
        if (session.Pending.Deadlines.Exists(d => d.Item.Id == 0) || timeouts.Exists(t => t.Item.Id == 0)) await db.SaveChangesAsync();
        session.Deadlines.ScheduleDeadlines();
        // Timers this command already removed are deleted with its save.
        var removed = db.ChangeTracker.Entries<TimerRecord>().Where(e => e.State == EntityState.Deleted).Select(e => e.Entity.Id).ToList();
        foreach (var (item, minutes) in timeouts)
        {
            await db.Timers.Where(t => t.WorkItemId == item.Id && t.Kind == TimeoutTimer && !removed.Contains(t.Id)).ExecuteDeleteAsync();
            db.Timers.Add(new TimerRecord
            {
                Kind = TimeoutTimer,
                WorkItemId = item.Id,
                AgentKey = item.AgentKey,
                DueAt = now.AddMinutes(minutes),
            });
        }
    }

    private sealed class Candidate(AgentRecord agent, int load)
    {
        public AgentRecord Agent { get; } = agent;
        public int Load { get; set; } = load;
        public IReadOnlyList<CapabilityDto> Capabilities { get; } = AgentCapabilities.Of(agent);
    }

    // Only agents able to take one of the items are read: the database filters by capability and level.
    private async Task<List<Candidate>> CandidatesForAsync(IEnumerable<WorkItemRecord> items) =>
        (await session.Loads.AvailableAgentsAsync(AgentCapabilities.NeededBy(items))).ConvertAll(a => new Candidate(a.Agent, a.Load));

    /// <summary>Assigns the given ready items; those nobody could ever take are reported to the inbox.</summary>
    public async Task<int> AssignAsync(IReadOnlyList<WorkItemRecord> items, bool reportUnassignable)
    {
        var assignable = items.Where(i => i.State == WorkItemStates.Ready && i.Assignment == "auto").ToList();
        if (assignable.Count == 0) return 0;
        var candidates = await CandidatesForAsync(assignable);
        var assigned = 0;
        var unassignable = new List<WorkItemRecord>();
        foreach (var item in Order(items))
        {
            if (item.State != WorkItemStates.Ready || item.Assignment != "auto") continue;
            var eligible = candidates
                .Where(c => c.Load < c.Agent.WipLimit && c.Agent.Key != item.ExcludedAgentKey && Qualifies(c.Capabilities, item))
                .ToList();
            if (eligible.Count == 0)
            {
                if (reportUnassignable && !AnyoneCouldTake(candidates, item)) unassignable.Add(item);
                continue;
            }
            var preferred = await AffinityAgentAsync(item);
            // A preference ranks, never holds back: the best match among those free now gets the work.
            if (item.PreferredCapabilities is not null)
            {
                var best = eligible.Max(c => WorkRequirements.Preference(c.Capabilities, item));
                eligible = eligible.Where(c => WorkRequirements.Preference(c.Capabilities, item) == best).ToList();
            }
            var chosen = eligible.FirstOrDefault(c => c.Agent.Key == preferred)
                ?? eligible.OrderBy(c => c.Load).ThenBy(c => c.Agent.IdleSince).ThenBy(c => c.Agent.Key, StringComparer.Ordinal).First();
            AssignTo(item, chosen.Agent, "work_item_assigned", new { agent = chosen.Agent.Key, affinity = chosen.Agent.Key == preferred });
            chosen.Load++;
            assigned++;
            if (item.Id != 0) await session.Inbox.CloseInboxForAsync(item.Id, "auto_assigned");
        }
        await session.Inbox.OpenInboxAsync("no_eligible_agent", unassignable, item =>
            $"No agent has capability '{item.Capability}' at level {item.Level}"
            + (item.RequiredCapabilities is null ? "" : $" and {string.Join(", ", WorkRequirements.Read(item.RequiredCapabilities).Select(r => $"'{r}'"))}")
            + $" for work item {item.Id} at '{item.NodeKey}'.");
        await ScheduleTimersAsync();
        return assigned;
    }

    /// <summary>
    /// The best waiting work that agents who just freed capacity could take. It joins the work that
    /// became ready in the same command, so one assignment pass orders both by priority.
    /// </summary>
    public async Task<List<WorkItemRecord>> WaitingWorkForAsync(IReadOnlyList<string> agentKeys, IReadOnlyList<WorkItemRecord> newlyReady)
    {
        var (withLoads, autoWorkWaiting) = await session.Loads.FreedAsync(agentKeys);
        var agents = withLoads.ConvertAll(a => a.Agent);
        var free = 0;
        foreach (var (agent, load) in withLoads)
        {
            if (load == 0 && session.Pending.AgentsThatReleasedWork.Contains(agent.Key)) agent.IdleSince = now;
            free += Math.Max(0, agent.WipLimit - load);
        }
        // The best level among these agents for each capability they have, as they hold them now: work above it is left in the database.
        var best = agents.SelectMany(AgentCapabilities.Of).GroupBy(c => c.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Max(c => c.Level), StringComparer.Ordinal);
        if (free == 0 || best.Count == 0) return [];
        // Most completions free an agent while no auto work waits anywhere in the tenant: one index seek, asked with the agents, says so.
        if (!(autoWorkWaiting ?? await FlowQueries.AutoWorkWaiting(db))) return [];
        var names = best.Keys.ToList();
        var fresh = newlyReady.Select(w => w.Id).ToList();
        var waiting = await db.WorkItems
            .Where(w => w.State == WorkItemStates.Ready && w.Assignment == "auto" && names.Contains(w.Capability) && !fresh.Contains(w.Id))
            .Where(WithinLevel(best))
            .Where(WorkRequirements.MetByAnyOf(agents.Select(a => AgentCapabilities.Of(a).Select(c => c.Name))))
            .OrderByDescending(w => w.Priority).ThenBy(w => w.DueAt == null).ThenBy(w => w.DueAt).ThenBy(w => w.ReadyAt).ThenBy(w => w.Id)
            .TakeWritten(free * 5)
            .ToListAsync();
        return waiting.Where(w => w.State == WorkItemStates.Ready && agents.Any(a => a.Key != w.ExcludedAgentKey && CanDo(a, w))).ToList();
    }

    private static Expression<Func<WorkItemRecord, bool>> WithinLevel(Dictionary<string, int> best)
    {
        Expression<Func<WorkItemRecord, bool>>? any = null;
        foreach (var (name, level) in best) any = any is null ? UpTo(name, level) : AgentCapabilities.Or(any, UpTo(name, level));
        return any!;
    }

    // A closure, so that the name and level become parameters of the statement.
    private static Expression<Func<WorkItemRecord, bool>> UpTo(string name, int level) => w => w.Capability == name && w.Level <= level;

    private static IEnumerable<WorkItemRecord> Order(IEnumerable<WorkItemRecord> items) =>
        items.OrderByDescending(w => w.Priority).ThenBy(w => w.DueAt ?? DateTime.MaxValue).ThenBy(w => w.ReadyAt).ThenBy(w => w.Id);

    private static bool Qualifies(IReadOnlyList<CapabilityDto> caps, WorkItemRecord item) =>
        caps.Any(c => string.Equals(c.Name, item.Capability, StringComparison.OrdinalIgnoreCase) && c.Level >= item.Level)
        && WorkRequirements.MetBy(caps, item);

    /// <summary>Rule: an agent does only work it has the capability (at the item's level) and the required capabilities for.</summary>
    public static bool CanDo(AgentRecord agent, WorkItemRecord item) => Qualifies(AgentCapabilities.Of(agent), item);

    // Only agents at work count (the candidates are the available ones): while every capable agent is away, a manager should know.
    private static bool AnyoneCouldTake(List<Candidate> candidates, WorkItemRecord item) =>
        candidates.Any(c => c.Agent.Key != item.ExcludedAgentKey && Qualifies(c.Capabilities, item));

    /// <summary>The agent who did the affinity node's work for this token (or the token it split from).</summary>
    private async Task<string?> AffinityAgentAsync(WorkItemRecord item)
    {
        var graph = await session.GraphAsync(item.GraphKey, item.GraphVersion);
        if (graph.Node(item.NodeKey).AffinityNode is not { } affinityNode) return null;
        var tokenIds = new List<long>();
        long? current = item.TokenId;
        while (current is { } id && tokenIds.Count < 32)
        {
            tokenIds.Add(id);
            current = (await session.RowAsync<TokenRecord>(id)).ParentTokenId;
        }
        // Work completed by this command counts too: it is tracked, maybe not saved yet.
        var done = await db.WorkItems.Where(w => tokenIds.Contains(w.TokenId) && w.NodeKey == affinityNode && w.State == WorkItemStates.Completed)
            .ToListAsync();
        done.AddRange(db.ChangeTracker.Entries<WorkItemRecord>().Select(e => e.Entity)
            .Where(w => tokenIds.Contains(w.TokenId) && w.NodeKey == affinityNode && !done.Contains(w)));
        return done.Where(w => w.State == WorkItemStates.Completed).OrderByDescending(w => w.EndedAt).Select(w => w.AgentKey).FirstOrDefault();
    }

    /// <summary>An agent who goes away or offline gives back unstarted work; started work waits for a manager.</summary>
    public async Task AgentWentAwayAsync(AgentRecord agent)
    {
        var held = (await db.WorkItems
            .Where(w => w.AgentKey == agent.Key && WorkItemStates.Held.Contains(w.State))
            .ToListAsync()).Where(w => w.AgentKey == agent.Key && WorkItemStates.Held.Contains(w.State)).ToList();
        var started = new List<WorkItemRecord>();
        foreach (var item in held)
        {
            if (item.State == WorkItemStates.Assigned)
            {
                session.WorkItems.ReturnToReady(item, null, "work_item_released", excludeAgent: agent.Key);
                continue;
            }
            if (item.State == WorkItemStates.InProgress)
            {
                session.WorkItems.StopClock(item);
                item.State = WorkItemStates.Paused;
                item.Note = $"agent {agent.Status}";
                session.Emit("work_item_paused", item.JobId, item.TokenId, item.Id, item.NodeKey, new { reason = item.Note }, item.GraphKey, item.GraphVersion);
            }
            started.Add(item);
        }
        await session.Inbox.OpenInboxAsync("agent_" + agent.Status, started, item =>
            $"Agent '{agent.Key}' is {agent.Status} while holding started work item {item.Id} at '{item.NodeKey}'.");
    }

    public void AgentBecameAvailable(string agentKey) => session.Pending.AgentsWithFreedCapacity.Add(agentKey);

    /// <summary>The periodic sweep: every ready auto item gets another chance.</summary>
    public async Task<int> SweepAsync()
    {
        var ready = await db.WorkItems.Where(w => w.State == WorkItemStates.Ready && w.Assignment == "auto")
            .OrderByDescending(w => w.Priority).ThenBy(w => w.ReadyAt).Take(2000).ToListAsync();
        return await AssignAsync(ready, reportUnassignable: true);
    }
}
