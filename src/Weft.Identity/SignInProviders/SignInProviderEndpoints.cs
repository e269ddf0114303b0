using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Identity.SigningIn;
using Weft.Platform.Web.Security;

namespace Weft.Identity.SignInProviders;

internal static class SignInProviderEndpoints
{
    public static void MapSignInProviders(this IEndpointRouteBuilder app)
    {
        var providers = app.MapGroup("/api/v1/sign-in-providers").WithTags("Sign-in providers").RequireAuthorization(PlatformPermissions.Admin);
        providers.MapGet("", (HttpContext http, SignInProviderDirectory directory, int? limit, string? cursor) =>
            directory.ListAsync(SignInEndpoints.TenantOf(http), limit, cursor, http.RequestAborted));
        providers.MapGet("/{key}", (HttpContext http, SignInProviderDirectory directory, string key) =>
            directory.GetAsync(SignInEndpoints.TenantOf(http), key, http.RequestAborted));
        providers.MapPost("", async (HttpContext http, SignInProviderDirectory directory, CreateSignInProviderRequest body) =>
        {
            var provider = await directory.CreateAsync(SignInEndpoints.TenantOf(http), http.User.ActorOf()!, body, http.RequestAborted);
            return TypedResults.Created($"/api/v1/sign-in-providers/{provider.Key}", provider);
        });
        providers.MapPatch("/{key}", (HttpContext http, SignInProviderDirectory directory, string key, UpdateSignInProviderRequest body) =>
            directory.UpdateAsync(SignInEndpoints.TenantOf(http), http.User.ActorOf()!, key, body, http.RequestAborted));
        providers.MapDelete("/{key}", async (HttpContext http, SignInProviderDirectory directory, string key) =>
        {
            await directory.DeleteAsync(SignInEndpoints.TenantOf(http), http.User.ActorOf()!, key, http.RequestAborted);
            return TypedResults.NoContent();
        });
    }
}
