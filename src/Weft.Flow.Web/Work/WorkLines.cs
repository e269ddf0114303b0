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
        return items.Select(i => Line(i, JobReferences.Of(jobs, i.JobId), graphs[(i.Graph, i.GraphVersion)])).ToList();
    }

    private static WorkLine Line(WorkItemDto item, string job, GraphDefinition graph)
    {
        var node = graph.Node(item.Node);
        return new WorkLine(item, job, node?.Name ?? item.Node, node is null ? [] : Outcomes(graph, node));
    }

    private static IReadOnlyList<string> Outcomes(GraphDefinition graph, NodeDefinition node)
    {
        if (node.Type == NodeType.Qc) return QualityOutcomes;
        var ways = graph.Outgoing(node.Key).ToList();
        return ways.Count > 1 ? ways.Select(e => e.Outcome).OfType<string>().Where(o => o.Length > 0).ToList() : [];
    }
}
