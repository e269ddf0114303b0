using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Identity.Callers;
using Weft.Platform.Errors;
using Weft.Platform.Web.Security;

namespace Weft.Identity.SigningIn;

/// <summary>The sign-in form, signing out, and the page people land on.</summary>
internal static class SignInPages
{
    public static void MapSignInPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/sign-in", (HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
            Page(http, antiforgery, returnUrl, null, 200)).AllowAnonymous().ExcludeFromDescription();

        app.MapPost("/sign-in", async (HttpContext http, PasswordSignIn signIn, IAntiforgery antiforgery) =>
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
                return Page(http, antiforgery, returnUrl, e.Message, 401);
            }
        }).AllowAnonymous().RequireRateLimiting(WebSecurity.SignInLimit).ExcludeFromDescription();

        app.MapPost("/sign-out", async (HttpContext http, PasswordSignIn signIn) =>
        {
            if (http.User.TenantOf() is { } tenant && http.User.ActorOf() is { } actor)
                await signIn.RecordSignOutAsync(tenant, actor, http.RequestAborted);
            await http.SignOutAsync(IdentityAuthentication.CookieScheme);
            return Results.LocalRedirect("/sign-in");
        }).ExcludeFromDescription();

        app.MapGet("/", (HttpContext http, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            var who = WebUtility.HtmlEncode(http.User.ActorOf());
            var role = WebUtility.HtmlEncode(http.User.RoleOf() ?? "");
            return Html($"""
                <h1>Weft</h1>
                <p>Signed in as <strong>{who}</strong> ({role}).</p>
                <p>The API is described at <a href="/openapi/v1.json">/openapi/v1.json</a>.</p>
                <form method="post" action="/sign-out">
                  <input type="hidden" name="{tokens.FormFieldName}" value="{WebUtility.HtmlEncode(tokens.RequestToken)}">
                  <button type="submit">Sign out</button>
                </form>
                """, 200);
        }).ExcludeFromDescription();
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var message = error is null ? "" : $"""<p role="alert" class="error">{WebUtility.HtmlEncode(error)}</p>""";
        return Html($"""
            <h1>Sign in to Weft</h1>
            {message}
            <form method="post" action="/sign-in">
              <input type="hidden" name="{tokens.FormFieldName}" value="{WebUtility.HtmlEncode(tokens.RequestToken)}">
              <input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(IsLocal(returnUrl) ? returnUrl : "/")}">
              <p><label for="email">Email</label><br><input id="email" name="email" type="email" autocomplete="username" required autofocus></p>
              <p><label for="password">Password</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
              <p><button type="submit">Sign in</button></p>
            </form>
            """, status);
    }

    private static IResult Html(string body, int status) => Results.Content($"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Weft</title></head>
        <body>
        {body}
        </body></html>
        """, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
}
