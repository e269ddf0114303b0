using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Weft.Testing;

/// <summary>
/// A small identity provider on 127.0.0.1 at a free port, for sign-in tests. As an OpenID Connect provider it
/// serves discovery, its RSA key (JWKS), the authorization code flow with PKCE (S256 required) and a token
/// endpoint that checks the client, the redirect URI and the code verifier and issues an RS256 id_token with the
/// nonce. Under <c>/login/oauth/*</c> and <c>/api/v3/*</c> it answers as a GitHub Enterprise site does (OAuth 2.0,
/// <c>/user</c>, <c>/user/emails</c>). Whoever asks is <see cref="User"/>, approved without a form; or, when
/// <see cref="Deny"/> is set, the person declines.
/// </summary>
public sealed class LocalOpenIdServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly RSA rsa = RSA.Create(2048);
    private readonly RsaSecurityKey key;
    private readonly ConcurrentDictionary<string, Grant> codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LocalOpenIdUser> accessTokens = new(StringComparer.Ordinal);

    private sealed record Grant(string ClientId, string RedirectUri, string? Nonce, string? Challenge, LocalOpenIdUser User);

    private LocalOpenIdServer(WebApplication app)
    {
        this.app = app;
        key = new RsaSecurityKey(rsa) { KeyId = "local-1" };
        app.MapGet("/.well-known/openid-configuration", Discovery);
        app.MapGet("/jwks", Jwks);
        app.MapGet("/authorize", c => AuthorizeAsync(c, requirePkce: true));
        app.MapPost("/token", c => TokenAsync(c, github: false));
        app.MapGet("/login/oauth/authorize", c => AuthorizeAsync(c, requirePkce: false));
        app.MapPost("/login/oauth/access_token", c => TokenAsync(c, github: true));
        app.MapGet("/api/v3/user", GitHubUser);
        app.MapGet("/api/v3/user/emails", GitHubEmails);
    }

    /// <summary>The issuer and authority, e.g. <c>http://127.0.0.1:5123</c> (no trailing slash).</summary>
    public string Issuer { get; private set; } = "";

    public string ClientId { get; init; } = "weft-client";
    public string ClientSecret { get; init; } = "weft-client-secret";

    /// <summary>Who the next sign-in is.</summary>
    public LocalOpenIdUser User { get; set; } = new("local-1", "person@local.test");

    /// <summary>The person declines: the provider answers <c>error=access_denied</c>.</summary>
    public bool Deny { get; set; }

    /// <summary>How many codes were redeemed.</summary>
    public int TokensIssued { get; private set; }

    public static async Task<LocalOpenIdServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var server = new LocalOpenIdServer(builder.Build());
        await server.app.StartAsync();
        server.Issuer = server.app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single().TrimEnd('/');
        return server;
    }

    private IResult Discovery() => Results.Json(new JsonObject
    {
        ["issuer"] = Issuer,
        ["authorization_endpoint"] = Issuer + "/authorize",
        ["token_endpoint"] = Issuer + "/token",
        ["jwks_uri"] = Issuer + "/jwks",
        ["response_types_supported"] = new JsonArray("code"),
        ["subject_types_supported"] = new JsonArray("public"),
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        ["code_challenge_methods_supported"] = new JsonArray("S256"),
        ["scopes_supported"] = new JsonArray("openid", "email", "profile"),
        ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_post", "client_secret_basic"),
        ["claims_supported"] = new JsonArray("sub", "email", "email_verified", "name"),
    });

    private IResult Jwks()
    {
        var p = rsa.ExportParameters(false);
        return Results.Json(new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = key.KeyId,
                ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent),
            }),
        });
    }

    private Task AuthorizeAsync(HttpContext c, bool requirePkce)
    {
        var q = c.Request.Query;
        string? redirect = q["redirect_uri"];
        if (q["client_id"] != ClientId || string.IsNullOrEmpty(redirect) || !Uri.TryCreate(redirect, UriKind.Absolute, out _))
            return Text(c, 400, "unknown client or redirect_uri");
        if (requirePkce && (q["response_type"] != "code" || q["code_challenge_method"] != "S256" || string.IsNullOrEmpty(q["code_challenge"])))
            return Text(c, 400, "the code flow with PKCE (S256) is required");
        var state = Uri.EscapeDataString(q["state"].ToString());
        if (Deny)
        {
            c.Response.Redirect($"{redirect}{Join(redirect)}error=access_denied&error_description=The+person+declined&state={state}");
            return Task.CompletedTask;
        }
        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(24));
        codes[code] = new Grant(ClientId, redirect, q["nonce"], q["code_challenge"], User);
        c.Response.Redirect($"{redirect}{Join(redirect)}code={code}&state={state}");
        return Task.CompletedTask;
    }

    private async Task TokenAsync(HttpContext c, bool github)
    {
        var form = await c.Request.ReadFormAsync();
        var (clientId, secret) = ClientOf(c, form);
        if (clientId != ClientId || secret != ClientSecret)
        {
            await Error(c, 401, "invalid_client");
            return;
        }
        if (form["grant_type"] != "authorization_code" || !codes.TryRemove(form["code"].ToString(), out var grant)
            || grant.RedirectUri != form["redirect_uri"] || !VerifierMatches(grant.Challenge, form["code_verifier"]))
        {
            await Error(c, 400, "invalid_grant");
            return;
        }
        TokensIssued++;
        var accessToken = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(24));
        accessTokens[accessToken] = grant.User;
        var answer = new JsonObject { ["access_token"] = accessToken, ["token_type"] = "Bearer", ["expires_in"] = 300 };
        if (!github) answer["id_token"] = IdToken(grant);
        c.Response.Headers.CacheControl = "no-store";
        await c.Response.WriteAsJsonAsync(answer);
    }

    private string IdToken(Grant grant)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object> { ["sub"] = grant.User.Subject, ["email_verified"] = grant.User.EmailVerified };
        if (grant.User.Email is not null) claims["email"] = grant.User.Email;
        if (grant.Nonce is not null) claims["nonce"] = grant.Nonce;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = grant.ClientId,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    private IResult GitHubUser(HttpContext c) => UserOf(c) is { } user
        ? Results.Json(new JsonObject { ["id"] = long.TryParse(user.Subject, out var id) ? id : user.Subject, ["login"] = "local-" + user.Subject, ["email"] = null })
        : Results.Json(new JsonObject { ["message"] = "Bad credentials" }, statusCode: 401);

    private IResult GitHubEmails(HttpContext c) => UserOf(c) is { } user
        ? Results.Json(new JsonArray([
            new JsonObject { ["email"] = "other-" + user.Subject + "@local.test", ["primary"] = false, ["verified"] = true },
            .. user.Email is null ? [] : new JsonNode[] { new JsonObject { ["email"] = user.Email, ["primary"] = true, ["verified"] = user.EmailVerified } }]))
        : Results.Json(new JsonObject { ["message"] = "Bad credentials" }, statusCode: 401);

    private LocalOpenIdUser? UserOf(HttpContext c) =>
        c.Request.Headers.Authorization.ToString() is var header && header.StartsWith("Bearer ", StringComparison.Ordinal)
            ? accessTokens.GetValueOrDefault(header["Bearer ".Length..])
            : null;

    private static (string? Id, string? Secret) ClientOf(HttpContext c, IFormCollection form)
    {
        var header = c.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.Ordinal)) return (form["client_id"], form["client_secret"]);
        var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..])).Split(':', 2);
        return (Uri.UnescapeDataString(pair[0].Replace('+', ' ')), pair.Length > 1 ? Uri.UnescapeDataString(pair[1].Replace('+', ' ')) : null);
    }

    private static bool VerifierMatches(string? challenge, string? verifier) =>
        challenge is null || (verifier is not null && Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) == challenge);

    private static string Join(string url) => url.Contains('?', StringComparison.Ordinal) ? "&" : "?";

    private static Task Text(HttpContext c, int status, string text)
    {
        c.Response.StatusCode = status;
        return c.Response.WriteAsync(text);
    }

    private static Task Error(HttpContext c, int status, string error)
    {
        c.Response.StatusCode = status;
        return c.Response.WriteAsJsonAsync(new JsonObject { ["error"] = error });
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        rsa.Dispose();
    }
}
