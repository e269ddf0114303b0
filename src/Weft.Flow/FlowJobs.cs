using Microsoft.EntityFrameworkCore;
using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Flow.Persistence;
using Weft.Flow.Runtime;
using Weft.Platform.Errors;
using Weft.Platform.Paging;

namespace Weft.Flow;

/// <summary>
/// A tenant's jobs and their tokens: starting jobs, reading jobs, tokens and the event log, cancelling tokens, and
/// sending messages to tokens that wait for them. Reached through <see cref="FlowEngine.Jobs"/>.
/// </summary>
public sealed class FlowJobs
{
    private readonly TenantRuntime runtime;

    internal FlowJobs(TenantRuntime runtime) => this.runtime = runtime;

    /// <summary>
    /// Starts a job on the latest (or the given) published version of a graph: creates its tokens and moves each
    /// to the start node, which creates the first work items. Raises <c>validation_failed</c>, <c>graph_not_found</c>
    /// or <c>graph_not_published</c>.
    /// </summary>
    public Task<JobDto> StartJobAsync(CommandContext ctx, StartJobRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        errors.RequireKey(request.Graph, "graph");
        if (request.Quantity is not { } quantity || quantity < 1 || quantity > FlowEngine.MaxQuantity)
            errors["quantity"] = [$"'quantity' must be between 1 and {FlowEngine.MaxQuantity}."];
        if (string.IsNullOrWhiteSpace(request.Reference) || request.Reference.Length > 200)
            errors["reference"] = ["'reference' is required, at most 200 characters."];
        if (request.Priority is < -1000 or > 1000) errors["priority"] = ["'priority' must be between -1000 and 1000."];
        if (request.Version is < 1) errors["version"] = ["'version' must be at least 1."];
        if (request.Data is not null && request.Data.ToJsonString().Length > 64 * 1024) errors["data"] = ["'data' is at most 64 KiB."];
        if (request.DueAt is { Kind: DateTimeKind.Unspecified }) errors["dueAt"] = ["'dueAt' must carry a time zone (ISO-8601)."];
        errors.ThrowIfAny();
        return runtime.ExecuteAsync(ctx, async s =>
        {
            var g = await s.Db.Graphs.AsNoTracking().FirstOrDefaultAsync(x => x.Key == request.Graph, ct) ?? throw FlowGraphs.GraphNotFound(request.Graph!);
            var version = request.Version ?? g.LatestVersion;
            if (version == 0) throw WeftException.Rule("graph_not_published", $"Graph '{g.Key}' has no published version yet.");
            var graph = await s.GraphAsync(g.Key, version);
            var job = new JobRecord
            {
                GraphKey = g.Key,
                GraphVersion = version,
                Reference = request.Reference!,
                Quantity = request.Quantity!.Value,
                Priority = request.Priority ?? 0,
                DueAt = request.DueAt?.ToUniversalTime(),
                DataJson = FlowData.Serialize(request.Data ?? []) ?? "{}",
                State = "active",
                CreatedAt = s.Now,
            };
            s.Db.Jobs.Add(job);
            await s.SaveAsync();
            s.Emit("job_started", job.Id, data: new { job.Reference, job.Quantity, job.Priority }, graph: g.Key, graphVersion: version);
            // Tokens are written in one batch so their work items can name them.
            var tokens = Enumerable.Range(1, job.Quantity).Select(serial => s.Tokens.CreateToken(job, serial, 0, version, null)).ToList();
            await s.SaveAsync();
            foreach (var token in tokens) await s.Tokens.MoveToAsync(job, token, graph.Definition.StartNode.Key);
            await s.SaveAsync();
            return FlowMapping.ToDto(job);
        }, ct);
    }

    /// <summary>
    /// The tenant's jobs in id order, optionally of one graph and in one state (one of <see cref="FlowEngine.JobStates"/>),
    /// a page at a time. Raises <c>invalid_state</c>, <c>invalid_limit</c> or <c>invalid_cursor</c>.
    /// </summary>
    public Task<Page<JobDto>> ListJobsAsync(string? graph, string? state, int? limit, string? cursor, CancellationToken ct = default)
    {
        if (state is not null && !FlowEngine.JobStates.Contains(state))
            throw WeftException.Invalid("invalid_state", $"'state' must be one of: {string.Join(", ", FlowEngine.JobStates)}.");
        return runtime.ReadAsync(async db =>
        {
            var (take, after) = PageCursor.Parse(limit, cursor);
            var q = db.Jobs.AsNoTracking().Where(j => j.Id > after);
            if (!string.IsNullOrEmpty(graph)) q = q.Where(j => j.GraphKey == graph);
            if (!string.IsNullOrEmpty(state)) q = q.Where(j => j.State == state);
            var rows = await q.OrderBy(j => j.Id).Take(take + 1).ToListAsync(ct);
            return PageCursor.Of(rows, take, r => r.Id, FlowMapping.ToDto);
        }, ct);
    }

    /// <summary>One job. Raises <c>job_not_found</c>.</summary>
    public Task<JobDto> GetJobAsync(long id, CancellationToken ct = default) =>
        runtime.ReadAsync(async db =>
            FlowMapping.ToDto(await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, ct) ?? throw JobNotFound(id)), ct);

    private static WeftException JobNotFound(long id) => WeftException.NotFound("job_not_found", $"Job {id} does not exist.");

    /// <summary>Every token of a job (branches and replacements included), in id order. Raises <c>job_not_found</c>.</summary>
    public Task<IReadOnlyList<TokenDto>> GetTokensAsync(long jobId, CancellationToken ct = default) =>
        runtime.ReadAsync<IReadOnlyList<TokenDto>>(async db =>
        {
            if (!await db.Jobs.AnyAsync(j => j.Id == jobId, ct)) throw JobNotFound(jobId);
            var rows = await db.Tokens.AsNoTracking().Where(t => t.JobId == jobId).OrderBy(t => t.Id).ToListAsync(ct);
            return rows.Select(FlowMapping.ToDto).ToList();
        }, ct);

    /// <summary>A job's events, oldest first, a page at a time. Raises <c>job_not_found</c>, <c>invalid_limit</c> or <c>invalid_cursor</c>.</summary>
    public Task<Page<EventDto>> GetJobEventsAsync(long jobId, int? limit, string? cursor, CancellationToken ct = default) =>
        runtime.ReadAsync(async db =>
        {
            if (!await db.Jobs.AnyAsync(j => j.Id == jobId, ct)) throw JobNotFound(jobId);
            var (take, after) = PageCursor.Parse(limit, cursor);
            var rows = await db.Events.AsNoTracking().Where(e => e.JobId == jobId && e.Id > after).OrderBy(e => e.Id).Take(take + 1).ToListAsync(ct);
            return PageCursor.Of(rows, take, r => r.Id, FlowMapping.ToDto);
        }, ct);

    /// <summary>The tenant's event log, oldest first, limited to the given event types.</summary>
    public Task<Page<EventDto>> ListEventsAsync(IReadOnlyCollection<string> types, int? limit, string? cursor, CancellationToken ct = default)
    {
        var (take, after) = PageCursor.Parse(limit, cursor);
        var wanted = types.ToList();
        return runtime.ReadAsync(async db =>
        {
            var rows = await db.Events.AsNoTracking().Where(e => e.Id > after && wanted.Contains(e.Type)).OrderBy(e => e.Id).Take(take + 1).ToListAsync(ct);
            return PageCursor.Of(rows, take, r => r.Id, FlowMapping.ToDto);
        }, ct);
    }

    /// <summary>
    /// Cancels tokens, all or none, for a reason: <c>qc_fail</c> issues a replacement (at <c>restartAt</c> when given),
    /// <c>redesign</c> a replacement on a newer version, <c>permanent</c> none. Raises <c>validation_failed</c>,
    /// <c>token_not_found</c>, <c>token_is_branch</c>, <c>token_not_active</c> or <c>restart_node_invalid</c>.
    /// </summary>
    public Task<CancelResult> CancelTokensAsync(CommandContext ctx, CancelTokensRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (request.Tokens is not { Count: > 0 } ids) errors["tokens"] = ["'tokens' must list at least one token id."];
        else if (ids.Count > 1000) errors["tokens"] = ["At most 1000 tokens at once."];
        else if (ids.Distinct().Count() != ids.Count) errors["tokens"] = ["'tokens' lists a token twice."];
        if (request.Reason is null || !CancelReasons.All.Contains(request.Reason))
            errors["reason"] = [$"'reason' must be one of: {string.Join(", ", CancelReasons.All)}."];
        else if (request.RestartAt is not null && request.Reason != CancelReasons.QcFail)
            errors["restartAt"] = ["'restartAt' applies to qc_fail only."];
        errors.ThrowIfAny();
        return runtime.ExecuteAsync(ctx, async s =>
        {
            var ids = request.Tokens!.ToList();
            // The jobs are locked (in one statement, in id order) before their tokens are read.
            await s.LockJobsOfAsync(ids, []);
            var tokens = await s.Db.Tokens.Where(t => ids.Contains(t.Id)).ToListAsync(ct);
            var missing = ids.Except(tokens.Select(t => t.Id)).ToList();
            if (missing.Count > 0) throw WeftException.NotFound("token_not_found", $"Token(s) {string.Join(", ", missing)} do not exist.");
            // All or nothing: every token is checked before any is touched.
            foreach (var t in tokens)
            {
                if (t.ParentTokenId is not null)
                    throw WeftException.Rule("token_is_branch", $"Token {t.Id} is a branch of token {t.ParentTokenId}; cancel the parent token.");
                if (!TokenStates.Live.Contains(t.State))
                    throw WeftException.Conflict("token_not_active", $"Token {t.Id} is {t.State}.");
                if (request.RestartAt is { } at)
                {
                    var job = await s.RowAsync<JobRecord>(t.JobId);
                    var graph = await s.GraphAsync(job.GraphKey, t.GraphVersion);
                    if (!Cancellation.IsValidRestartNode(graph, at))
                        throw WeftException.Rule("restart_node_invalid",
                            $"'{at}' is not a node of {job.GraphKey} v{t.GraphVersion} where a replacement can restart (a task, qc, decision or split outside any split block).");
                }
            }
            var ordered = ids.Select(id => tokens.Single(t => t.Id == id)).ToList();
            return await s.Cancellation.CancelTokensAsync(ordered, request.Reason!, request.RestartAt, automatic: false);
        }, ct);
    }

    /// <summary>
    /// Cancels every live top-level token of a job for good (<c>permanent</c>): the job ends cancelled, or
    /// completed if some of its pieces were already done. Raises <c>job_not_found</c> or <c>job_not_active</c>.
    /// </summary>
    public Task<CancelResult> CancelJobAsync(CommandContext ctx, long jobId, CancellationToken ct = default) =>
        runtime.ExecuteAsync(ctx, async s =>
        {
            await s.LockJobAsync(jobId);
            var job = await s.Db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, ct) ?? throw JobNotFound(jobId);
            var live = await s.Db.Tokens.Where(t => t.JobId == jobId && t.ParentTokenId == null && TokenStates.Live.Contains(t.State))
                .OrderBy(t => t.Id).ToListAsync(ct);
            if (job.State != "active" || live.Count == 0)
                throw WeftException.Conflict("job_not_active", $"Job {jobId} is {job.State}: it has no live token to cancel.");
            return await s.Cancellation.CancelTokensAsync(live, CancelReasons.Permanent, restartAt: null, automatic: false);
        }, ct);

    /// <summary>
    /// Changes an active job's priority, due date and data (each when given): its open work items take the new priority,
    /// and those due when the job was due take the new due date, so assignment and every list follow the new plan. Data
    /// fields are merged into the job's (null removes one), and a token waiting at a timer whose date comes from the
    /// job's data waits for the new date (an auction's end moved by a late bid). Raises <c>validation_failed</c>,
    /// <c>job_not_found</c> or <c>job_not_active</c>.
    /// </summary>
    public Task<JobDto> ReplanJobAsync(CommandContext ctx, long jobId, ReplanJobRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (request.Priority is null && request.DueAt is null && request.Data is null) errors["priority"] = ["Give 'priority', 'dueAt', 'data' or several."];
        if (request.Data is { Count: 0 }) errors["data"] = ["'data' names at least one field."];
        if (request.Data is not null && request.Data.ToJsonString().Length > 64 * 1024) errors["data"] = ["'data' is at most 64 KiB."];
        if (request.Priority is < -1000 or > 1000) errors["priority"] = ["'priority' must be between -1000 and 1000."];
        if (request.DueAt is { Kind: DateTimeKind.Unspecified }) errors["dueAt"] = ["'dueAt' must carry a time zone (ISO-8601)."];
        errors.ThrowIfAny();
        return runtime.ExecuteAsync(ctx, async s =>
        {
            await s.LockJobAsync(jobId);
            var job = await s.Db.Jobs.FirstOrDefaultAsync(j => j.Id == jobId, ct) ?? throw JobNotFound(jobId);
            if (job.State != "active") throw WeftException.Conflict("job_not_active", $"Job {jobId} is {job.State}.");
            var (oldPriority, oldDue) = (job.Priority, job.DueAt);
            var due = request.DueAt?.ToUniversalTime() ?? job.DueAt;
            var priority = request.Priority ?? job.Priority;
            var open = await s.Db.WorkItems.Where(w => w.JobId == jobId && WorkItemStates.Open.Contains(w.State)).ToListAsync(ct);
            foreach (var item in open)
            {
                item.Priority = priority;
                if (item.DueAt == oldDue) item.DueAt = due;
            }
            job.Priority = priority;
            job.DueAt = due;
            if (request.Data is { } changes)
            {
                var data = FlowData.ParseObject(job.DataJson);
                foreach (var (field, value) in changes)
                {
                    if (value is null) data.Remove(field);
                    else data[field] = value.DeepClone();
                }
                var json = FlowData.Serialize(data)!;
                if (json.Length > 64 * 1024) throw WeftException.Invalid("validation_failed", "A job's data is at most 64 KiB.");
                job.DataJson = json;
            }
            s.Emit("job_replanned", job.Id, data: new { priority, dueAt = due, oldPriority, oldDueAt = oldDue, fields = request.Data?.Select(f => f.Key).ToList() },
                graph: job.GraphKey, graphVersion: job.GraphVersion);
            if (request.Data is not null) await s.Waiting.FollowTimerDatesAsync(job);
            // Saved before it is answered, so the answer carries the job's new revision.
            await s.SaveAsync();
            return FlowMapping.ToDto(job);
        }, ct);
    }

    /// <summary>Where each of the given jobs stands (jobs that do not exist are left out).</summary>
    public Task<IReadOnlyList<JobProgressDto>> GetProgressAsync(IReadOnlyCollection<long> jobIds, CancellationToken ct = default)
    {
        if (jobIds.Count > MaxProgressJobs) throw WeftException.Invalid("too_many_jobs", $"At most {MaxProgressJobs} jobs at once.");
        var ids = jobIds.Distinct().ToList();
        return runtime.ReadAsync<IReadOnlyList<JobProgressDto>>(async db =>
        {
            if (ids.Count == 0) return [];
            var jobs = await db.Jobs.AsNoTracking().Where(j => ids.Contains(j.Id)).Select(j => new { j.Id, j.State }).ToListAsync(ct);
            var tokens = await db.Tokens.AsNoTracking().Where(t => ids.Contains(t.JobId) && t.ParentTokenId == null)
                .GroupBy(t => new { t.JobId, t.State, Replaced = t.ReplacedByTokenId != null })
                .Select(g => new { g.Key.JobId, g.Key.State, g.Key.Replaced, Count = g.Count() }).ToListAsync(ct);
            var started = await db.WorkItems.AsNoTracking()
                .Where(w => ids.Contains(w.JobId) && (w.StartedAt != null || w.State == WorkItemStates.Completed))
                .Select(w => w.JobId).Distinct().ToListAsync(ct);
            return jobs.Select(j =>
            {
                var mine = tokens.Where(t => t.JobId == j.Id).ToList();
                int Count(Func<string, bool, bool> which) => mine.Where(t => which(t.State, t.Replaced)).Sum(t => t.Count);
                return new JobProgressDto(j.Id, j.State,
                    Live: Count((state, _) => TokenStates.Live.Contains(state)),
                    Completed: Count((state, _) => state == TokenStates.Completed),
                    Replaced: Count((state, replaced) => state == TokenStates.Cancelled && replaced),
                    Cancelled: Count((state, replaced) => state == TokenStates.Cancelled && !replaced),
                    WorkStarted: started.Contains(j.Id));
            }).ToList();
        }, ct);
    }

    private const int MaxProgressJobs = 500;

    /// <summary>
    /// Sends a message to the tenant's flows: every token waiting at a wait node for its name and
    /// correlation key takes its data and goes on; when none waits, the message is kept for the first
    /// token that arrives (a message sent early is not lost).
    /// </summary>
    public Task<MessageDto> SendMessageAsync(CommandContext ctx, SendMessageRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (!Definitions.WaitingNodes.IsMessageName(request.Name))
            errors["name"] = ["'name' is 1-128 letters, digits, '.', '_', ':' or '-'."];
        if (string.IsNullOrWhiteSpace(request.CorrelationKey) || request.CorrelationKey.Length > 200)
            errors["correlationKey"] = ["'correlationKey' is required, at most 200 characters."];
        if (request.Data is not null && request.Data.ToJsonString().Length > 64 * 1024) errors["data"] = ["'data' is at most 64 KiB."];
        errors.ThrowIfAny();
        return runtime.ExecuteAsync(ctx, async s =>
        {
            var result = await s.Waiting.DeliverMessageAsync(request.Name!, request.CorrelationKey!, request.Data);
            await s.FlushAsync(ct);
            return result;
        }, ct);
    }
}
