using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Weft.Platform.Web.Security;

namespace Weft.Identity.Callers;

/// <summary>
/// How callers prove who they are. People sign in with a password and get a session cookie;
/// programs send <c>Authorization: Bearer &lt;access token&gt;</c> or <c>Authorization: ApiKey &lt;key&gt;</c>.
/// Whatever the proof, the caller is loaded from the database on each request.
/// </summary>
internal static class IdentityAuthentication
{
    public const string Scheme = "weft";
    public const string TokenScheme = "token";
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;

    public static void AddIdentityAuthentication(this IServiceCollection services, IConfiguration config)
    {
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Cookie, bearer token or API key", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.Count > 0 ? TokenScheme : CookieScheme)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenScheme, null)
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = "weft.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(config.GetValue("Weft:Auth:SessionHours", 8.0));
                o.SlidingExpiration = true;
                o.LoginPath = "/sign-in";
                o.LogoutPath = "/sign-out";
                o.AccessDeniedPath = "/forbidden";
                o.Events.OnValidatePrincipal = ValidateSessionAsync;
            });
    }

    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext ctx)
    {
        var principal = ctx.Principal;
        var loader = ctx.HttpContext.RequestServices.GetRequiredService<CallerLoader>();
        var caller = principal?.TenantOf() is { } tenant && principal.SubjectOf() is { } subject
            ? await loader.LoadAsync(tenant, subject, principal.FindFirst(WeftClaims.Stamp)?.Value, ctx.HttpContext.RequestAborted)
            : null;
        if (caller is null)
        {
            ctx.RejectPrincipal();
            await ctx.HttpContext.SignOutAsync(CookieScheme);
            return;
        }
        ctx.ReplacePrincipal(caller.ToPrincipal(WeftClaims.CookieScheme));
    }
}
