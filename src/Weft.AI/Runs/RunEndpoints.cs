using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Platform.Web.Security;

namespace Weft.AI.Runs;

internal static class RunEndpoints
{
    public static void MapRuns(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/ai/agents/{key}/runs", async (HttpContext http, AgentRuns runs, string key, RunRequest body) =>
        {
            var run = await runs.RunAsync(http.User.TenantOf()!.Value, http.User.ActorOf(), key, body, http.RequestAborted);
            return TypedResults.Created($"/api/v1/ai/runs/{run.Id}", run);
        }).WithTags("AI runs").RequireAuthorization(AiPermissions.Run);
        var group = app.MapGroup("/api/v1/ai/runs").WithTags("AI runs").RequireAuthorization(AiPermissions.Read);
        group.MapGet("", (HttpContext http, AgentRuns runs, string? agent, int? limit, string? cursor) =>
            runs.ListAsync(http.User.TenantOf()!.Value, agent, limit, cursor, http.RequestAborted));
        group.MapGet("/{id:long}", (HttpContext http, AgentRuns runs, long id) => runs.GetAsync(http.User.TenantOf()!.Value, id, http.RequestAborted));
    }
}
