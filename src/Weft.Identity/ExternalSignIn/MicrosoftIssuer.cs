using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Weft.Identity.ExternalSignIn;

/// <summary>
/// Through Microsoft's multi-tenant endpoints (common, organizations, consumers) each token's issuer names the
/// person's own directory, not the one discovery names: it must be that of the token's <c>tid</c>.
/// </summary>
internal static class MicrosoftIssuer
{
    public static string Validate(string issuer, SecurityToken token, TokenValidationParameters parameters)
    {
        if (token is JsonWebToken jwt && jwt.TryGetPayloadValue<string>("tid", out var tid) && Guid.TryParse(tid, out _)
            && issuer == $"https://login.microsoftonline.com/{tid}/v2.0")
            return issuer;
        throw new SecurityTokenInvalidIssuerException("The token's issuer is not the Microsoft directory it names.");
    }
}
