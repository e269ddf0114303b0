using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Platform.Web.Security;

namespace Weft.AI.Providers;

internal static class ProviderEndpoints
{
    public static void MapProviders(this IEndpointRouteBuilder app)
    {
        var providers = app.MapGroup("/api/v1/ai/providers").WithTags("AI providers").RequireAuthorization(AiPermissions.Read);
        providers.MapGet("", (HttpContext http, ProviderDirectory directory, int? limit, string? cursor) =>
            directory.ListAsync(http.User.TenantOf()!.Value, limit, cursor, http.RequestAborted));
        providers.MapGet("/{key}", (HttpContext http, ProviderDirectory directory, string key) =>
            directory.GetAsync(http.User.TenantOf()!.Value, key, http.RequestAborted));
        providers.MapPost("", async (HttpContext http, ProviderDirectory directory, CreateProviderRequest body) =>
        {
            var provider = await directory.CreateAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, body, http.RequestAborted);
            return TypedResults.Created($"/api/v1/ai/providers/{provider.Key}", provider);
        }).RequireAuthorization(AiPermissions.Manage);
        providers.MapPatch("/{key}", (HttpContext http, ProviderDirectory directory, string key, UpdateProviderRequest body) =>
            directory.UpdateAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, key, body, http.RequestAborted))
            .RequireAuthorization(AiPermissions.Manage);
        providers.MapDelete("/{key}", async (HttpContext http, ProviderDirectory directory, string key) =>
        {
            await directory.DeleteAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, key, http.RequestAborted);
            return TypedResults.NoContent();
        }).RequireAuthorization(AiPermissions.Manage);
    }
}
