using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Flow.Persistence;
using Weft.Flow.Runtime;
using Weft.Platform.Errors;
using Weft.Platform.Paging;

namespace Weft.Flow;

/// <summary>The engine's door: every command and query the host (and later modules) may call.</summary>
public sealed partial class FlowEngine
{
    private readonly TenantRuntime runtime;

    internal FlowEngine(FlowRuntime runtime, long tenantId) => this.runtime = new TenantRuntime(runtime, tenantId);

    /// <summary>The tenant whose graphs, jobs, work and agents this engine sees and changes.</summary>
    public long TenantId => runtime.Tenant;

    public const int MaxPageSize = PageCursor.MaxSize;
    public const int MaxQuantity = 10_000;

    // ---- Graphs -------------------------------------------------------------------------------

    public Task<Page<GraphSummary>> ListGraphsAsync(int? limit, string? cursor, CancellationToken ct = default) =>
        runtime.ReadAsync(async db =>
        {
            var (take, after) = Paging(limit, cursor);
            var rows = await db.Graphs.AsNoTracking().Where(g => g.Id > after).OrderBy(g => g.Id).Take(take + 1).ToListAsync(ct);
            return PageOf(rows, take, r => r.Id, FlowMapping.ToSummary);
        }, ct);

    public Task<GraphDetail> GetGraphAsync(string key, CancellationToken ct = default) =>
        runtime.ReadAsync(async db =>
        {
            var g = await db.Graphs.AsNoTracking().FirstOrDefaultAsync(x => x.Key == key, ct) ?? throw GraphNotFound(key);
            var versions = await db.GraphVersions.Where(v => v.GraphKey == key).OrderBy(v => v.Number).Select(v => v.Number).ToListAsync(ct);
            return Detail(g, versions);
        }, ct);

    private static GraphDetail Detail(GraphRecord g, IReadOnlyList<int> versions) =>
        new(g.Key, g.Name, g.LatestVersion, g.DraftRevision, FlowMapping.Definition(g.DraftJson), versions, g.CreatedAt, g.UpdatedAt);

    private static WeftException GraphNotFound(string key) => WeftException.NotFound("graph_not_found", $"Graph '{key}' does not exist.");

    public Task<GraphDetail> CreateGraphAsync(CommandContext ctx, CreateGraphRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        errors.RequireKey(request.Key, "key");
        if (request.Name is { Length: > 200 }) errors["name"] = ["'name' is at most 200 characters."];
        errors.ThrowIfAny();
        return runtime.ExecuteAsync(ctx, async s =>
        {
            if (await s.Db.Graphs.AnyAsync(g => g.Key == request.Key, ct))
                throw WeftException.Conflict("graph_exists", $"Graph '{request.Key}' already exists.");
            var g = new GraphRecord
            {
                Key = request.Key!,
                Name = string.IsNullOrWhiteSpace(request.Name) ? request.Key! : request.Name,
                DraftJson = FlowMapping.Json(request.Draft ?? new GraphDefinition()),
                DraftRevision = 1,
                CreatedAt = s.Now,
                UpdatedAt = s.Now,
            };
            s.Db.Graphs.Add(g);
            s.Emit("graph_created", graph: g.Key);
            return Detail(g, []);
        }, ct);
    }

    public Task<GraphDetail> SaveDraftAsync(CommandContext ctx, string key, SaveDraftRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (request.Nodes is null) errors["nodes"] = ["'nodes' is required (an empty list for an empty draft)."];
        if (request.Edges is null) errors["edges"] = ["'edges' is required (an empty list for an empty draft)."];
        if (request.Name is { Length: > 200 }) errors["name"] = ["'name' is at most 200 characters."];
        errors.ThrowIfAny();
        var draft = new GraphDefinition { Nodes = request.Nodes!, Edges = request.Edges! };
        return runtime.ExecuteAsync(ctx, async s =>
        {
            var g = await s.Db.Graphs.FirstOrDefaultAsync(x => x.Key == key, ct) ?? throw GraphNotFound(key);
            if (request.Version is { } expected && expected != g.DraftRevision)
                throw WeftException.Conflict("stale_version", $"The draft is at version {g.DraftRevision}, not {expected}.");
            g.DraftJson = FlowMapping.Json(draft);
            if (!string.IsNullOrWhiteSpace(request.Name)) g.Name = request.Name;
            g.DraftRevision++;
            g.UpdatedAt = s.Now;
            s.Emit("draft_saved", graph: key, data: new { revision = g.DraftRevision });
            var versions = await s.Db.GraphVersions.Where(v => v.GraphKey == key).OrderBy(v => v.Number).Select(v => v.Number).ToListAsync(ct);
            return Detail(g, versions);
        }, ct);
    }

    public Task<ValidationResult> ValidateDraftAsync(string key, CancellationToken ct = default) =>
        runtime.ReadAsync(async db =>
        {
            var g = await db.Graphs.AsNoTracking().FirstOrDefaultAsync(x => x.Key == key, ct) ?? throw GraphNotFound(key);
            return GraphValidator.Validate(FlowMapping.Definition(g.DraftJson));
        }, ct);

    public Task<GraphVersionDto> PublishAsync(CommandContext ctx, string key, PublishRequest request, CancellationToken ct = default) =>
        runtime.ExecuteAsync(ctx, async s =>
        {
            var g = await s.Db.Graphs.FirstOrDefaultAsync(x => x.Key == key, ct) ?? throw GraphNotFound(key);
            if (request.Version is { } expected && expected != g.DraftRevision)
                throw WeftException.Conflict("stale_version", $"The draft is at version {g.DraftRevision}, not {expected}.");
            var definition = FlowMapping.Definition(g.DraftJson);
            var result = GraphValidator.Validate(definition);
            if (!result.Valid)
                throw WeftException.Rule("graph_invalid", $"The draft of '{key}' has {result.Errors.Count} error(s).", result.Errors);
            g.LatestVersion++;
            g.UpdatedAt = s.Now;
            // Bumping the revision makes a concurrent publish of the same draft conflict.
            g.DraftRevision++;
            var version = new GraphVersionRecord
            {
                GraphKey = key,
                Number = g.LatestVersion,
                DefinitionJson = g.DraftJson,
                PublishedAt = s.Now,
                PublishedBy = s.Actor,
            };
            s.Db.GraphVersions.Add(version);
            s.Emit("graph_published", graph: key, graphVersion: version.Number);
            return new GraphVersionDto(key, version.Number, definition, version.PublishedAt, version.PublishedBy);
        }, ct);

    public Task<GraphVersionDto> GetVersionAsync(string key, int number, CancellationToken ct = default) =>
        runtime.ReadAsync(async db =>
        {
            var v = await db.GraphVersions.AsNoTracking().FirstOrDefaultAsync(x => x.GraphKey == key && x.Number == number, ct)
                ?? throw WeftException.NotFound("graph_version_not_found", $"Graph '{key}' has no version {number}.");
            return new GraphVersionDto(key, v.Number, FlowMapping.Definition(v.DefinitionJson), v.PublishedAt, v.PublishedBy);
        }, ct);

    // ---- Jobs and tokens ----------------------------------------------------------------------

    public Task<JobDto> StartJobAsync(CommandContext ctx, StartJobRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        errors.RequireKey(request.Graph, "graph");
        if (request.Quantity is not { } quantity || quantity < 1 || quantity > MaxQuantity)
            errors["quantity"] = [$"'quantity' must be between 1 and {MaxQuantity}."];
        if (string.IsNullOrWhiteSpace(request.Reference) || request.Reference.Length > 200)
            errors["reference"] = ["'reference' is required, at most 200 characters."];
        if (request.Priority is < -1000 or > 1000) errors["priority"] = ["'priority' must be between -1000 and 1000."];
        if (request.Version is < 1) errors["version"] = ["'version' must be at least 1."];
        if (request.Data is not null && request.Data.ToJsonString().Length > 64 * 1024) errors["data"] = ["'data' is at most 64 KiB."];
        if (request.DueAt is { Kind: DateTimeKind.Unspecified }) errors["dueAt"] = ["'dueAt' must carry a time zone (ISO-8601)."];
        errors.ThrowIfAny();
        return runtime.ExecuteAsync(ctx, async s =>
        {
            var g = await s.Db.Graphs.AsNoTracking().FirstOrDefaultAsync(x => x.Key == request.Graph, ct) ?? throw GraphNotFound(request.Graph!);
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

    public static readonly string[] JobStates = ["active", "completed", "cancelled"];

    public Task<Page<JobDto>> ListJobsAsync(string? graph, string? state, int? limit, string? cursor, CancellationToken ct = default)
    {
        if (state is not null && !JobStates.Contains(state))
            throw WeftException.Invalid("invalid_state", $"'state' must be one of: {string.Join(", ", JobStates)}.");
        return runtime.ReadAsync(async db =>
        {
            var (take, after) = Paging(limit, cursor);
            var q = db.Jobs.AsNoTracking().Where(j => j.Id > after);
            if (!string.IsNullOrEmpty(graph)) q = q.Where(j => j.GraphKey == graph);
            if (!string.IsNullOrEmpty(state)) q = q.Where(j => j.State == state);
            var rows = await q.OrderBy(j => j.Id).Take(take + 1).ToListAsync(ct);
            return PageOf(rows, take, r => r.Id, FlowMapping.ToDto);
        }, ct);
    }

    public Task<JobDto> GetJobAsync(long id, CancellationToken ct = default) =>
        runtime.ReadAsync(async db =>
            FlowMapping.ToDto(await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, ct) ?? throw JobNotFound(id)), ct);

    private static WeftException JobNotFound(long id) => WeftException.NotFound("job_not_found", $"Job {id} does not exist.");

    public Task<IReadOnlyList<TokenDto>> GetTokensAsync(long jobId, CancellationToken ct = default) =>
        runtime.ReadAsync<IReadOnlyList<TokenDto>>(async db =>
        {
            if (!await db.Jobs.AnyAsync(j => j.Id == jobId, ct)) throw JobNotFound(jobId);
            var rows = await db.Tokens.AsNoTracking().Where(t => t.JobId == jobId).OrderBy(t => t.Id).ToListAsync(ct);
            return rows.Select(FlowMapping.ToDto).ToList();
        }, ct);

    public Task<Page<EventDto>> GetJobEventsAsync(long jobId, int? limit, string? cursor, CancellationToken ct = default) =>
        runtime.ReadAsync(async db =>
        {
            if (!await db.Jobs.AnyAsync(j => j.Id == jobId, ct)) throw JobNotFound(jobId);
            var (take, after) = Paging(limit, cursor);
            var rows = await db.Events.AsNoTracking().Where(e => e.JobId == jobId && e.Id > after).OrderBy(e => e.Id).Take(take + 1).ToListAsync(ct);
            return PageOf(rows, take, r => r.Id, FlowMapping.ToDto);
        }, ct);

    /// <summary>The tenant's event log, oldest first, limited to the given event types.</summary>
    public Task<Page<EventDto>> ListEventsAsync(IReadOnlyCollection<string> types, int? limit, string? cursor, CancellationToken ct = default)
    {
        var (take, after) = Paging(limit, cursor);
        var wanted = types.ToList();
        return runtime.ReadAsync(async db =>
        {
            var rows = await db.Events.AsNoTracking().Where(e => e.Id > after && wanted.Contains(e.Type)).OrderBy(e => e.Id).Take(take + 1).ToListAsync(ct);
            return PageOf(rows, take, r => r.Id, FlowMapping.ToDto);
        }, ct);
    }

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
            var jobIds = await s.Db.Tokens.Where(t => ids.Contains(t.Id)).Select(t => t.JobId).Distinct().OrderBy(j => j).ToListAsync(ct);
            foreach (var jobId in jobIds) await s.LockJobAsync(jobId);
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
                    var job = await s.Db.Jobs.SingleAsync(j => j.Id == t.JobId, ct);
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

    // ---- Messages -----------------------------------------------------------------------------

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

    // ---- Paging -------------------------------------------------------------------------------

    internal static (int Take, long After) Paging(int? limit, string? cursor) => PageCursor.Parse(limit, cursor);

    internal static Page<TDto> PageOf<TRow, TDto>(List<TRow> rows, int take, Func<TRow, long> id, Func<TRow, TDto> map) =>
        PageCursor.Of(rows, take, id, map);

    internal static readonly JsonSerializerOptions Json = FlowRuntime.Json;
}
