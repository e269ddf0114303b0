using System.Text.RegularExpressions;
using Weft.Identity.Persistence;
using Weft.Platform.Errors;
using Weft.Platform.Web.Security;

namespace Weft.Identity.SignInProviders;

/// <summary>What every sign-in provider must satisfy, what each kind asks of its provider, and how one is shown.</summary>
internal static partial class SignInProviderRules
{
    public const int MaxSecretLength = 1000;

    public static void CheckName(FieldErrors errors, string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100) errors.Add("name", "'name' is required, at most 100 characters.");
    }

    public static void CheckKind(FieldErrors errors, string? kind)
    {
        if (kind is null || !SignInProviderKinds.All.Contains(kind)) errors.Add("kind", $"'kind' must be one of: {string.Join(", ", SignInProviderKinds.All)}.");
    }

    /// <summary>An absolute https address without credentials, query or fragment; plain http only on this machine (a provider under test).</summary>
    public static void CheckAuthority(FieldErrors errors, string? authority)
    {
        if (authority is null) return;
        if (authority.Length > 500 || !Uri.TryCreate(authority, UriKind.Absolute, out var uri)
            || !(uri.Scheme == "https" || (uri.Scheme == "http" && uri.IsLoopback))
            || !string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            errors.Add("authority", "'authority' must be an absolute https address (at most 500 characters) without credentials, query or fragment.");
    }

    public static void CheckDirectory(FieldErrors errors, string? kind, string? directory)
    {
        if (directory is null) return;
        if (kind != SignInProviderKinds.Microsoft) errors.Add("directory", "'directory' is for providers of kind 'microsoft' only.");
        else if (!DirectoryPattern().IsMatch(directory)) errors.Add("directory", "'directory' is a tenant id or domain, or common, organizations or consumers.");
    }

    public static void CheckClientId(FieldErrors errors, string? clientId, bool required)
    {
        if (clientId is null ? required : !IsToken(clientId, 500)) errors.Add("clientId", "'clientId' is required: 1-500 characters without spaces around it or control characters.");
    }

    public static void CheckClientSecret(FieldErrors errors, string? secret, bool required)
    {
        if (secret is null ? required : !IsToken(secret, MaxSecretLength))
            errors.Add("clientSecret", $"'clientSecret' is required: 1-{MaxSecretLength} characters without spaces around it or control characters.");
    }

    public static void CheckScopes(FieldErrors errors, IReadOnlyList<string>? scopes)
    {
        if (scopes is null) return;
        if (scopes.Count > 20 || scopes.Any(s => s is null || !ScopePattern().IsMatch(s)) || string.Join(' ', scopes).Length > 500)
            errors.Add("scopes", "'scopes' lists at most 20 scopes of 1-100 printable characters without spaces or quotes.");
    }

    public static void CheckProvisionRole(FieldErrors errors, string? role, bool mayBeEmpty)
    {
        if (role is null || (mayBeEmpty && role.Length == 0)) return;
        if (!Roles.All.Contains(role)) errors.Add("provisionRole", $"'provisionRole' must be one of: {string.Join(", ", Roles.All)}{(mayBeEmpty ? ", or empty to turn provisioning off" : "")}.");
    }

    /// <summary>A generic OpenID Connect provider has no address of its own.</summary>
    public static void CheckComplete(FieldErrors errors, string kind, string? authority)
    {
        if (kind == SignInProviderKinds.OpenIdConnect && authority is null && !errors.Has("authority"))
            errors.Add("authority", "A provider of kind 'oidc' needs its 'authority' (the issuer, as in its /.well-known/openid-configuration).");
    }

    public static bool IsOpenIdConnect(string kind) => kind != SignInProviderKinds.GitHub;

    /// <summary>The issuer or site Weft talks to: the one given, or the kind's own.</summary>
    public static string AuthorityOf(SignInProviderRecord p) => p.Authority ?? p.Kind switch
    {
        SignInProviderKinds.Google => "https://accounts.google.com",
        SignInProviderKinds.Microsoft => $"https://login.microsoftonline.com/{p.Directory ?? "common"}/v2.0",
        SignInProviderKinds.GitHub => "https://github.com",
        _ => "",
    };

    /// <summary>What sign-in needs of the provider: who the person is and their verified email.</summary>
    public static IReadOnlyList<string> ScopesOf(SignInProviderRecord p)
    {
        IEnumerable<string> needed = IsOpenIdConnect(p.Kind) ? ["openid", "email", "profile"] : ["read:user", "user:email"];
        return needed.Concat(SplitScopes(p.Scopes)).Distinct(StringComparer.Ordinal).ToList();
    }

    public static IReadOnlyList<string> SplitScopes(string scopes) => scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The path the provider sends people back to; admins register it (on this host's address) as the redirect URI.</summary>
    public static string CallbackPath(string tenantKey, string providerKey) => $"/sign-in/external/{tenantKey}/{providerKey}/callback";

    public static SignInProviderDto ToDto(this SignInProviderRecord p, string tenantKey) =>
        new(p.Id, p.Key, p.Name, p.Kind, AuthorityOf(p), p.Directory, p.ClientId, p.ClientSecretProtected.Length > 0,
            SplitScopes(p.Scopes), p.Enabled, p.ProvisionRole, CallbackPath(tenantKey, p.Key), p.CreatedAt, p.UpdatedAt, p.Version);

    public static WeftException NotFound(string key) => WeftException.NotFound("sign_in_provider_not_found", $"There is no sign-in provider '{key}'.");

    private static bool IsToken(string value, int max) =>
        value.Length is > 0 and var n && n <= max && !value.Any(char.IsControl) && value.Trim() == value;

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9.\-]{0,99}$")]
    private static partial Regex DirectoryPattern();

    [GeneratedRegex(@"^[\x21\x23-\x5B\x5D-\x7E]{1,100}$")]
    private static partial Regex ScopePattern();
}
