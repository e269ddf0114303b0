using System.Text.Json;
using Weft.Flow.Contracts;
using Weft.Flow.Persistence;

namespace Weft.Flow.Runtime;

/// <summary>What an agent is able to do, as stored on its row.</summary>
internal static class AgentCapabilities
{
    public static IReadOnlyList<CapabilityDto> Of(AgentRecord agent) =>
        JsonSerializer.Deserialize<List<CapabilityDto>>(agent.CapabilitiesJson, FlowRuntime.Json) ?? [];

    public static bool Has(AgentRecord agent, string capability, int level) =>
        Of(agent).Any(c => string.Equals(c.Name, capability, StringComparison.OrdinalIgnoreCase) && c.Level >= level);
}
