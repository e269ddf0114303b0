using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Flow.Web.Ui;
using Weft.Platform.Paging;

namespace Weft.Flow.Web.Control;

/// <summary>What the Run board shows: every open work item of the tenant, with its job, piece, step and due date.</summary>
public sealed record RunData(
    IReadOnlyList<RunCard> Cards, IReadOnlyDictionary<(string Graph, int Version), GraphDefinition> Graphs,
    IReadOnlyDictionary<long, JobDto> Jobs, IReadOnlyList<AgentDto> Agents)
{
    /// <summary>The open work of the tenant, or only that at steps keyed <paramref name="node"/> (the engine filters it).</summary>
    public static async Task<RunData> ReadAsync(FlowEngine engine, string? node = null, CancellationToken ct = default)
    {
        var items = new List<WorkItemDto>();
        foreach (var state in RunLane.States)
            items.AddRange(await AllPages.ReadAsync(cursor =>
                engine.Work.ListWorkItemsAsync(new WorkItemFilter(state, null, null, node, null), FlowEngine.MaxPageSize, cursor, ct)));
        var jobs = (await AllPages.ReadAsync(cursor => engine.Jobs.ListJobsAsync(null, "active", FlowEngine.MaxPageSize, cursor, ct)))
            .ToDictionary(j => j.Id);
        var graphs = new Dictionary<(string, int), GraphDefinition>();
        foreach (var key in items.Select(i => (i.Graph, i.GraphVersion)).Distinct())
            graphs[key] = (await engine.Graphs.GetVersionAsync(key.Graph, key.GraphVersion, ct)).Definition;
        // Each item's piece: the unit its token carries, and the top-level token a cancellation names.
        var tokens = new Dictionary<long, TokenDto>();
        foreach (var job in items.Select(i => i.JobId).Distinct())
            foreach (var token in await engine.Jobs.GetTokensAsync(job, ct))
                tokens[token.Id] = token;
        var cards = items.Select(i =>
        {
            var job = jobs.TryGetValue(i.JobId, out var j) ? j.Reference : $"Job {i.JobId}";
            var token = tokens.GetValueOrDefault(i.TokenId);
            var root = token;
            while (root?.ParentTokenId is { } parent && tokens.TryGetValue(parent, out var up)) root = up;
            var piece = token is null ? job : PieceSerials.Of(job, token.Serial);
            var step = graphs[(i.Graph, i.GraphVersion)].Node(i.Node)?.Name ?? i.Node;
            return new RunCard(i, job, piece, step, root?.Id ?? i.TokenId, i.DueAt ?? j?.DueAt);
        }).ToList();
        var agents = await AllPages.ReadAsync(cursor => engine.Agents.ListAgentsAsync(FlowEngine.MaxPageSize, cursor, ct));
        return new RunData(cards, graphs, jobs, agents);
    }
}
