namespace Weft.AI.Costs;

/// <summary>One agent's or model's cost on each day of a <see cref="DailyCosts"/> period.</summary>
public sealed record DailyCostSeries(string Key, IReadOnlyList<decimal> Costs);
