using Weft.Flow.Contracts;

namespace Weft.AI.Agents;

/// <summary>An AI agent: a Flow agent of kind <c>ai</c> with a model chain (primary first) and limits.</summary>
/// <param name="BudgetPerRun">US dollars one run may spend (its answer is cut to fit); null: no limit.</param>
/// <param name="BudgetPerDay">US dollars the agent's runs may spend per UTC day; new runs are refused once it is spent.</param>
/// <param name="Knowledge">Keys of the knowledge bases it answers from.</param>
/// <param name="MaxToolRounds">How many times one run lets the model search the knowledge before it must answer (0: never).</param>
public sealed record AgentProfileDto(long Id, string Agent, string Name, string Status, string Description, IReadOnlyList<string> Models,
    double? Temperature, int? MaxOutputTokens, decimal? BudgetPerRun, decimal? BudgetPerDay, DateTime CreatedAt, DateTime UpdatedAt, int Version,
    IReadOnlyList<string> Knowledge, int MaxToolRounds);

/// <param name="Agent">The key of a Flow agent of kind <c>ai</c> (register it at <c>/api/v1/agents</c>), or none with <paramref name="NewAgent"/>.</param>
/// <param name="Models">Model keys of the catalogue, primary first, then the fallbacks.</param>
/// <param name="Knowledge">Keys of knowledge bases to answer from (at most 10).</param>
/// <param name="MaxToolRounds">0-10, default 3.</param>
/// <param name="NewAgent">An agent of kind <c>ai</c> to register with the profile, in the same transaction: both are made, or neither.</param>
public sealed record CreateAgentProfileRequest(string? Agent, string? Description, IReadOnlyList<string>? Models, double? Temperature, int? MaxOutputTokens,
    decimal? BudgetPerRun = null, decimal? BudgetPerDay = null, NewAiAgentRequest? NewAgent = null, IReadOnlyList<string>? Knowledge = null,
    int? MaxToolRounds = null);

/// <summary>The Flow agent an AI profile is made with: what the engine's registry takes, its kind being <c>ai</c>.</summary>
/// <param name="WipLimit">How many work items it may hold at once (default 1).</param>
/// <param name="Tier">The registry's tier (<see cref="AgentTiers"/>), if any.</param>
/// <param name="Description">What it does, for the registry.</param>
public sealed record NewAiAgentRequest(string? Key, string? Name, IReadOnlyList<CapabilityDto>? Capabilities, int? WipLimit, string? Tier = null,
    string? Description = null);

public sealed record UpdateAgentProfileRequest(string? Description, IReadOnlyList<string>? Models, double? Temperature, int? MaxOutputTokens, int? Version,
    decimal? BudgetPerRun = null, decimal? BudgetPerDay = null, IReadOnlyList<string>? Knowledge = null, int? MaxToolRounds = null);
