using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Weft.Identity.AccessTokens;
using Weft.Identity.ApiKeys;

namespace Weft.Identity.Callers;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;token&gt;</c> and <c>Authorization: ApiKey &lt;key&gt;</c>. An API key sent as a
/// bearer token counts as an API key: OpenAI's clients send their key that way (the AI module's OpenAI-compatible endpoint).
/// </summary>
internal sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, CallerLoader callers, AccessTokenIssuer tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && ApiKeyFormat.TryParse(header[7..].Trim(), out _, out _, out _))
        {
            var caller = await callers.AuthenticateKeyAsync(header[7..].Trim(), Context.RequestAborted);
            return caller is null ? AuthenticateResult.Fail("The API key is not valid, expired or revoked.") : Success(caller, "api-key");
        }
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var claims = await tokens.ValidateAsync(header[7..].Trim(), Context.RequestAborted);
            var caller = claims is { } c ? await callers.LoadAsync(c.Tenant, c.Subject, c.Stamp, Context.RequestAborted) : null;
            return caller is null
                ? AuthenticateResult.Fail("The access token is not valid: expired, malformed, or its key or password has changed.")
                : Success(caller, "bearer");
        }
        if (header.StartsWith("ApiKey ", StringComparison.OrdinalIgnoreCase))
        {
            var caller = await callers.AuthenticateKeyAsync(header[7..].Trim(), Context.RequestAborted);
            return caller is null ? AuthenticateResult.Fail("The API key is not valid, expired or revoked.") : Success(caller, "api-key");
        }
        return AuthenticateResult.Fail("The Authorization header must be 'Bearer <access token>' or 'ApiKey <key>'.");
    }

    private AuthenticateResult Success(Caller caller, string scheme) =>
        AuthenticateResult.Success(new AuthenticationTicket(caller.ToPrincipal(scheme), Scheme.Name));
}
