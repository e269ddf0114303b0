using System.Globalization;
using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Platform.Web.Ui;

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

    /// <summary>Pieces completed in each of the last 24 hours, as an ECharts bar chart.</summary>
    public object ThroughputChart => new
    {
        grid = new { left = 40, right = 16, top = 36, bottom = 30 },
        tooltip = new { trigger = "axis" },
        xAxis = new { type = "category", data = Statistics.CompletedPerHour.Select(h => h.Hour.ToString("HH:00", CultureInfo.InvariantCulture)).ToArray() },
        yAxis = new { type = "value", minInterval = 1, name = "pieces done" },
        series = new[] { new { type = "bar", name = "pieces done", data = Statistics.CompletedPerHour.Select(h => h.Count).ToArray() } },
    };

    public string ThroughputDescription
    {
        get
        {
            var hours = Statistics.CompletedPerHour;
            var total = hours.Sum(h => h.Count);
            var best = hours.MaxBy(h => h.Count);
            return total == 0
                ? "Pieces done per hour over the last 24 hours: none."
                : string.Create(CultureInfo.InvariantCulture,
                    $"Pieces done per hour over the last 24 hours: {total} in all, at most {best!.Count} in the hour from {best.Hour:HH:00} UTC.");
        }
    }

    private IReadOnlyList<NodeStatistics> Measured => Statistics.Nodes.Where(n => n.WorkMinutesMedian is not null).ToList();

    /// <summary>The median and 90th percentile of work minutes at each step that has finished work, as an ECharts bar chart.</summary>
    public object WorkTimesChart => new
    {
        grid = new { left = 40, right = 16, top = 36, bottom = 30 },
        tooltip = new { trigger = "axis" },
        legend = new { top = 0 },
        xAxis = new { type = "category", data = Measured.Select(n => StepName(n.Node)).ToArray() },
        yAxis = new { type = "value", name = "minutes" },
        series = new[]
        {
            new { type = "bar", name = "median", data = Measured.Select(n => n.WorkMinutesMedian ?? 0).ToArray() },
            new { type = "bar", name = "p90", data = Measured.Select(n => n.WorkMinutesP90 ?? 0).ToArray() },
        },
    };

    public string WorkTimesDescription => Measured.Count == 0
        ? "Work minutes per step: no step has finished work yet."
        : "Work minutes per step, median and 90th percentile: " + string.Join("; ", Measured.Select(n =>
            string.Create(CultureInfo.InvariantCulture, $"{StepName(n.Node)} {n.WorkMinutesMedian:0.#} and {n.WorkMinutesP90:0.#}"))) + ".";

    /// <summary>The drawing in words, for those who cannot see it.</summary>
    public string Description =>
        $"The routing {Graph} version {Version}: {Definition.Nodes.Count} steps." +
        (Statistics.Bottleneck is { } b ? $" The bottleneck is {StepName(b)}." : " No step is a bottleneck now.") +
        " The table below gives every step's figures.";
}
