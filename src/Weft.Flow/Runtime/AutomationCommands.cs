using Microsoft.EntityFrameworkCore;
using Weft.Flow.Automation;
using Weft.Flow.Contracts;
using Weft.Flow.Persistence;

namespace Weft.Flow.Runtime;

// Automated agents: the work items a service or ai agent holds are run by their handler under a lease
// (so a process that dies loses its claim), completed in one transaction, or retried with backoff, and
// after the node's limit handed to a manager with the last error.
internal sealed class AutomationCommands(FlowSession session)
{
    public const int DefaultMaxAttempts = 3;

    private readonly FlowDbContext db = session.Db;
    private readonly DateTime now = session.Now;

    /// <summary>Automated work due to run: held by a software agent this process has a handler for, not yet run or retry due, or its run's lease expired.</summary>
    public static IQueryable<WorkItemRecord> Due(FlowDbContext db, IReadOnlyCollection<string> agents, IReadOnlyCollection<string> capabilities, DateTime now,
        IReadOnlyCollection<string>? kinds = null)
    {
        var automated = db.Agents.Where(a => a.Kind != "person").Select(a => a.Key);
        var agentList = agents.ToList();
        var capabilityList = capabilities.Select(c => c.ToLowerInvariant()).ToList();
        if (kinds is { Count: > 0 })
        {
            var kindList = kinds.ToList();
            var ofKinds = db.Agents.Where(a => kindList.Contains(a.Kind)).Select(a => a.Key);
            return db.WorkItems
                .Where(w => (w.State == WorkItemStates.Assigned || w.State == WorkItemStates.InProgress)
                    && w.AgentKey != null && automated.Contains(w.AgentKey)
                    && (agentList.Contains(w.AgentKey) || capabilityList.Contains(w.Capability) || ofKinds.Contains(w.AgentKey))
                    && ((w.State == WorkItemStates.Assigned && (w.NextAttemptAt == null || w.NextAttemptAt <= now))
                        || (w.State == WorkItemStates.InProgress && w.LeaseUntil != null && w.LeaseUntil < now)));
        }
        // The states first, as their own condition: the index on (tenant, agent, state) then finds the few
        // live items of each automated agent instead of walking every item the agent ever held.
        return db.WorkItems
            .Where(w => (w.State == WorkItemStates.Assigned || w.State == WorkItemStates.InProgress)
                && w.AgentKey != null && automated.Contains(w.AgentKey)
                && (agentList.Contains(w.AgentKey) || capabilityList.Contains(w.Capability))
                && ((w.State == WorkItemStates.Assigned && (w.NextAttemptAt == null || w.NextAttemptAt <= now))
                    || (w.State == WorkItemStates.InProgress && w.LeaseUntil != null && w.LeaseUntil < now)));
    }

    public async Task<List<ClaimedWork>> ClaimAutomatedAsync(IReadOnlyCollection<string> agents, IReadOnlyCollection<string> capabilities, int max, TimeSpan lease,
        IReadOnlyCollection<string>? kinds = null)
    {
        var due = await Due(db, agents, capabilities, now, kinds)
            .OrderByDescending(w => w.Priority).ThenBy(w => w.ReadyAt).ThenBy(w => w.Id)
            .Take(max).ToListAsync();
        // The jobs' and tokens' data go to the handlers: read for all the items at once.
        var jobIds = due.Select(w => w.JobId).Distinct().ToList();
        var tokenIds = due.Select(w => w.TokenId).Distinct().ToList();
        var jobs = await db.Jobs.AsNoTracking().Where(j => jobIds.Contains(j.Id)).ToDictionaryAsync(j => j.Id);
        var tokens = await db.Tokens.AsNoTracking().Where(t => tokenIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id);
        var agentKeys = due.Select(w => w.AgentKey!).Distinct().ToList();
        var agentKinds = kinds is { Count: > 0 }
            ? await db.Agents.AsNoTracking().Where(a => agentKeys.Contains(a.Key)).ToDictionaryAsync(a => a.Key, a => a.Kind)
            : null;
        var claimed = new List<ClaimedWork>();
        foreach (var item in due)
        {
            if (item.State == WorkItemStates.Assigned)
            {
                session.WorkItems.Start(item, item.AgentKey!);
            }
            else
            {
                // The process that ran it stopped without a word: this run starts over.
                session.Emit("automation_lease_expired", item.JobId, item.TokenId, item.Id, item.NodeKey,
                    new { attempt = item.ExecutionAttempts, lease = item.LeaseId }, item.GraphKey, item.GraphVersion);
                item.RunningSince = now;
            }
            item.ExecutionAttempts++;
            item.LeaseId = Guid.NewGuid().ToString("N");
            item.LeaseUntil = now + lease;
            item.NextAttemptAt = null;
            var job = jobs[item.JobId];
            var token = tokens[item.TokenId];
            var data = FlowData.ParseObject(job.DataJson);
            foreach (var (k, v) in FlowData.ParseObject(token.DataJson)) data[k] = v?.DeepClone();
            claimed.Add(new ClaimedWork(item.Id, item.LeaseId, item.ExecutionAttempts, item.AgentKey!, item.Capability, item.JobId, job.Reference,
                item.TokenId, item.GraphKey, item.GraphVersion, item.NodeKey, data, agentKinds?.GetValueOrDefault(item.AgentKey!) ?? "service"));
        }
        return claimed;
    }

    /// <summary>Completes a handler's run, unless the item was taken from it meanwhile (then the result is recorded and dropped).</summary>
    public async Task<bool> CompleteAutomatedAsync(long id, string leaseId, AgentResult result, double seconds)
    {
        var item = await session.WorkItemForCommandAsync(id);
        if (!HoldsLease(item, leaseId, seconds)) return false;
        var attempt = item.ExecutionAttempts;
        item.LeaseId = null;
        item.LeaseUntil = null;
        await session.WorkItems.CompleteAsync(item, item.AgentKey!, result.Outcome, result.Data);
        session.Emit("automation_succeeded", item.JobId, item.TokenId, item.Id, item.NodeKey, new { agent = item.AgentKey, attempt, seconds = Math.Round(seconds, 3) },
            item.GraphKey, item.GraphVersion);
        return true;
    }

    /// <summary>A handler's run failed: try again later, or after the node's limit let a manager decide.</summary>
    public async Task FailAutomatedAsync(long id, string leaseId, string error, double seconds, bool final = false)
    {
        var item = await session.WorkItemForCommandAsync(id);
        if (!HoldsLease(item, leaseId, seconds)) return;
        var graph = await session.GraphAsync(item.GraphKey, item.GraphVersion);
        var max = graph.Node(item.NodeKey).MaxAttempts ?? DefaultMaxAttempts;
        session.WorkItems.StopClock(item);
        item.LeaseId = null;
        item.LeaseUntil = null;
        item.LastError = error.Length > 2000 ? error[..2000] : error;
        session.Emit("automation_attempt_failed", item.JobId, item.TokenId, item.Id, item.NodeKey,
            new { agent = item.AgentKey, attempt = item.ExecutionAttempts, of = max, error = item.LastError, seconds = Math.Round(seconds, 3) },
            item.GraphKey, item.GraphVersion);
        if (final || item.ExecutionAttempts >= max)
        {
            item.State = WorkItemStates.Paused;
            item.Note = "Automated work failed; waiting for a manager.";
            await session.Inbox.OpenInboxAsync("automation_failed", item, final
                ? $"Agent '{item.AgentKey}' refused work item {item.Id} at '{item.NodeKey}' (retrying cannot help): {item.LastError}"
                : $"Agent '{item.AgentKey}' failed work item {item.Id} at '{item.NodeKey}' {item.ExecutionAttempts} times; last: {item.LastError}");
        }
        else
        {
            item.State = WorkItemStates.Assigned;
            item.NextAttemptAt = now + Backoff(item.ExecutionAttempts);
        }
    }

    /// <summary>Keeps a run's lease while its handler works; false when the run was taken away.</summary>
    public async Task<bool> HeartbeatAsync(long id, string leaseId, TimeSpan lease)
    {
        var until = now + lease;
        return await db.WorkItems.Where(w => w.Id == id && w.LeaseId == leaseId && w.State == WorkItemStates.InProgress)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.LeaseUntil, until)) == 1;
    }

    /// <summary>A manager sends failed automated work back to its handler, as if for the first time.</summary>
    public void RetryAutomated(WorkItemRecord item)
    {
        if (item.AgentKey is null || item.State is not (WorkItemStates.Paused or WorkItemStates.Assigned))
            throw Platform.Errors.WeftException.Conflict("work_item_not_retryable", $"Work item {item.Id} is {item.State}; only failed automated work can be retried.");
        item.State = WorkItemStates.Assigned;
        item.ExecutionAttempts = 0;
        item.NextAttemptAt = null;
        item.Note = null;
        session.WaitsForSoftware(item, item.AgentKey);
        session.Emit("automation_retried", item.JobId, item.TokenId, item.Id, item.NodeKey, new { agent = item.AgentKey, by = session.Actor }, item.GraphKey, item.GraphVersion);
    }

    private bool HoldsLease(WorkItemRecord item, string leaseId, double seconds)
    {
        if (item.LeaseId == leaseId && item.State == WorkItemStates.InProgress) return true;
        session.Emit("automation_result_discarded", item.JobId, item.TokenId, item.Id, item.NodeKey,
            new { reason = item.State == WorkItemStates.Cancelled ? "work_item_cancelled" : "lease_lost", state = item.State, seconds = Math.Round(seconds, 3) },
            item.GraphKey, item.GraphVersion);
        return false;
    }

    /// <summary>10 s, 20 s, 40 s … at most 10 minutes between attempts.</summary>
    internal static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(600, 10 * Math.Pow(2, Math.Max(0, attempts - 1))));
}
