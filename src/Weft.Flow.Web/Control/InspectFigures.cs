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

    private IReadOnlyList<DayCount> Days => Statistics.CompletedPerDay ?? [];

    private static string DayLabel(DateOnly day) => day.ToString("ddd d MMM", CultureInfo.InvariantCulture);

    /// <summary>Pieces finished on each of the last two weeks' days, as an ECharts bar chart.</summary>
    public object ThroughputChart => new
    {
        grid = new { left = 40, right = 16, top = 36, bottom = 30 },
        tooltip = new { trigger = "axis" },
        xAxis = new { type = "category", data = Days.Select(d => DayLabel(d.Day)).ToArray() },
        yAxis = new { type = "value", minInterval = 1, name = "pieces done" },
        series = new[] { new { type = "bar", name = "pieces done", data = Days.Select(d => d.Count).ToArray() } },
    };

    public string ThroughputDescription
    {
        get
        {
            var total = Days.Sum(d => d.Count);
            var best = Days.MaxBy(d => d.Count);
            return total == 0
                ? $"Pieces done per day over the last {Days.Count} days: none."
                : string.Create(CultureInfo.InvariantCulture,
                    $"Pieces done per day over the last {Days.Count} days: {total} in all, at most {best!.Count} on {DayLabel(best.Day)}.");
        }
    }

    private IReadOnlyList<DayYield> Inspections => Statistics.FirstPassYieldPerDay ?? [];

    /// <summary>Whether the routing inspects at all (has a qc step): else there is no yield to chart.</summary>
    public bool Inspects => Definition.Nodes.Any(n => n.Type == NodeType.Qc);

    /// <summary>The share of pieces passing their first inspection, day by day, as an ECharts line (days without one are gaps).</summary>
    public object YieldChart => new
    {
        grid = new { left = 44, right = 16, top = 36, bottom = 30 },
        tooltip = new { trigger = "axis" },
        xAxis = new { type = "category", data = Inspections.Select(d => DayLabel(d.Day)).ToArray() },
        yAxis = new { type = "value", min = 0, max = 100, name = "% passed first time" },
        series = new[]
        {
            new
            {
                type = "line", name = "first-pass yield %", connectNulls = false,
                data = Inspections.Select(d => d.Yield is { } y ? (double?)Math.Round(y * 100, 1) : null).ToArray(),
            },
        },
    };

    public string YieldDescription
    {
        get
        {
            var inspected = Inspections.Where(d => d.Inspected > 0).ToList();
            if (inspected.Count == 0) return $"First-pass yield per day over the last {Inspections.Count} days: no piece was inspected.";
            var all = inspected.Sum(d => d.Inspected);
            var passed = inspected.Sum(d => d.Passed);
            var worst = inspected.MinBy(d => d.Yield)!;
            return string.Create(CultureInfo.InvariantCulture,
                $"First-pass yield per day over the last {Inspections.Count} days: {passed} of {all} pieces passed their first inspection ({Shown.Percent(passed / (double)all)}); the lowest day was {DayLabel(worst.Day)} with {worst.Passed} of {worst.Inspected}.");
        }
    }

    private IReadOnlyList<NodeStatistics> Measured => Statistics.Nodes.Where(n => n.WorkMinutesSpread is not null).ToList();

    /// <summary>How work minutes spread at each step that has finished work (least, quartiles, most), as an ECharts box plot.</summary>
    public object WorkTimesChart => new
    {
        grid = new { left = 40, right = 16, top = 36, bottom = 30 },
        tooltip = new { trigger = "item" },
        xAxis = new { type = "category", data = Measured.Select(n => StepName(n.Node)).ToArray() },
        yAxis = new { type = "value", name = "minutes" },
        series = new[]
        {
            new
            {
                type = "boxplot", name = "work minutes",
                data = Measured.Select(n => n.WorkMinutesSpread!).Select(w => new[] { w.Min, w.Q1, w.Median, w.Q3, w.Max }).ToArray(),
            },
        },
    };

    public string WorkTimesDescription => Measured.Count == 0
        ? "Work minutes per step: no step has finished work yet."
        : "Work minutes per step, least, median and most: " + string.Join("; ", Measured.Select(n =>
            string.Create(CultureInfo.InvariantCulture,
                $"{StepName(n.Node)} {n.WorkMinutesSpread!.Min:0.#}, {n.WorkMinutesSpread.Median:0.#} and {n.WorkMinutesSpread.Max:0.#}"))) + ".";

    /// <summary>The drawing in words, for those who cannot see it.</summary>
    public string Description =>
        $"The routing {Graph} version {Version}: {Definition.Nodes.Count} steps." +
        (Statistics.Bottleneck is { } b ? $" The bottleneck is {StepName(b)}." : " No step is a bottleneck now.") +
        " The table below gives every step's figures.";
}
