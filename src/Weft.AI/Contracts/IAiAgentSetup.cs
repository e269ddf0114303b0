using Weft.Flow.Contracts;

namespace Weft.AI.Contracts;

/// <summary>An AI agent another module ships as a starter: its registry entry and the knowledge it answers from.</summary>
/// <param name="Knowledge">Keys of knowledge bases it answers from; one the tenant lacks is left out.</param>
public sealed record StarterAiAgent(string Key, string Name, string Description, string Tier, IReadOnlyList<CapabilityDto> Capabilities,
    IReadOnlyList<string> Knowledge, int WipLimit = 5);

/// <summary>Sets up AI agents a module ships (support's answerer and verifier) on the tenant's first chat model.</summary>
public interface IAiAgentSetup
{
    /// <summary>
    /// Registers the agent with an AI profile on the tenant's first chat model that has a provider, and answers true;
    /// answers false, changing nothing, when an AI profile with that key exists. Refuses with <c>no_chat_model</c>
    /// when the tenant has no chat model with a provider yet.
    /// </summary>
    Task<bool> EnsureAsync(long tenant, string actor, StarterAiAgent agent, CancellationToken ct = default);
}
