using Weft.AI.Runs;

namespace Weft.AI.Costs;

/// <summary>What AI runs cost over a period, in total and per day, agent or model (US dollars at the prices of each call's moment).</summary>
public sealed record CostReport(DateOnly From, DateOnly To, string By, CostLine Total, IReadOnlyList<CostLine> Lines);

/// <param name="Key">The day (yyyy-MM-dd, UTC), the agent's key or the model's key.</param>
public sealed record CostLine(string Key, int Runs, int Calls, TokenUsage Usage, decimal Cost);
