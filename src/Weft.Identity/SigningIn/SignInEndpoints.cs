using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Identity.AccessTokens;
using Weft.Identity.Callers;
using Weft.Identity.Tenants;
using Weft.Identity.Users;
using Weft.Platform.Errors;
using Weft.Platform.Web.Security;

namespace Weft.Identity.SigningIn;

/// <summary>Access tokens for programs, the caller's own account, and changing one's password.</summary>
internal static class SignInEndpoints
{
    public static void MapSignIn(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Sign-in");
        auth.MapPost("/token", async (HttpContext http, TokenRequest body, PasswordSignIn signIn, CallerLoader callers, AccessTokenIssuer tokens) =>
        {
            Caller caller;
            if (body.ApiKey is not null)
            {
                if (body.Email is not null || body.Password is not null)
                    throw WeftException.Invalid("validation_failed", "Send either 'apiKey' or 'email' and 'password', not both.");
                caller = await callers.AuthenticateKeyAsync(body.ApiKey, http.RequestAborted)
                    ?? throw WeftException.Unauthorized("invalid_api_key", "The API key is not valid, expired or revoked.");
            }
            else
            {
                caller = await signIn.SignInAsync(body.Email, body.Password, ClientOf(http), http.RequestAborted);
            }
            return tokens.Issue(caller);
        }).AllowAnonymous().RequireRateLimiting(WebSecurity.SignInLimit);

        auth.MapGet("/me", async (HttpContext http, TenantDirectory tenants, IAntiforgery antiforgery) =>
        {
            var user = http.User;
            var tenant = user.TenantOf()!.Value;
            var isUser = user.IsPerson();
            return new MeDto(
                isUser ? "user" : "api-key", tenant, await tenants.KeyOfAsync(tenant, http.RequestAborted), user.ActorOf()!,
                isUser ? user.ActorOf() : null, user.RoleOf(), user.AgentOf(), user.PermissionsOf(),
                user.SchemeOf() == WeftClaims.CookieScheme ? antiforgery.GetAndStoreTokens(http).RequestToken : null);
        });

        auth.MapPost("/password", async (HttpContext http, ChangePasswordRequest body, CallerLoader callers, ChangePassword change) =>
        {
            var caller = await CurrentAsync(http, callers);
            var stamp = await change.HandleAsync(caller, body, http.RequestAborted);
            if (http.User.SchemeOf() == WeftClaims.CookieScheme)
            {
                // Other sessions end with the old stamp; this one continues under the new.
                var renewed = await callers.LoadAsync(caller.TenantId, caller.Subject, stamp, http.RequestAborted)
                    ?? throw WeftException.Unauthorized("invalid_credentials", "The session has ended; sign in again.");
                await http.SignInAsync(IdentityAuthentication.CookieScheme, renewed.ToPrincipal(WeftClaims.CookieScheme));
            }
            return Results.NoContent();
        });
    }

    /// <summary>The signed-in caller as the database knows them now.</summary>
    public static async Task<Caller> CurrentAsync(HttpContext http, CallerLoader callers) =>
        await callers.LoadAsync(http.User.TenantOf() ?? 0, http.User.SubjectOf() ?? "", http.User.FindFirst(WeftClaims.Stamp)?.Value, http.RequestAborted)
        ?? throw WeftException.Unauthorized("invalid_credentials", "The session has ended; sign in again.");

    internal static string ClientOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    internal static long TenantOf(HttpContext http) => http.User.TenantOf() ?? throw new InvalidOperationException("No tenant.");
}
