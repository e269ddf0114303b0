using Microsoft.EntityFrameworkCore;
using Weft.Flow.Contracts;
using Weft.Platform.Persistence;

namespace Weft.Flow.Persistence;

/// <summary>
/// The statements every work-item command asks, compiled once: EF Core then neither walks the
/// expression tree to find its parameters nor looks the query up in its cache on each call, which
/// was about half of a command's query time (ADR 0011). The tenant filter still applies: it reads the
/// context's tenant when the query runs. Each is compiled per model (<see cref="PerModel{T}"/>).
/// </summary>
internal static class FlowQueries
{
    private static readonly PerModel<Func<FlowDbContext, long, Task<WorkItemRecord?>>> workItem = new(() =>
        EF.CompileAsyncQuery((FlowDbContext db, long id) => db.WorkItems.FirstOrDefault(w => w.Id == id)));

    private static readonly PerModel<Func<FlowDbContext, long, Task<WorkItemRow?>>> workItemWithJobAndToken = new(() =>
        EF.CompileAsyncQuery((FlowDbContext db, long id) =>
            (from w in db.WorkItems
             where w.Id == id
             join j in db.Jobs on w.JobId equals j.Id
             join t in db.Tokens on w.TokenId equals t.Id
             select new WorkItemRow(w, j, t)).FirstOrDefault()));

    private static readonly PerModel<Func<FlowDbContext, string, Task<AgentLoad?>>> agentWithLoad = new(() =>
        EF.CompileAsyncQuery((FlowDbContext db, string key) =>
            db.Agents.Where(a => a.Key == key)
                .Select(a => new AgentLoad(a, db.WorkItems.Count(w => w.AgentKey == a.Key && WorkItemStates.Held.Contains(w.State))))
                .FirstOrDefault()));

    private static readonly PerModel<Func<FlowDbContext, long, long[], Task<bool>>> otherLiveToken = new(() =>
        EF.CompileAsyncQuery((FlowDbContext db, long job, long[] except) =>
            db.Tokens.Any(t => t.JobId == job && TokenStates.Live.Contains(t.State) && !except.Contains(t.Id))));

    private static readonly PerModel<Func<FlowDbContext, string[], IAsyncEnumerable<AgentLoad>>> agentsWithLoads = new(() =>
        EF.CompileAsyncQuery((FlowDbContext db, string[] keys) =>
            db.Agents.Where(a => keys.Contains(a.Key))
                .Select(a => new AgentLoad(a, db.WorkItems.Count(w => w.AgentKey == a.Key && WorkItemStates.Held.Contains(w.State))))));

    private static readonly PerModel<Func<FlowDbContext, Task<bool>>> autoWorkWaiting = new(() =>
        EF.CompileAsyncQuery((FlowDbContext db) =>
            db.WorkItems.Any(w => w.State == WorkItemStates.Ready && w.Assignment == "auto")));

    /// <summary>A work item by id.</summary>
    public static Task<WorkItemRecord?> WorkItem(FlowDbContext db, long id) => workItem.For(db)(db, id);

    /// <summary>A work item with its job and token, in one statement.</summary>
    public static Task<WorkItemRow?> WorkItemWithJobAndToken(FlowDbContext db, long id) => workItemWithJobAndToken.For(db)(db, id);

    /// <summary>An agent with the number of work items it holds (committed rows), in one statement.</summary>
    public static Task<AgentLoad?> AgentWithLoad(FlowDbContext db, string key) => agentWithLoad.For(db)(db, key);

    /// <summary>The agents of these keys with the number of work items each holds (committed rows), in one statement.</summary>
    public static async Task<List<AgentLoad>> AgentsWithLoads(FlowDbContext db, string[] keys)
    {
        var found = new List<AgentLoad>(keys.Length);
        await foreach (var row in agentsWithLoads.For(db)(db, keys)) found.Add(row);
        return found;
    }

    /// <summary>Whether any ready work waits for automatic assignment in the tenant (committed rows; one index seek).</summary>
    public static Task<bool> AutoWorkWaiting(FlowDbContext db) => autoWorkWaiting.For(db)(db);

    /// <summary>Whether a job has a live token other than the given ones (committed rows).</summary>
    public static Task<bool> OtherLiveToken(FlowDbContext db, long job, long[] except) => otherLiveToken.For(db)(db, job, except);
}

/// <summary>A work item read with its job and token.</summary>
internal sealed record WorkItemRow(WorkItemRecord Item, JobRecord Job, TokenRecord Token);

/// <summary>An agent and how many work items it holds.</summary>
internal sealed record AgentLoad(AgentRecord Agent, int Load);
