namespace Weft.AI.Patterns;

/// <summary>
/// The body of <c>POST /api/v1/ai/patterns</c>: the graph to make, the pattern, its agents (steps, branches, debaters,
/// specialists, the maker, or the answering agent), its lead (aggregator, judge, lead or checker), the person a
/// handoff or a rejected draft goes to, a debate's rounds, and the most one job may spend on AI steps.
/// </summary>
internal sealed record PatternRequest(
    string? Graph, string? Name, string? Kind, IReadOnlyList<PatternRole>? Agents, PatternRole? Lead, PatternRole? Person, int? Rounds,
    decimal? MaxCost);
