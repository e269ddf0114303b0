using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Weft.Identity.SigningIn;
using Weft.Identity.Tenants;
using Weft.Platform.Web.Security;

namespace Weft.Identity.ExternalSignIn;

/// <summary>Starting a sign-in through one of a tenant's providers, and its callback on a host that has not seen the provider yet.</summary>
internal static class ExternalSignInEndpoints
{
    public static void MapExternalSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet("/sign-in/external/{tenant}/{provider}", async (HttpContext http, TenantDirectory tenants, ExternalSchemes schemes,
            ILogger<ExternalSchemes> log, string tenant, string provider, string? returnUrl) =>
        {
            var scheme = await SchemeAsync(http, tenants, schemes, tenant, provider);
            if (scheme is null) return Results.LocalRedirect(ExternalSignInEvents.FailurePath(tenant, ExternalSignInFailures.ProviderUnavailable));
            try
            {
                await http.ChallengeAsync(scheme, new AuthenticationProperties { RedirectUri = SignInPages.IsLocal(returnUrl) ? returnUrl : "/" });
                return Results.Empty;
            }
            catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException)
            {
                // The provider's discovery document could not be read: no redirect to make.
                log.LogWarning(e, "Sign-in through provider {Provider} of tenant {Tenant} could not start", provider, tenant);
                return Results.LocalRedirect(ExternalSignInEvents.FailurePath(tenant, ExternalSignInFailures.ProviderFailed));
            }
        }).AllowAnonymous().RequireRateLimiting(WebSecurity.SignInLimit).ExcludeFromDescription();

        // Once a host knows the scheme, the authentication middleware answers the callback before it gets here.
        app.MapGet("/sign-in/external/{tenant}/{provider}/callback", async (HttpContext http, TenantDirectory tenants, ExternalSchemes schemes,
            IAuthenticationHandlerProvider handlers, string tenant, string provider) =>
        {
            var scheme = await SchemeAsync(http, tenants, schemes, tenant, provider);
            if (scheme is not null && await handlers.GetHandlerAsync(http, scheme) is IAuthenticationRequestHandler handler && await handler.HandleRequestAsync())
                return Results.Empty;
            return Results.LocalRedirect(ExternalSignInEvents.FailurePath(tenant, ExternalSignInFailures.ProviderUnavailable));
        }).AllowAnonymous().RequireRateLimiting(WebSecurity.SignInLimit).ExcludeFromDescription();
    }

    private static async Task<string?> SchemeAsync(HttpContext http, TenantDirectory tenants, ExternalSchemes schemes, string tenant, string provider)
    {
        if (!Weft.Platform.Errors.FieldErrors.IsKey(tenant) || !Weft.Platform.Errors.FieldErrors.IsKey(provider)) return null;
        var found = await tenants.FindAsync(tenant, http.RequestAborted);
        return found is null ? null : await schemes.EnsureAsync(found.Id, found.Key, provider, http.RequestAborted);
    }
}
