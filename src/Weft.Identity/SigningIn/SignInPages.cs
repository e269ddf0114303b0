using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Weft.Identity.Callers;
using Weft.Identity.ExternalSignIn;
using Weft.Platform.Errors;
using Weft.Platform.Web.Security;
using Weft.Platform.Web.Ui;

namespace Weft.Identity.SigningIn;

/// <summary>The sign-in page and signing out, for people in a browser.</summary>
internal static class SignInPages
{
    public static void MapSignInPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/sign-in", async (HttpContext http, IAntiforgery antiforgery, SignInChoices choices, string? returnUrl, string? tenant, string? failed) =>
            Page(http, antiforgery, returnUrl, ExternalSignInFailures.MessageOf(failed), null, 200,
                await choices.OfAsync(tenant, http.RequestAborted))).AllowAnonymous().ExcludeFromDescription();

        app.MapPost("/sign-in", async (HttpContext http, PasswordSignIn signIn, IAntiforgery antiforgery, SignInChoices choices) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var returnUrl = form["returnUrl"].ToString();
            try
            {
                var caller = await signIn.SignInAsync(form["email"], form["password"], SignInEndpoints.ClientOf(http), http.RequestAborted);
                await http.SignInAsync(IdentityAuthentication.CookieScheme, caller.ToPrincipal(WeftClaims.CookieScheme));
                return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl : "/");
            }
            catch (WeftException e) when (e.Kind == ErrorKind.Unauthorized)
            {
                return Page(http, antiforgery, returnUrl, e.Message, form["email"], 401, await choices.OfAsync(form["tenant"], http.RequestAborted));
            }
        }).AllowAnonymous().RequireRateLimiting(WebSecurity.SignInLimit).ExcludeFromDescription();

        app.MapPost("/sign-out", async (HttpContext http, PasswordSignIn signIn) =>
        {
            if (http.User.TenantOf() is { } tenant && http.User.ActorOf() is { } actor)
                await signIn.RecordSignOutAsync(tenant, actor, http.RequestAborted);
            await http.SignOutAsync(IdentityAuthentication.CookieScheme);
            return Results.LocalRedirect("/sign-in");
        }).ExcludeFromDescription();
    }

    internal static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? error, string? email, int status, SignInOffer offer)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return new RazorComponentResult<SignInDocument>(new Dictionary<string, object?>
        {
            [nameof(SignInDocument.FormFieldName)] = tokens.FormFieldName,
            [nameof(SignInDocument.RequestToken)] = tokens.RequestToken,
            [nameof(SignInDocument.ReturnUrl)] = IsLocal(returnUrl) ? returnUrl : "/",
            [nameof(SignInDocument.Error)] = error,
            [nameof(SignInDocument.Email)] = email is { Length: <= 254 } ? email : null,
            [nameof(SignInDocument.Dark)] = http.Request.Cookies[WeftTheme.Cookie] == WeftTheme.Dark,
            [nameof(SignInDocument.Tenant)] = offer.TenantKey,
            [nameof(SignInDocument.Providers)] = offer.Providers,
        })
        { StatusCode = status };
    }
}
