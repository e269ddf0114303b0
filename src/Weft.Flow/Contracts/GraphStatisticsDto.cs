namespace Weft.Flow.Contracts;

public sealed record NodeStatistics(
    string Node, string Type, int Waiting, int InProgress, int Completed,
    double? QueueMinutesMedian, double? QueueMinutesP90, double? WorkMinutesMedian, double? WorkMinutesP90,
    double? FirstPassYield, WorkSpread? WorkMinutesSpread = null);

/// <summary>How work minutes at a step spread: least, lower quartile, median, upper quartile, most.</summary>
public sealed record WorkSpread(double Min, double Q1, double Median, double Q3, double Max);

/// <summary>Pieces finished on a day (UTC).</summary>
public sealed record DayCount(DateOnly Day, int Count);

/// <summary>First inspections on a day (UTC): how many pieces met a qc step for the first time, and how many passed it.</summary>
public sealed record DayYield(DateOnly Day, int Inspected, int Passed)
{
    public double? Yield => Inspected == 0 ? null : Math.Round(Passed / (double)Inspected, 4);
}

public sealed record HourCount(DateTime Hour, int Count);

public sealed record GraphStatisticsDto(
    string Graph, int Version, DateTime At, IReadOnlyList<NodeStatistics> Nodes, IReadOnlyList<HourCount> CompletedPerHour,
    int TokensActive, int TokensCompleted, IReadOnlyDictionary<string, int> Scrap, int Replacements, string? Bottleneck,
    IReadOnlyList<DayCount>? CompletedPerDay = null, IReadOnlyList<DayYield>? FirstPassYieldPerDay = null);
