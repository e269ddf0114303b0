using System.Globalization;
using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Flow.Web.Ui;

namespace Weft.Flow.Web.Control;

/// <summary>A graph version with its live figures, as Inspect draws and lists them.</summary>
public sealed record InspectFigures(string Graph, int Version, GraphDefinition Definition, GraphStatisticsDto Statistics)
{
    public NodeStatistics? Of(string node) => Statistics.Nodes.FirstOrDefault(n => n.Node == node);

    public string StepName(string node) => Definition.Node(node)?.Name ?? node;

    /// <summary>The drawing: each step named with what waits and runs there; the bottleneck and the chosen step marked.</summary>
    public GraphViewModel Drawing(string? chosen) => new(
        $"{Graph}@{Version}",
        Definition.Nodes.Select(n => new GraphViewNode(n.Key, Label(n), n.Type.ToString().ToLowerInvariant(), n.IsWork,
            n.Key == Statistics.Bottleneck, n.Key == chosen)).ToList(),
        Definition.Edges.Select((e, i) => new GraphViewEdge($"e{i}", e.From, e.To, e.Outcome ?? (e.IsDefault ? "default" : ""))).ToList());

    private string Label(NodeDefinition node)
    {
        var name = node.Name ?? node.Key;
        if (Of(node.Key) is not { } figures) return name;
        return node.IsWork
            ? string.Create(CultureInfo.InvariantCulture, $"{name}\n{figures.Waiting} waiting · {figures.InProgress} in work\n{figures.Completed} done")
            : string.Create(CultureInfo.InvariantCulture, $"{name}\n{figures.Waiting} waiting");
    }

    /// <summary>The drawing in words, for those who cannot see it.</summary>
    public string Description =>
        $"The routing {Graph} version {Version}: {Definition.Nodes.Count} steps." +
        (Statistics.Bottleneck is { } b ? $" The bottleneck is {StepName(b)}." : " No step is a bottleneck now.") +
        " The table below gives every step's figures.";
}
