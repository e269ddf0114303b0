using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Weft.Identity.Callers;
using Weft.Identity.SignInProviders;

namespace Weft.Identity.ExternalSignIn;

/// <summary>The options of an OpenID Connect provider's scheme (generic, Google, Microsoft), from its row.</summary>
internal sealed class ExternalOidcOptions(ExternalSchemes schemes) : IConfigureNamedOptions<OpenIdConnectOptions>
{
    private static readonly string[] MicrosoftMultiTenant = ["common", "organizations", "consumers"];

    public void Configure(OpenIdConnectOptions options) { }

    public void Configure(string? name, OpenIdConnectOptions options)
    {
        if (!ExternalSchemes.IsExternal(name)) return;
        var s = schemes.SettingsOf(name!) ?? ExternalProviderSettings.Unavailable(SignInProviderKinds.OpenIdConnect);
        options.Authority = s.Authority;
        options.RequireHttpsMetadata = s.Authority.StartsWith("https:", StringComparison.Ordinal);
        options.ClientId = s.ClientId;
        options.ClientSecret = s.ClientSecret;
        // The code flow with PKCE; the answer comes back in the query so that cookies of SameSite=Lax reach the callback.
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.UsePkce = true;
        options.Scope.Clear();
        foreach (var scope in s.Scopes) options.Scope.Add(scope);
        options.CallbackPath = s.CallbackPath;
        // Paths of its own, so no two tenants' schemes answer the same request.
        options.SignedOutCallbackPath = s.BasePath + "/signed-out";
        options.RemoteSignOutPath = s.BasePath + "/remote-sign-out";
        options.SignInScheme = IdentityAuthentication.CookieScheme;
        options.MapInboundClaims = false;
        options.GetClaimsFromUserInfoEndpoint = false;
        options.SaveTokens = false;
        options.DisableTelemetry = true;
        Lax(options.CorrelationCookie);
        Lax(options.NonceCookie);
        if (s.Kind == SignInProviderKinds.Microsoft && !s.CustomAuthority && MicrosoftMultiTenant.Contains(s.Directory ?? "common"))
            options.TokenValidationParameters.IssuerValidator = MicrosoftIssuer.Validate;
        options.Events = ExternalSignInEvents.ForOpenIdConnect(s);
    }

    /// <summary>The provider sends people back with a top-level GET, which SameSite=Lax cookies follow; plain http in development and tests.</summary>
    internal static void Lax(CookieBuilder cookie)
    {
        cookie.SameSite = SameSiteMode.Lax;
        cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
    }
}
