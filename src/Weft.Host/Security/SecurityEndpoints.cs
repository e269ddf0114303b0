using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Weft.Flow;
using Weft.Flow.Contracts;
using Weft.Platform.Errors;

namespace Weft.Host.Security;

/// <summary>Sign-in for people and programs, the caller's own account, and the tenant's users, API keys and audit trail.</summary>
internal static class SecurityEndpoints
{
    public static IEndpointRouteBuilder MapWeftSecurity(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Sign-in");
        auth.MapPost("/token", async (HttpContext http, TokenRequest body, SecurityStore store, AccessTokens tokens) =>
        {
            Caller caller;
            if (body.ApiKey is not null)
            {
                if (body.Email is not null || body.Password is not null)
                    throw WeftException.Invalid("validation_failed", "Send either 'apiKey' or 'email' and 'password', not both.");
                caller = await store.AuthenticateKeyAsync(body.ApiKey, http.RequestAborted)
                    ?? throw WeftException.Unauthorized("invalid_api_key", "The API key is not valid, expired or revoked.");
            }
            else
            {
                caller = await store.SignInAsync(body.Email, body.Password, ClientOf(http), http.RequestAborted);
            }
            return tokens.Issue(caller);
        }).AllowAnonymous().RequireRateLimiting(WeftAuthentication.SignInLimit);

        auth.MapGet("/me", async (HttpContext http, SecurityStore store, IAntiforgery antiforgery) =>
        {
            var user = http.User;
            var tenant = user.TenantOf()!.Value;
            var isUser = user.SubjectOf()!.StartsWith("u:", StringComparison.Ordinal);
            return new MeDto(
                isUser ? "user" : "api-key", tenant, await store.TenantKeyAsync(tenant, http.RequestAborted), user.ActorOf()!,
                isUser ? user.ActorOf() : null, user.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value, user.AgentOf(),
                user.FindAll(Caller.PermissionClaim).Select(c => c.Value).ToList(),
                user.SchemeOf() == "cookie" ? antiforgery.GetAndStoreTokens(http).RequestToken : null);
        });

        auth.MapPost("/password", async (HttpContext http, ChangePasswordRequest body, SecurityStore store) =>
        {
            var caller = await CallerAsync(http, store);
            await store.ChangePasswordAsync(caller, body, http.RequestAborted);
            if (http.User.SchemeOf() == "cookie")
            {
                // Other sessions end with the old stamp; this one continues under the new.
                var renewed = await CallerAsync(http, store, refresh: true);
                await http.SignInAsync(WeftAuthentication.CookieScheme, renewed.ToPrincipal("cookie"));
            }
            return Results.NoContent();
        });

        var users = app.MapGroup("/api/v1/users").WithTags("Users").RequireAuthorization(Permissions.Admin);
        users.MapGet("", (HttpContext http, SecurityStore store, int? limit, string? cursor) =>
            store.ListUsersAsync(Tenant(http), limit, cursor, http.RequestAborted));
        users.MapPost("", async (HttpContext http, SecurityStore store, CreateUserRequest body) =>
        {
            var user = await store.CreateUserAsync(Tenant(http), http.User.ActorOf()!, body, http.RequestAborted);
            return TypedResults.Created($"/api/v1/users/{user.Id}", user);
        });
        users.MapGet("/{id:long}", (HttpContext http, SecurityStore store, long id) => store.GetUserAsync(Tenant(http), id, http.RequestAborted));
        users.MapPatch("/{id:long}", (HttpContext http, SecurityStore store, long id, UpdateUserRequest body) =>
            store.UpdateUserAsync(Tenant(http), http.User.ActorOf()!, id, body, http.RequestAborted));

        var keys = app.MapGroup("/api/v1/api-keys").WithTags("API keys").RequireAuthorization(Permissions.Admin);
        keys.MapGet("", (HttpContext http, SecurityStore store, int? limit, string? cursor) =>
            store.ListKeysAsync(Tenant(http), limit, cursor, http.RequestAborted));
        keys.MapPost("", async (HttpContext http, SecurityStore store, CreateApiKeyRequest body) =>
        {
            var key = await store.CreateKeyAsync(Tenant(http), http.User.ActorOf()!, body, http.RequestAborted);
            return TypedResults.Created($"/api/v1/api-keys/{key.ApiKey.Id}", key);
        });
        keys.MapGet("/{id:long}", (HttpContext http, SecurityStore store, long id) => store.GetKeyAsync(Tenant(http), id, http.RequestAborted));
        keys.MapDelete("/{id:long}", (HttpContext http, SecurityStore store, long id) =>
            store.RevokeKeyAsync(Tenant(http), http.User.ActorOf()!, id, http.RequestAborted));

        app.MapGet("/api/v1/audit", (FlowEngine engine, int? limit, string? cursor, CancellationToken ct) =>
            engine.ListEventsAsync(SecurityStore.AuditTypes, limit, cursor, ct))
            .WithTags("Audit").RequireAuthorization(Permissions.Admin);

        MapPages(app);
        return app;
    }

    private static long Tenant(HttpContext http) => http.User.TenantOf() ?? throw new InvalidOperationException("No tenant.");

    private static async Task<Caller> CallerAsync(HttpContext http, SecurityStore store, bool refresh = false)
    {
        var stamp = http.User.FindFirst(Caller.StampClaim)?.Value;
        if (refresh)
        {
            // The stamp just changed: read it back for the renewed session.
            var id = long.Parse(http.User.SubjectOf()!.AsSpan(2), System.Globalization.CultureInfo.InvariantCulture);
            await using var db = await store.ContextAsync(Tenant(http), http.RequestAborted);
            stamp = await db.Users.Where(u => u.Id == id).Select(u => u.SecurityStamp).FirstAsync(http.RequestAborted);
        }
        return await store.LoadAsync(Tenant(http), http.User.SubjectOf()!, stamp, http.RequestAborted)
            ?? throw WeftException.Unauthorized("invalid_credentials", "The session has ended; sign in again.");
    }

    internal static string ClientOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    // ---- Pages ----------------------------------------------------------------------------------

    private static void MapPages(IEndpointRouteBuilder app)
    {
        app.MapGet("/sign-in", (HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
            Page(http, antiforgery, returnUrl, null, 200)).AllowAnonymous().ExcludeFromDescription();

        app.MapPost("/sign-in", async (HttpContext http, SecurityStore store, IAntiforgery antiforgery) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var returnUrl = form["returnUrl"].ToString();
            try
            {
                var caller = await store.SignInAsync(form["email"], form["password"], ClientOf(http), http.RequestAborted);
                await http.SignInAsync(WeftAuthentication.CookieScheme, caller.ToPrincipal("cookie"));
                return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl : "/");
            }
            catch (WeftException e) when (e.Kind == ErrorKind.Unauthorized)
            {
                return Page(http, antiforgery, returnUrl, e.Message, 401);
            }
        }).AllowAnonymous().RequireRateLimiting(WeftAuthentication.SignInLimit).ExcludeFromDescription();

        app.MapPost("/sign-out", async (HttpContext http, SecurityStore store) =>
        {
            if (http.User.TenantOf() is { } tenant && http.User.ActorOf() is { } actor)
                await store.AuditAsync(tenant, actor, "user_signed_out", null, http.RequestAborted);
            await http.SignOutAsync(WeftAuthentication.CookieScheme);
            return Results.LocalRedirect("/sign-in");
        }).ExcludeFromDescription();

        app.MapGet("/", (HttpContext http, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            var who = WebUtility.HtmlEncode(http.User.ActorOf());
            var role = WebUtility.HtmlEncode(http.User.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value ?? "");
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
