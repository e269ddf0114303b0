namespace Weft.AI.Costs;

/// <summary>An AI agent's runs started on one UTC day and what they cost (US dollars), as its daily budget counts them.</summary>
public sealed record AgentDay(string Agent, int Runs, decimal Cost);
