using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Identity.SigningIn;
using Weft.Platform.Web.Security;

namespace Weft.Identity.ApiKeys;

internal static class ApiKeyEndpoints
{
    public static void MapApiKeys(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/v1/api-keys").WithTags("API keys").RequireAuthorization(PlatformPermissions.Admin);
        keys.MapGet("", (HttpContext http, ApiKeyQueries keys, int? limit, string? cursor) =>
            keys.ListAsync(SignInEndpoints.TenantOf(http), limit, cursor, http.RequestAborted));
        keys.MapPost("", async (HttpContext http, CreateApiKey create, CreateApiKeyRequest body) =>
        {
            var key = await create.HandleAsync(SignInEndpoints.TenantOf(http), http.User.ActorOf()!, body, http.RequestAborted);
            return TypedResults.Created($"/api/v1/api-keys/{key.ApiKey.Id}", key);
        });
        keys.MapGet("/{id:long}", (HttpContext http, ApiKeyQueries keys, long id) =>
            keys.GetAsync(SignInEndpoints.TenantOf(http), id, http.RequestAborted));
        keys.MapDelete("/{id:long}", (HttpContext http, RevokeApiKey revoke, long id) =>
            revoke.HandleAsync(SignInEndpoints.TenantOf(http), http.User.ActorOf()!, id, http.RequestAborted));
    }
}
