using Weft.Flow;
using Weft.Platform.Errors;

namespace Weft.Identity.Users;

/// <summary>A user or API key may act as one of the tenant's agents; the agent must exist in the engine.</summary>
internal sealed class AgentLinks(FlowEngines engines)
{
    public async Task RequireAsync(long tenant, string agent, CancellationToken ct)
    {
        try
        {
            await engines.For(tenant).Agents.GetAgentAsync(agent, ct);
        }
        catch (WeftException e) when (e.Kind == ErrorKind.NotFound)
        {
            throw WeftException.Rule("agent_not_found", $"Agent '{agent}' does not exist.");
        }
    }
}
