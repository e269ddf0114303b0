using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Flow.Web.Ui;

namespace Weft.Flow.Web.Work;

/// <summary>Reads what My work shows of work items: their jobs' references and their steps from the graph versions they run on.</summary>
internal static class WorkLines
{
    // What the engine's quality checks complete with.
    public const string Pass = "pass";
    public const string Fail = "fail";
    private static readonly string[] QualityOutcomes = [Pass, Fail];

    public static async Task<IReadOnlyList<WorkLine>> ReadAsync(FlowEngine engine, IReadOnlyList<WorkItemDto> items, CancellationToken ct = default)
    {
        var jobs = await JobReferences.OfAsync(engine, items.Select(i => i.JobId), ct);
        var graphs = new Dictionary<(string Graph, int Version), GraphDefinition>();
        foreach (var key in items.Select(i => (i.Graph, i.GraphVersion)).Distinct())
            graphs[key] = (await engine.Graphs.GetVersionAsync(key.Graph, key.GraphVersion, ct)).Definition;
        // The unit each item's token carries (a branch of a split carries its parent's).
        var units = new Dictionary<long, int>();
        foreach (var job in items.Select(i => i.JobId).Distinct())
            foreach (var token in await engine.Jobs.GetTokensAsync(job, ct))
                units[token.Id] = token.Serial;
        return items.Select(i => Line(i, JobReferences.Of(jobs, i.JobId), graphs[(i.Graph, i.GraphVersion)],
            units.TryGetValue(i.TokenId, out var unit) ? unit : null)).ToList();
    }

    private static WorkLine Line(WorkItemDto item, string job, GraphDefinition graph, int? unit)
    {
        var node = graph.Node(item.Node);
        return new WorkLine(item, job, node?.Name ?? item.Node, node is null ? [] : Outcomes(graph, node), unit, node?.StandardMinutes);
    }

    private static IReadOnlyList<string> Outcomes(GraphDefinition graph, NodeDefinition node)
    {
        if (node.Type == NodeType.Qc) return QualityOutcomes;
        var ways = graph.Outgoing(node.Key).ToList();
        return ways.Count > 1 ? ways.Select(e => e.Outcome).OfType<string>().Where(o => o.Length > 0).ToList() : [];
    }
}
