using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Flow.Persistence;
using Weft.Flow.Runtime;
using Weft.Platform.Errors;
using Weft.Platform.Paging;

namespace Weft.Flow;

/// <summary>
/// A tenant's routing graphs: drafts, validation, publishing, published versions and their flow statistics.
/// Reached through <see cref="FlowEngine.Graphs"/>.
/// </summary>
public sealed class FlowGraphs
{
    private readonly TenantRuntime runtime;

    internal FlowGraphs(TenantRuntime runtime) => this.runtime = runtime;

    /// <summary>
    /// The tenant's graphs in id order, a page at a time (<paramref name="limit"/> up to <see cref="FlowEngine.MaxPageSize"/>,
    /// <paramref name="cursor"/> from the previous page). Raises <c>invalid_limit</c> or <c>invalid_cursor</c>.
    /// </summary>
    public Task<Page<GraphSummary>> ListGraphsAsync(int? limit, string? cursor, CancellationToken ct = default) =>
        runtime.ReadAsync(async db =>
        {
            var (take, after) = PageCursor.Parse(limit, cursor);
            var rows = await db.Graphs.AsNoTracking().Where(g => g.Id > after).OrderBy(g => g.Id).Take(take + 1).ToListAsync(ct);
            return PageCursor.Of(rows, take, r => r.Id, FlowMapping.ToSummary);
        }, ct);

    /// <summary>A graph with its draft and the numbers of its published versions. Raises <c>graph_not_found</c>.</summary>
    public Task<GraphDetail> GetGraphAsync(string key, CancellationToken ct = default) =>
        runtime.ReadAsync(async db =>
        {
            var g = await db.Graphs.AsNoTracking().FirstOrDefaultAsync(x => x.Key == key, ct) ?? throw GraphNotFound(key);
            var versions = await db.GraphVersions.Where(v => v.GraphKey == key).OrderBy(v => v.Number).Select(v => v.Number).ToListAsync(ct);
            return Detail(g, versions);
        }, ct);

    private static GraphDetail Detail(GraphRecord g, IReadOnlyList<int> versions) =>
        new(g.Key, g.Name, g.LatestVersion, g.DraftRevision, FlowMapping.Definition(g.DraftJson), versions, g.CreatedAt, g.UpdatedAt);

    internal static WeftException GraphNotFound(string key) => WeftException.NotFound("graph_not_found", $"Graph '{key}' does not exist.");

    /// <summary>
    /// Creates a graph whose draft (empty unless given) is at revision 1. Raises <c>validation_failed</c> for a bad key
    /// or name, <c>graph_exists</c> when the key is taken.
    /// </summary>
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

    /// <summary>
    /// Replaces a graph's draft (and its name, when given) and moves the draft to its next revision; a draft may be
    /// invalid until it is published. Raises <c>validation_failed</c>, <c>graph_not_found</c>, or <c>stale_version</c> when
    /// the request names a revision that is no longer the draft's.
    /// </summary>
    public Task<GraphDetail> SaveDraftAsync(CommandContext ctx, string key, SaveDraftRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (request.Nodes is null) errors["nodes"] = ["'nodes' is required (an empty list for an empty draft)."];
        if (request.Edges is null) errors["edges"] = ["'edges' is required (an empty list for an empty draft)."];
        if (request.Name is { Length: > 200 }) errors["name"] = ["'name' is at most 200 characters."];
        errors.ThrowIfAny();
        var draft = new GraphDefinition { Nodes = request.Nodes!, Edges = request.Edges!, Fields = request.Fields };
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

    /// <summary>The steps managers saved for the routing designer, by name.</summary>
    public Task<IReadOnlyList<SavedNodePreset>> ListSavedPresetsAsync(CancellationToken ct = default) =>
        runtime.ReadAsync(async db => (IReadOnlyList<SavedNodePreset>)(await db.NodePresets.AsNoTracking().ToListAsync(ct))
            .OrderBy(p => p.Name, StringComparer.CurrentCulture).Select(ToPreset).ToList(), ct);

    /// <summary>
    /// Saves a step's settings under a key and a name for the routing designer, replacing what the key held. The
    /// template's own key is dropped (each node made from it gets one). Raises <c>validation_failed</c>.
    /// </summary>
    public Task<SavedNodePreset> SavePresetAsync(CommandContext ctx, string key, SavePresetRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        errors.RequireKey(key, "key");
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > 200) errors["name"] = ["'name' is 1-200 characters."];
        if (request.Template is null) errors["template"] = ["'template' is required: the settings of the step."];
        else if (!Enum.IsDefined(request.Template.Type)) errors["template"] = ["'template.type' is not a kind of node."];
        errors.ThrowIfAny();
        var template = request.Template! with { Key = "" };
        return runtime.ExecuteAsync(ctx, async s =>
        {
            var row = await s.Db.NodePresets.FirstOrDefaultAsync(p => p.Key == key, ct);
            if (row is null)
            {
                row = new NodePresetRecord { Key = key };
                s.Db.NodePresets.Add(row);
            }
            row.Name = request.Name!.Trim();
            row.TemplateJson = JsonSerializer.Serialize(template, FlowRuntime.Json);
            row.SavedAt = s.Now;
            row.SavedBy = s.Actor;
            s.Emit("node_preset_saved", data: new { key, name = row.Name });
            return ToPreset(row);
        }, ct);
    }

    /// <summary>Deletes a saved step (nodes made from it keep their settings). Raises <c>node_preset_not_found</c>.</summary>
    public Task<SavedNodePreset> DeletePresetAsync(CommandContext ctx, string key, CancellationToken ct = default) =>
        runtime.ExecuteAsync(ctx, async s =>
        {
            var row = await s.Db.NodePresets.FirstOrDefaultAsync(p => p.Key == key, ct)
                ?? throw WeftException.NotFound("node_preset_not_found", $"No saved step has the key '{key}'.");
            s.Db.NodePresets.Remove(row);
            s.Emit("node_preset_deleted", data: new { key });
            return ToPreset(row);
        }, ct);

    private static SavedNodePreset ToPreset(NodePresetRecord r) =>
        new(r.Key, r.Name, JsonSerializer.Deserialize<NodeDefinition>(r.TemplateJson, FlowRuntime.Json) ?? new NodeDefinition(), r.SavedBy, r.SavedAt);

    /// <summary>
    /// Checks a graph's draft against the graph rules and changes nothing; the result lists every error.
    /// Raises <c>graph_not_found</c>.
    /// </summary>
    public Task<ValidationResult> ValidateDraftAsync(string key, CancellationToken ct = default) =>
        runtime.ReadAsync(async db =>
        {
            var g = await db.Graphs.AsNoTracking().FirstOrDefaultAsync(x => x.Key == key, ct) ?? throw GraphNotFound(key);
            return GraphValidator.Validate(FlowMapping.Definition(g.DraftJson));
        }, ct);

    /// <summary>
    /// Publishes the draft as the graph's next immutable version; running jobs stay on the versions they started on.
    /// Raises <c>graph_not_found</c>, <c>stale_version</c>, or <c>graph_invalid</c> (the errors in its details).
    /// </summary>
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

    /// <summary>One published version of a graph. Raises <c>graph_version_not_found</c>.</summary>
    public Task<GraphVersionDto> GetVersionAsync(string key, int number, CancellationToken ct = default) =>
        runtime.ReadAsync(async db =>
        {
            var v = await db.GraphVersions.AsNoTracking().FirstOrDefaultAsync(x => x.GraphKey == key && x.Number == number, ct)
                ?? throw WeftException.NotFound("graph_version_not_found", $"Graph '{key}' has no version {number}.");
            return new GraphVersionDto(key, v.Number, FlowMapping.Definition(v.DefinitionJson), v.PublishedAt, v.PublishedBy);
        }, ct);

    /// <summary>
    /// Flow statistics of one graph version. The bottleneck is the node with the most work in front
    /// of it, weighed by how long a piece takes there (median work time, else standard minutes).
    /// </summary>
    public Task<GraphStatisticsDto> GetStatisticsAsync(string key, int version, CancellationToken ct = default) =>
        runtime.ReadAsync(async db =>
        {
            var graph = await runtime.Definitions.GetAsync(db, key, version);
            var now = runtime.Clock.GetUtcNow().UtcDateTime;
            var items = await db.WorkItems.AsNoTracking()
                .Where(w => w.GraphKey == key && w.GraphVersion == version)
                .Select(w => new { w.TokenId, w.JobId, w.NodeKey, w.State, w.ReadyAt, w.CreatedAt, w.StartedAt, w.WorkSeconds, w.Outcome, w.EndedAt, w.Id })
                .ToListAsync(ct);
            var tokens = await db.Tokens.AsNoTracking()
                .Where(t => t.GraphVersion == version && db.Jobs.Any(j => j.Id == t.JobId && j.GraphKey == key))
                .Select(t => new { t.Id, t.JobId, t.Serial, t.State, t.NodeKey, t.ParentTokenId, t.ReplacesTokenId, t.CancelReason, t.EndedAt })
                .ToListAsync(ct);

            var pieceOf = tokens.ToDictionary(t => t.Id, t => (t.JobId, t.Serial));
            var nodes = new List<NodeStatistics>();
            var firstInspections = new List<(DateTime At, bool Passed)>();
            foreach (var node in graph.Definition.Nodes.Where(n => n.IsWork))
            {
                var here = items.Where(i => i.NodeKey == node.Key).ToList();
                var waiting = here.Where(i => i.State is WorkItemStates.Ready or WorkItemStates.Assigned).Select(i => i.TokenId).Distinct().Count();
                var inProgress = here.Where(i => i.State is WorkItemStates.InProgress or WorkItemStates.Paused).Select(i => i.TokenId).Distinct().Count();
                var done = here.Where(i => i.State == WorkItemStates.Completed).ToList();
                var queue = here.Where(i => i.StartedAt is not null).Select(i => (i.StartedAt!.Value - i.CreatedAt).TotalMinutes).ToList();
                var work = done.Select(i => i.WorkSeconds / 60.0).ToList();
                double? fpy = null;
                if (node.Type == NodeType.Qc && done.Count > 0)
                {
                    // First pass: the first qc result of each piece (job, serial), before any rework.
                    var firsts = done.Where(i => pieceOf.ContainsKey(i.TokenId))
                        .GroupBy(i => pieceOf[i.TokenId])
                        .Select(g => g.OrderBy(i => i.EndedAt).ThenBy(i => i.Id).First())
                        .ToList();
                    fpy = firsts.Count == 0 ? null : Math.Round(firsts.Count(i => i.Outcome == "pass") / (double)firsts.Count, 4);
                    firstInspections.AddRange(firsts.Where(i => i.EndedAt is not null).Select(i => (i.EndedAt!.Value, i.Outcome == "pass")));
                }
                var spread = work.Count == 0 ? null : new WorkSpread(Math.Round(work.Min(), 3), Percentile(work, 0.25)!.Value,
                    Percentile(work, 0.5)!.Value, Percentile(work, 0.75)!.Value, Math.Round(work.Max(), 3));
                nodes.Add(new NodeStatistics(node.Key, node.Type.ToString().ToLowerInvariant(), waiting, inProgress, done.Count,
                    Percentile(queue, 0.5), Percentile(queue, 0.9), Percentile(work, 0.5), Percentile(work, 0.9), fpy, spread));
            }

            // Where tokens wait (timers, waits for a message): how many wait now, and how many have gone on.
            var waitingNodes = graph.Definition.Nodes.Where(n => n.Type is NodeType.Timer or NodeType.Wait).Select(n => n.Key).ToList();
            if (waitingNodes.Count > 0)
            {
                var passed = await db.Events.AsNoTracking()
                    .Where(e => e.GraphKey == key && e.GraphVersion == version && e.NodeKey != null && waitingNodes.Contains(e.NodeKey)
                        && (e.Type == "timer_fired" || e.Type == "message_received" || e.Type == "wait_timed_out"))
                    .GroupBy(e => e.NodeKey!).Select(g => new { Node = g.Key, Count = g.Count() })
                    .ToDictionaryAsync(x => x.Node, x => x.Count, ct);
                foreach (var node in graph.Definition.Nodes.Where(n => waitingNodes.Contains(n.Key)))
                {
                    var waiting = tokens.Count(t => t.NodeKey == node.Key && t.State == TokenStates.Waiting);
                    nodes.Add(new NodeStatistics(node.Key, node.Type.ToString().ToLowerInvariant(), waiting, 0, passed.GetValueOrDefault(node.Key),
                        null, null, null, null, null));
                }
            }

            var roots = tokens.Where(t => t.ParentTokenId == null).ToList();
            var since = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc).AddHours(-23);
            var perHour = Enumerable.Range(0, 24).Select(h => since.AddHours(h))
                .Select(h => new HourCount(h, roots.Count(t => t.State == TokenStates.Completed && t.EndedAt >= h && t.EndedAt < h.AddHours(1))))
                .ToList();
            // The last two weeks, day by day (UTC): pieces finished, and how first inspections went.
            var today = DateOnly.FromDateTime(now);
            var days = Enumerable.Range(0, StatisticsDays).Select(d => today.AddDays(d - StatisticsDays + 1)).ToList();
            var finished = roots.Where(t => t.State == TokenStates.Completed && t.EndedAt is not null)
                .GroupBy(t => DateOnly.FromDateTime(t.EndedAt!.Value)).ToDictionary(g => g.Key, g => g.Count());
            var inspected = firstInspections.GroupBy(f => DateOnly.FromDateTime(f.At))
                .ToDictionary(g => g.Key, g => (All: g.Count(), Passed: g.Count(f => f.Passed)));
            var perDay = days.Select(d => new DayCount(d, finished.GetValueOrDefault(d))).ToList();
            var yieldPerDay = days.Select(d => inspected.TryGetValue(d, out var i) ? new DayYield(d, i.All, i.Passed) : new DayYield(d, 0, 0)).ToList();
            var scrap = roots.Where(t => t.State == TokenStates.Cancelled)
                .GroupBy(t => t.CancelReason ?? "unknown").ToDictionary(g => g.Key, g => g.Count());

            string? bottleneck = null;
            // Waiting for time or a message is not work: only work nodes can be the bottleneck.
            var load = nodes.Where(n => n.Type is "task" or "qc")
                // Work measured as taking no time (done at once) weighs its standard minutes, like work not measured yet.
                .Select(n => (n.Node, Weight: (n.Waiting + n.InProgress)
                    * (n.WorkMinutesMedian is > 0 and var measured ? measured : graph.Definition.Node(n.Node)?.StandardMinutes ?? 1.0)))
                .Where(x => x.Weight > 0)
                .OrderByDescending(x => x.Weight)
                .ThenBy(x => x.Node, StringComparer.Ordinal)
                .FirstOrDefault();
            if (load.Node is not null) bottleneck = load.Node;

            return new GraphStatisticsDto(key, version, now, nodes, perHour,
                roots.Count(t => TokenStates.Live.Contains(t.State)), roots.Count(t => t.State == TokenStates.Completed),
                scrap, roots.Count(t => t.ReplacesTokenId != null), bottleneck, perDay, yieldPerDay);
        }, ct);

    /// <summary>How many days, today included, the statistics count day by day.</summary>
    public const int StatisticsDays = 14;

    internal static double? Percentile(List<double> values, double p)
    {
        if (values.Count == 0) return null;
        values.Sort();
        var rank = p * (values.Count - 1);
        var lo = (int)Math.Floor(rank);
        var hi = (int)Math.Ceiling(rank);
        var v = values[lo] + ((values[hi] - values[lo]) * (rank - lo));
        return Math.Round(v, 3);
    }
}
