using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Platform.Web.Security;

namespace Weft.AI.Agents;

internal static class AgentProfileEndpoints
{
    public static void MapAgentProfiles(this IEndpointRouteBuilder app)
    {
        var agents = app.MapGroup("/api/v1/ai/agents").WithTags("AI agents").RequireAuthorization(AiPermissions.Read);
        agents.MapGet("", (HttpContext http, AgentProfiles profiles, int? limit, string? cursor) =>
            profiles.ListAsync(http.User.TenantOf()!.Value, limit, cursor, http.RequestAborted));
        agents.MapGet("/{key}", (HttpContext http, AgentProfiles profiles, string key) =>
            profiles.GetAsync(http.User.TenantOf()!.Value, key, http.RequestAborted));
        agents.MapPost("", async (HttpContext http, AgentProfiles profiles, CreateAgentProfileRequest body) =>
        {
            var profile = await profiles.CreateAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, body, http.RequestAborted);
            return TypedResults.Created($"/api/v1/ai/agents/{profile.Agent}", profile);
        }).RequireAuthorization(AiPermissions.Manage);
        agents.MapPatch("/{key}", (HttpContext http, AgentProfiles profiles, string key, UpdateAgentProfileRequest body) =>
            profiles.UpdateAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, key, body, http.RequestAborted))
            .RequireAuthorization(AiPermissions.Manage);
    }
}
