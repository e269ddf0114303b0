using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Weft.Flow.Definitions;
using Weft.Flow.Persistence;
using Weft.Platform.Audit;

namespace Weft.Flow.Runtime;

/// <summary>
/// One command's unit of work: the context, the clock reading, the actor, and the engine rules
/// (split across the partial files in Execution, Work, Assignment) that change state in it.
/// </summary>
internal sealed partial class FlowSession(FlowDbContext db, DateTime now, string? actor, DefinitionCache definitions)
{
    private readonly HashSet<long> lockedJobs = [];
    private readonly HashSet<string> agentsWithFreedCapacity = [];
    private readonly List<WorkItemRecord> newlyReady = [];

    public FlowDbContext Db => db;
    public DateTime Now => now;
    public string? Actor => actor;

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
        for (var round = 0; round < 10 && (newlyReady.Count > 0 || agentsWithFreedCapacity.Count > 0); round++)
        {
            var ready = newlyReady.ToList();
            newlyReady.Clear();
            var freed = agentsWithFreedCapacity.ToList();
            agentsWithFreedCapacity.Clear();
            if (freed.Count > 0) ready.AddRange(await WaitingWorkForAsync(freed, ready));
            if (ready.Count > 0) await AssignAsync(ready, reportUnassignable: true);
        }
        await ScheduleTimersAsync();
        await db.SaveChangesAsync(ct);
    }

    internal static JsonObject ParseObject(string? json)
    {
        if (string.IsNullOrEmpty(json)) return [];
        return JsonNode.Parse(json) as JsonObject ?? [];
    }

    internal static string? Serialize(JsonObject? data) => data is null ? null : data.ToJsonString(FlowRuntime.Json);
}
