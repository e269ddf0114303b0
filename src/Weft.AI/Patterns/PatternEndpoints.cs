using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Platform.Web.Security;

namespace Weft.AI.Patterns;

internal static class PatternEndpoints
{
    public static void MapPatterns(this IEndpointRouteBuilder app)
    {
        var patterns = app.MapGroup("/api/v1/ai/patterns").WithTags("AI patterns").RequireAuthorization(AiPermissions.Read);
        patterns.MapGet("", (HttpContext http, Patterns all) => all.ListAsync(http.User.TenantOf()!.Value, http.RequestAborted));
        patterns.MapGet("/{graph}", (HttpContext http, Patterns all, string graph) => all.GetAsync(http.User.TenantOf()!.Value, graph, http.RequestAborted));
        patterns.MapPost("", (HttpContext http, Patterns all, PatternRequest body) =>
            all.SaveAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, body, http.RequestAborted))
            .RequireAuthorization(AiPermissions.Manage);
    }
}
