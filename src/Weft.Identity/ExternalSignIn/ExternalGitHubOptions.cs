using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.Extensions.Options;
using Weft.Identity.Callers;
using Weft.Identity.SignInProviders;

namespace Weft.Identity.ExternalSignIn;

/// <summary>The options of a GitHub provider's scheme: OAuth 2.0 at github.com (or a GitHub Enterprise site), from its row.</summary>
internal sealed class ExternalGitHubOptions(ExternalSchemes schemes) : IConfigureNamedOptions<OAuthOptions>
{
    public void Configure(OAuthOptions options) { }

    public void Configure(string? name, OAuthOptions options)
    {
        if (!ExternalSchemes.IsExternal(name)) return;
        var s = schemes.SettingsOf(name!) ?? ExternalProviderSettings.Unavailable(SignInProviderKinds.GitHub);
        var site = s.Authority.TrimEnd('/');
        // github.com serves its API from api.github.com; GitHub Enterprise from the site's /api/v3.
        var api = site == "https://github.com" ? "https://api.github.com" : site + "/api/v3";
        options.ClientId = s.ClientId;
        options.ClientSecret = s.ClientSecret;
        options.AuthorizationEndpoint = site + "/login/oauth/authorize";
        options.TokenEndpoint = site + "/login/oauth/access_token";
        options.UserInformationEndpoint = api + "/user";
        options.UsePkce = true;
        options.Scope.Clear();
        foreach (var scope in s.Scopes) options.Scope.Add(scope);
        options.CallbackPath = s.CallbackPath;
        options.SignInScheme = IdentityAuthentication.CookieScheme;
        options.SaveTokens = false;
        ExternalOidcOptions.Lax(options.CorrelationCookie);
        options.Events = ExternalSignInEvents.ForGitHub(s);
    }
}
