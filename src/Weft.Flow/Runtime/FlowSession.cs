using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Weft.Flow.Automation;
using Weft.Flow.Definitions;
using Weft.Flow.Persistence;
using Weft.Platform.Audit;
using Weft.Platform.Errors;

namespace Weft.Flow.Runtime;

/// <summary>
/// One command's unit of work: the context, the clock reading, the actor, job locks, the event log, and
/// the command's <see cref="PendingWork"/>. The engine rules that change state in it are separate types
/// (token movement, work items, assignment, cancellation, inbox, waiting, deadlines, automation), one per
/// responsibility, reached through the session's properties.
/// </summary>
internal sealed class FlowSession(FlowDbContext db, DateTime now, string? actor, DefinitionCache definitions, AgentHandlerRegistry handlers)
{
    private readonly HashSet<long> lockedJobs = [];
    private readonly PendingWork pending = new();
    private TokenMovement? tokens;
    private WorkItemCommands? workItems;
    private AgentLoads? loads;
    private Assignment? assignment;
    private DueTimers? dueTimers;
    private Cancellation? cancellation;
    private ManagerInbox? inbox;
    private Waiting? waiting;
    private Deadlines? deadlines;
    private AutomationCommands? automation;

    public FlowDbContext Db => db;
    public DateTime Now => now;
    public string? Actor => actor;

    /// <summary>
    /// The item now waits for an automated agent: when a handler of this process does that work, the
    /// commit tells the runner (<see cref="AutomationRunner.WorkAssignedTopic"/>), which looks at once
    /// instead of at its next poll; other commits do not make it look.
    /// </summary>
    public void WaitsForSoftware(WorkItemRecord item, string agent)
    {
        if (handlers.Find(agent, item.Capability) is not null) db.AnnounceAutomatedWork();
    }

    /// <summary>What the command's changes call for once it is done: shared by the parts below, settled by <see cref="FlushAsync"/>.</summary>
    public PendingWork Pending => pending;

    // The engine's parts, each made once per command when first used; they reach each other through the session.
    public TokenMovement Tokens => tokens ??= new(this);
    public WorkItemCommands WorkItems => workItems ??= new(this);
    public AgentLoads Loads => loads ??= new(this);
    public Assignment Assignment => assignment ??= new(this);
    public DueTimers DueTimers => dueTimers ??= new(this);
    public Cancellation Cancellation => cancellation ??= new(this);
    public ManagerInbox Inbox => inbox ??= new(this);
    public Waiting Waiting => waiting ??= new(this);
    public Deadlines Deadlines => deadlines ??= new(this);
    public AutomationCommands Automation => automation ??= new(this);

    public Task<PublishedGraph> GraphAsync(string key, int version) => definitions.GetAsync(db, key, version);

    /// <summary>
    /// Serialises commands on one job across processes. SQLite already serialises writers with
    /// BEGIN IMMEDIATE; on PostgreSQL the job row is locked until the transaction ends.
    /// </summary>
    /// <returns>True when this call took a lock, so rows read before it may have changed meanwhile.</returns>
    public async Task<bool> LockJobAsync(long jobId)
    {
        if (!lockedJobs.Add(jobId) || !db.IsPostgres) return false;
        await db.Database.ExecuteSqlAsync($"SELECT id FROM flow_jobs WHERE id = {jobId} FOR UPDATE");
        return true;
    }

    /// <summary>
    /// Locks the jobs of the given tokens and work items in one statement, in id order so that two commands
    /// that lock several jobs take them in the same order (PostgreSQL; see <see cref="LockJobAsync"/>).
    /// Rows of those jobs read after this see what the last transaction that held a lock left.
    /// </summary>
    public async Task LockJobsOfAsync(IReadOnlyCollection<long> tokenIds, IReadOnlyCollection<long> workItemIds)
    {
        if (!db.IsPostgres || tokenIds.Count + workItemIds.Count == 0) return;
        long[] tokens = [.. tokenIds];
        long[] items = [.. workItemIds];
        var jobs = await db.Database.SqlQuery<long>($"""
            SELECT id AS "Value" FROM flow_jobs
            WHERE id IN (SELECT job_id FROM flow_tokens WHERE id = ANY({tokens}) UNION SELECT job_id FROM flow_work_items WHERE id = ANY({items}))
            ORDER BY id FOR UPDATE
            """).ToListAsync();
        lockedJobs.UnionWith(jobs);
    }

    /// <summary>
    /// Loads a work item for a command, locking its job in the same statement so token movement is serial
    /// (PostgreSQL; SQLite serialises writers with BEGIN IMMEDIATE); with <paramref name="withJobAndToken"/>,
    /// its job and token come (locked) in that statement too.
    /// </summary>
    public async Task<WorkItemRecord> WorkItemForCommandAsync(long id, bool withJobAndToken = false)
    {
        var item = withJobAndToken
            ? (await FlowQueries.WorkItemWithJobAndTokenLocked(db, id))?.Item
            : await FlowQueries.WorkItemLocked(db, id);
        if (item is null) throw WeftException.NotFound("work_item_not_found", $"Work item {id} does not exist.");
        // The job is locked now (on PostgreSQL), and the item was read under the lock.
        lockedJobs.Add(item.JobId);
        return item;
    }

    /// <summary>A row by id: the one this command already holds, else read (and tracked).</summary>
    public async Task<T> RowAsync<T>(long id) where T : class
    {
        if (db.Set<T>().Local.FindEntry(id) is { } tracked) return tracked.Entity;
        return await db.Set<T>().SingleAsync(e => EF.Property<long>(e, "Id") == id);
    }

    /// <summary>Rows by id: those this command already holds, the others read (and tracked) in one statement.</summary>
    public async Task<Dictionary<long, T>> RowsAsync<T>(IEnumerable<long> ids) where T : class
    {
        var rows = new Dictionary<long, T>();
        var missing = new List<long>();
        foreach (var id in ids.Distinct())
        {
            if (db.Set<T>().Local.FindEntry(id) is { } tracked) rows[id] = tracked.Entity;
            else missing.Add(id);
        }
        if (missing.Count == 0) return rows;
        foreach (var row in await db.Set<T>().Where(e => missing.Contains(EF.Property<long>(e, "Id"))).ToListAsync())
            rows[db.Entry(row).Property<long>("Id").CurrentValue] = row;
        return rows;
    }

    /// <summary>
    /// Appends an event to the log, written with the command's changes. A token or work item not
    /// yet saved may be given instead of its id; the id is filled in when it is written.
    /// </summary>
    public void Emit(string type, long? jobId = null, long? tokenId = null, long? workItemId = null, string? node = null,
        object? data = null, string? graph = null, int? graphVersion = null, TokenRecord? token = null, WorkItemRecord? item = null)
    {
        db.PendingEvents.Add((new EventRecord
        {
            Type = type,
            At = now,
            Actor = actor,
            GraphKey = graph,
            GraphVersion = graphVersion,
            JobId = jobId,
            TokenId = tokenId,
            WorkItemId = workItemId,
            NodeKey = node,
            DataJson = data is null ? null : JsonSerializer.Serialize(data, FlowRuntime.Json),
        }, token, item));
        if (AuditedTypes.Contains(type)) PublishAudit(type, data, graph, graphVersion, jobId, tokenId, node);
    }

    /// <summary>What people decide about the engine (not the work itself) goes to the audit trail.</summary>
    internal static readonly HashSet<string> AuditedTypes =
        ["graph_published", "token_cancelled", "inbox_resolved", "agent_registered", "agent_updated"];

    private void PublishAudit(string type, object? data, string? graph, int? graphVersion, long? jobId, long? tokenId, string? node)
    {
        var details = data is null ? new JsonObject() : JsonSerializer.SerializeToNode(data, FlowRuntime.Json) as JsonObject ?? [];
        if (graph is not null) details["graph"] = graph;
        if (graphVersion is not null) details["graphVersion"] = graphVersion;
        if (jobId is not null) details["jobId"] = jobId;
        if (tokenId is not null) details["tokenId"] = tokenId;
        if (node is not null) details["node"] = node;
        db.Publish(new AuditRecorded(type, now, actor, details.ToJsonString(FlowRuntime.Json)), AuditRecorded.Stream);
    }

    public Task SaveAsync() => db.SaveChangesAsync();

    /// <summary>Runs the assignment that the command's changes call for, then saves.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        await SettleAsync();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Settles the command (<see cref="SettleAsync"/>) and raises the versions of the rows it changed, as the save will:
    /// for a command that answers with a row before the runtime writes it with the commit
    /// (<see cref="Weft.Platform.Persistence.ModuleDbContext.SaveAndCommitAsync"/>).
    /// </summary>
    public async Task SettleForAnswerAsync()
    {
        await SettleAsync();
        db.StampVersions();
    }

    /// <summary>What <see cref="FlushAsync"/> does short of the save: assignment of what the command made ready or freed, and timers.</summary>
    public async Task SettleAsync()
    {
        for (var round = 0; round < 10 && (pending.NewlyReady.Count > 0 || pending.AgentsWithFreedCapacity.Count > 0); round++)
        {
            var ready = pending.NewlyReady.ToList();
            pending.NewlyReady.Clear();
            var freed = pending.AgentsWithFreedCapacity.ToList();
            pending.AgentsWithFreedCapacity.Clear();
            if (freed.Count > 0) ready.AddRange(await Assignment.WaitingWorkForAsync(freed, ready));
            if (ready.Count > 0) await Assignment.AssignAsync(ready, reportUnassignable: true);
        }
        await Assignment.ScheduleTimersAsync();
    }
}
