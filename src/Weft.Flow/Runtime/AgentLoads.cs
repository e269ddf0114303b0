using Microsoft.EntityFrameworkCore;
using Weft.Flow.Contracts;
using Weft.Flow.Persistence;
using Weft.Platform.Errors;

namespace Weft.Flow.Runtime;

// How many work items each agent holds, as the command leaves them: committed rows corrected by the
// command's unsaved changes, so no question needs a save first.
internal sealed class AgentLoads(FlowSession session)
{
    private readonly FlowDbContext db = session.Db;

    public async Task<AgentRecord> AgentAsync(string key) =>
        await db.Agents.FirstOrDefaultAsync(a => a.Key == key)
        ?? throw WeftException.NotFound("agent_not_found", $"Agent '{key}' does not exist.");

    public async Task<int> LoadOfAsync(string agentKey) =>
        await db.WorkItems.CountAsync(w => w.AgentKey == agentKey && WorkItemStates.Held.Contains(w.State)) + LoadChanges().GetValueOrDefault(agentKey);

    /// <summary>The agent with its load, in one statement.</summary>
    public async Task<(AgentRecord Agent, int Load)> AgentWithLoadAsync(string key) =>
        await FlowQueries.AgentWithLoad(db, key) is { } found
            ? (found.Agent, found.Load + LoadChanges().GetValueOrDefault(key))
            : throw WeftException.NotFound("agent_not_found", $"Agent '{key}' does not exist.");

    /// <summary>
    /// The agents with how many work items each holds as this command leaves them: the committed rows,
    /// corrected by the command's own changes that are not saved yet (so nothing needs saving before asking).
    /// </summary>
    public async Task<List<(AgentRecord Agent, int Load)>> WithLoadsAsync(IQueryable<AgentRecord> agents) =>
        AsThisCommandLeavesThem(await agents
            .Select(a => new AgentLoad(a, db.WorkItems.Count(w => w.AgentKey == a.Key && WorkItemStates.Held.Contains(w.State))))
            .ToListAsync());

    // The agents of these keys: a compiled statement, asked after most completions (the freed agent).
    private async Task<List<(AgentRecord Agent, int Load)>> WithLoadsAsync(IReadOnlyList<string> keys) =>
        AsThisCommandLeavesThem((await FlowQueries.AgentsWithLoads(db, [.. keys])).Agents);

    private List<(AgentRecord Agent, int Load)> AsThisCommandLeavesThem(List<AgentLoad> committed)
    {
        var changes = LoadChanges();
        return committed.ConvertAll(r => (r.Agent, r.Load + changes.GetValueOrDefault(r.Agent.Key)));
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

    /// <summary>
    /// The available agents with their loads, as this command leaves them, saved or not, that have one of the
    /// <paramref name="needed"/> capabilities (name → lowest level asked) at its level: the database answers
    /// with those alone (their capability rows), and the agents this command added or changed are judged by
    /// what they hold now.
    /// </summary>
    public async Task<List<(AgentRecord Agent, int Load)>> AvailableAgentsAsync(IReadOnlyDictionary<string, int> needed) =>
        needed.Count == 0 ? [] : await AsTheyAreNowAsync(await WithLoadsAsync(Committed(db, needed)), null, needed);

    /// <summary>
    /// The agents of these keys (those that just freed capacity) that are available, with their loads as this
    /// command leaves them; and, asked in the same statement, whether any ready work waits for automatic
    /// assignment in the tenant (committed rows; null when none of the agents is in the database yet).
    /// </summary>
    public async Task<(List<(AgentRecord Agent, int Load)> Agents, bool? AutoWorkWaiting)> FreedAsync(IReadOnlyList<string> keys)
    {
        var (committed, waiting) = await FlowQueries.AgentsWithLoads(db, [.. keys]);
        return (await AsTheyAreNowAsync(AsThisCommandLeavesThem(committed), keys, null), waiting);
    }

    // Tracked agents come back as this command changed them; those it added, made available or gave the capability are not in the database's answer.
    private async Task<List<(AgentRecord Agent, int Load)>> AsTheyAreNowAsync(List<(AgentRecord Agent, int Load)> agents,
        IReadOnlyList<string>? keys, IReadOnlyDictionary<string, int>? needed)
    {
        var missing = db.ChangeTracker.Entries<AgentRecord>()
            .Where(e => e.State != EntityState.Deleted && e.Entity.Status == AgentStatuses.Available && (keys is null || keys.Contains(e.Entity.Key))
                && (needed is null || AgentCapabilities.HasOneOf(e.Entity, needed))
                && !agents.Exists(a => a.Agent == e.Entity))
            .Select(e => e.Entity.Key).ToList();
        if (missing.Count > 0) agents.AddRange(await WithLoadsAsync(missing));
        foreach (var entry in db.ChangeTracker.Entries<AgentRecord>().Where(e => e.State == EntityState.Added && missing.Contains(e.Entity.Key)))
            if (!agents.Exists(a => a.Agent == entry.Entity)) agents.Add((entry.Entity, LoadChanges().GetValueOrDefault(entry.Entity.Key)));
        return agents.Where(a => a.Agent.Status == AgentStatuses.Available && db.Entry(a.Agent).State != EntityState.Deleted
            && (needed is null || AgentCapabilities.HasOneOf(a.Agent, needed))).ToList();
    }

    /// <summary>The committed agents <see cref="AvailableAgentsAsync"/> starts from: available, and able to do what is needed.</summary>
    internal static IQueryable<AgentRecord> Committed(FlowDbContext db, IReadOnlyDictionary<string, int> needed)
    {
        // "id IN (the capable rows' agents)": a semi-join, which SQLite drives from the (tenant, name, level) index
        // rather than probing every available agent as it does with EXISTS.
        var capable = AgentCapabilities.Meeting(db, needed).Select(c => c.AgentId);
        return db.Agents.Where(a => a.Status == AgentStatuses.Available && capable.Contains(a.Id));
    }
}
