using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Weft.Identity.Callers;
using Weft.Identity.SigningIn;
using Weft.Platform.Errors;
using Weft.Platform.Web.Security;

namespace Weft.Identity.ExternalSignIn;

/// <summary>
/// The end of a sign-in through a provider: the person it names gets the same session as with a password,
/// or goes back to the sign-in page with the reason. Nothing the provider answers ends in an error page.
/// </summary>
internal static class ExternalSignInEvents
{
    public static OpenIdConnectEvents ForOpenIdConnect(ExternalProviderSettings s) => new()
    {
        OnTicketReceived = context => CompleteAsync(context, s),
        OnAccessDenied = context => DeniedAsync(context, s),
        OnRemoteFailure = context => FailedAsync(context, s),
    };

    public static OAuthEvents ForGitHub(ExternalProviderSettings s) => new()
    {
        OnCreatingTicket = GitHubProfile.ReadAsync,
        OnTicketReceived = context => CompleteAsync(context, s),
        OnAccessDenied = context => DeniedAsync(context, s),
        OnRemoteFailure = context => FailedAsync(context, s),
    };

    /// <summary>The sign-in page of the tenant, saying why.</summary>
    public static string FailurePath(string tenantKey, string code) =>
        $"/sign-in?tenant={Uri.EscapeDataString(tenantKey)}&failed={Uri.EscapeDataString(code)}";

    private static async Task CompleteAsync(TicketReceivedContext context, ExternalProviderSettings s)
    {
        var http = context.HttpContext;
        var accounts = http.RequestServices.GetRequiredService<ExternalAccounts>();
        try
        {
            var caller = await accounts.SignInAsync(s.TenantId, s.Key, s.ProvisionRole, ExternalIdentity.From(context.Principal, s.Kind),
                SignInEndpoints.ClientOf(http), http.RequestAborted);
            await http.SignInAsync(IdentityAuthentication.CookieScheme, caller.ToPrincipal(WeftClaims.CookieScheme));
            await ContinueAsync(http.Response, context.ReturnUri);
        }
        catch (WeftException e) when (e.Kind == ErrorKind.Unauthorized)
        {
            http.Response.Redirect(FailurePath(s.TenantKey, e.Code));
        }
        context.HandleResponse();
    }

    private static Task DeniedAsync(AccessDeniedContext context, ExternalProviderSettings s)
    {
        context.Response.Redirect(FailurePath(s.TenantKey, ExternalSignInFailures.AccessDenied));
        context.HandleResponse();
        return Task.CompletedTask;
    }

    private static Task FailedAsync(RemoteFailureContext context, ExternalProviderSettings s)
    {
        context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ExternalSignInEvents))
            .LogWarning(context.Failure, "Sign-in through provider {Provider} of tenant {Tenant} failed", s.Key, s.TenantKey);
        var denied = context.Failure?.Message.Contains("access_denied", StringComparison.Ordinal) == true;
        context.Response.Redirect(FailurePath(s.TenantKey, denied ? ExternalSignInFailures.AccessDenied : ExternalSignInFailures.ProviderFailed));
        context.HandleResponse();
        return Task.CompletedTask;
    }

    /// <summary>
    /// A page that moves on by itself rather than a redirect: the session cookie is SameSite=Strict, and a
    /// browser leaves it off every request of a redirect chain that began at the provider's site.
    /// </summary>
    private static Task ContinueAsync(HttpResponse response, string? returnUri)
    {
        var target = WebUtility.HtmlEncode(SignInPages.IsLocal(returnUri) ? returnUri : "/");
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        return response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8" /><meta http-equiv="refresh" content="0;url={target}" /><title>Signed in · Weft</title></head>
            <body><p>Signed in. <a href="{target}">Continue</a></p></body></html>
            """, response.HttpContext.RequestAborted);
    }
}
