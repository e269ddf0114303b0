namespace Weft.Flow.Contracts;

public sealed record NodeStatistics(
    string Node, string Type, int Waiting, int InProgress, int Completed,
    double? QueueMinutesMedian, double? QueueMinutesP90, double? WorkMinutesMedian, double? WorkMinutesP90,
    double? FirstPassYield);

public sealed record HourCount(DateTime Hour, int Count);

public sealed record GraphStatisticsDto(
    string Graph, int Version, DateTime At, IReadOnlyList<NodeStatistics> Nodes, IReadOnlyList<HourCount> CompletedPerHour,
    int TokensActive, int TokensCompleted, IReadOnlyDictionary<string, int> Scrap, int Replacements, string? Bottleneck);
