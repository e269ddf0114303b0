using System.Linq.Expressions;
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
    // The job comes first in FROM: it is locked first, as every writer of its tokens and items locks it first (RowLocks).
    private static readonly PerModel<Func<FlowDbContext, long, Task<WorkItemRecord?>>> workItemLocked = new(() =>
        EF.CompileAsyncQuery((FlowDbContext db, long id) =>
            (from j in db.Jobs.ForUpdate()
             join w in db.WorkItems on j.Id equals w.JobId
             where w.Id == id
             select w).FirstOrDefault()));

    private static readonly PerModel<Func<FlowDbContext, long, Task<WorkItemRow?>>> workItemWithJobAndTokenLocked = new(() =>
        EF.CompileAsyncQuery((FlowDbContext db, long id) =>
            (from j in db.Jobs.ForUpdate()
             join w in db.WorkItems on j.Id equals w.JobId
             join t in db.Tokens on w.TokenId equals t.Id
             where w.Id == id
             select new WorkItemRow(w, j, t)).FirstOrDefault()));

    private static readonly PerModel<Func<FlowDbContext, string, Task<AgentLoad?>>> agentWithLoad = new(() =>
        EF.CompileAsyncQuery((FlowDbContext db, string key) =>
            db.Agents.Where(a => a.Key == key)
                .Select(a => new AgentLoad(a, db.WorkItems.Count(w => w.AgentKey == a.Key && WorkItemStates.Held.Contains(w.State))))
                .FirstOrDefault()));

    private static readonly PerModel<Func<FlowDbContext, long, long[], Task<bool>>> otherLiveToken = new(() =>
        EF.CompileAsyncQuery((FlowDbContext db, long job, long[] except) =>
            db.Tokens.Any(t => t.JobId == job && TokenStates.Live.Contains(t.State) && !except.Contains(t.Id))));

    // Ready work waiting for automatic assignment: asked alone, and with the agents a command freed.
    private static readonly Expression<Func<WorkItemRecord, bool>> waitsForAutoAssignment =
        w => w.State == WorkItemStates.Ready && w.Assignment == "auto";

    // The EXISTS does not depend on the row: the database answers it once per statement.
    private static readonly PerModel<Func<FlowDbContext, string[], IAsyncEnumerable<FreedAgentRow>>> freedAgents = new(() =>
        EF.CompileAsyncQuery((FlowDbContext db, string[] keys) =>
            db.Agents.Where(a => keys.Contains(a.Key))
                .Select(a => new FreedAgentRow(a, db.WorkItems.Count(w => w.AgentKey == a.Key && WorkItemStates.Held.Contains(w.State)),
                    db.WorkItems.Any(waitsForAutoAssignment)))));

    private static readonly PerModel<Func<FlowDbContext, Task<bool>>> autoWorkWaiting = new(() =>
        EF.CompileAsyncQuery((FlowDbContext db) => db.WorkItems.Any(waitsForAutoAssignment)));

    /// <summary>
    /// A work item by id, its job's row and its own locked in the same statement (PostgreSQL): the item is
    /// read as the last transaction that held the job's lock left it.
    /// </summary>
    public static Task<WorkItemRecord?> WorkItemLocked(FlowDbContext db, long id) => workItemLocked.For(db)(db, id);

    /// <summary>A work item with its job and token, the three rows locked in the same statement (PostgreSQL), job first.</summary>
    public static Task<WorkItemRow?> WorkItemWithJobAndTokenLocked(FlowDbContext db, long id) => workItemWithJobAndTokenLocked.For(db)(db, id);

    /// <summary>An agent with the number of work items it holds (committed rows), in one statement.</summary>
    public static Task<AgentLoad?> AgentWithLoad(FlowDbContext db, string key) => agentWithLoad.For(db)(db, key);

    /// <summary>
    /// The agents of these keys with the number of work items each holds, and whether any ready work waits
    /// for automatic assignment in the tenant (committed rows, one statement): what a command asks about the
    /// agents it freed. The last answer is null when none of the agents is in the database yet.
    /// </summary>
    public static async Task<(List<AgentLoad> Agents, bool? AutoWorkWaiting)> AgentsWithLoads(FlowDbContext db, string[] keys)
    {
        var found = new List<AgentLoad>(keys.Length);
        bool? waiting = null;
        await foreach (var row in freedAgents.For(db)(db, keys))
        {
            found.Add(new AgentLoad(row.Agent, row.Load));
            waiting = row.AutoWorkWaiting;
        }
        return (found, waiting);
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

/// <summary>An agent, how many work items it holds, and whether auto work waits in its tenant.</summary>
internal sealed record FreedAgentRow(AgentRecord Agent, int Load, bool AutoWorkWaiting);
