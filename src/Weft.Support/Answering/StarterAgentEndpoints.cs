using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Platform.Web.Security;

namespace Weft.Support.Answering;

internal static class StarterAgentEndpoints
{
    public static void MapStarterAgents(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/support/starter-agents").WithTags("Support settings").RequireAuthorization(SupportPermissions.Read);
        group.MapGet("", (HttpContext http, StarterAgents starters) => starters.StateAsync(http.User.TenantOf()!.Value, http.RequestAborted));
        group.MapPost("", async (HttpContext http, StarterAgents starters) =>
        {
            var tenant = http.User.TenantOf()!.Value;
            var installed = await starters.InstallAsync(tenant, http.User.ActorOf()!, http.RequestAborted);
            return new StarterAgentsInstalled(installed, await starters.StateAsync(tenant, http.RequestAborted));
        }).RequireAuthorization(SupportPermissions.Manage);
    }
}

/// <summary>What installing the starter set made (the agents' keys; none when all were there) and the set as it stands.</summary>
internal sealed record StarterAgentsInstalled(IReadOnlyList<string> Installed, IReadOnlyList<StarterAgentState> Agents);
