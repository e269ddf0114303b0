namespace Weft.AI.Costs;

/// <summary>What AI runs cost on each day of a period (UTC), split by agent or by model, in US dollars.</summary>
/// <param name="Days">Every day of the period, in order; each series has one figure per day.</param>
public sealed record DailyCosts(DateOnly From, DateOnly To, string By, IReadOnlyList<DateOnly> Days, IReadOnlyList<DailyCostSeries> Series);
