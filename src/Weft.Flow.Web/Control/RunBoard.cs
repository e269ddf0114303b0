using Weft.Flow.Contracts;
using Weft.Flow.Definitions;

namespace Weft.Flow.Web.Control;

/// <summary>
/// Lays open work out as a Kanban: one lane per step (graphs by key, steps in the order their graph lists them), one
/// column per state, and in each cell the most urgent first: higher priority, then earlier due, then older.
/// </summary>
public static class RunBoard
{
    public static IReadOnlyList<RunLane> Lay(IEnumerable<RunCard> cards, RunFilter filter, IReadOnlyDictionary<(string Graph, int Version), GraphDefinition> graphs)
    {
        var lanes = new List<(int Order, RunLane Lane)>();
        foreach (var lane in cards.Where(filter.Keeps).GroupBy(c => (c.Item.Graph, c.Item.GraphVersion, c.Item.Node)))
        {
            var (graph, version, node) = lane.Key;
            var definition = graphs.GetValueOrDefault((graph, version));
            var order = definition is null ? -1 : definition.Nodes.Select((n, i) => (n, i)).FirstOrDefault(x => x.n.Key == node, (null!, -1)).Item2;
            var cells = lane.GroupBy(c => c.Item.State).ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<RunCard>)g.OrderByDescending(c => c.Item.Priority).ThenBy(c => c.Due ?? DateTime.MaxValue).ThenBy(c => c.Item.Id).ToList());
            lanes.Add((order < 0 ? int.MaxValue : order, new RunLane(graph, version, node, lane.First().Step, cells)));
        }
        return lanes.OrderBy(l => l.Lane.Graph, StringComparer.Ordinal).ThenBy(l => l.Lane.Version).ThenBy(l => l.Order).ThenBy(l => l.Lane.Node, StringComparer.Ordinal)
            .Select(l => l.Lane).ToList();
    }
}
