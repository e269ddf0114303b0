using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Weft.Identity.SignInProviders;

namespace Weft.Identity.ExternalSignIn;

/// <summary>
/// One authentication scheme per tenant's sign-in provider (<c>external:{tenant}:{key}</c>), added to the
/// host's schemes when a sign-in through it starts or comes back, and dropped when an admin changes or
/// removes it. Its handler's options are built from the provider's row (<see cref="ExternalOidcOptions"/>,
/// <see cref="ExternalGitHubOptions"/>) and rebuilt when the row's version moves, so a change takes effect
/// at the next sign-in without a restart, on every host.
/// </summary>
internal sealed class ExternalSchemes(
    IdentityDb data, SignInProviderSecrets secrets, IAuthenticationSchemeProvider schemes,
    IOptionsMonitorCache<OpenIdConnectOptions> oidcOptions, IOptionsMonitorCache<OAuthOptions> oauthOptions, ILogger<ExternalSchemes> log)
{
    private const string Prefix = "external:";
    private readonly ConcurrentDictionary<string, ExternalProviderSettings> settings = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public static string SchemeOf(long tenant, string key) => Prefix + tenant.ToString(CultureInfo.InvariantCulture) + ":" + key;

    public static bool IsExternal(string? scheme) => scheme?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    public ExternalProviderSettings? SettingsOf(string scheme) => settings.GetValueOrDefault(scheme);

    /// <summary>The scheme of the tenant's provider, up to date with its row; null when there is no such enabled provider.</summary>
    public async Task<string?> EnsureAsync(long tenant, string tenantKey, string key, CancellationToken ct = default)
    {
        Persistence.SignInProviderRecord? row;
        await using (var db = await data.OpenAsync(tenant, ct))
            row = await db.SignInProviders.AsNoTracking().FirstOrDefaultAsync(p => p.Key == key, ct);
        if (row is null || !row.Enabled)
        {
            Forget(tenant, key);
            return null;
        }
        var name = SchemeOf(tenant, key);
        var current = settings.GetValueOrDefault(name);
        if (current is null || current.Version != row.Version || current.UpdatedAt != row.UpdatedAt)
        {
            string secret;
            try
            {
                secret = secrets.Unprotect(tenant, row.ClientSecretProtected);
            }
            catch (CryptographicException e)
            {
                // The key ring that encrypted it is gone: the admin must enter the secret again.
                log.LogWarning(e, "The client secret of sign-in provider {Provider} of tenant {Tenant} does not decrypt", key, tenant);
                Forget(tenant, key);
                return null;
            }
            var fresh = new ExternalProviderSettings(tenant, tenantKey, key, row.Kind, SignInProviderRules.AuthorityOf(row), row.Authority is not null,
                row.Directory, row.ClientId, secret, SignInProviderRules.ScopesOf(row), row.ProvisionRole, row.Version, row.UpdatedAt);
            lock (gate)
            {
                settings[name] = fresh;
                oidcOptions.TryRemove(name);
                oauthOptions.TryRemove(name);
            }
        }
        if (await schemes.GetSchemeAsync(name) is null)
        {
            var handler = SignInProviderRules.IsOpenIdConnect(row.Kind) ? typeof(OpenIdConnectHandler) : typeof(OAuthHandler<OAuthOptions>);
            schemes.TryAddScheme(new AuthenticationScheme(name, row.Name, handler));
        }
        return name;
    }

    /// <summary>Drops the scheme and its options: the next sign-in through the provider reads its row again.</summary>
    public void Forget(long tenant, string key)
    {
        var name = SchemeOf(tenant, key);
        lock (gate)
        {
            schemes.RemoveScheme(name);
            settings.TryRemove(name, out _);
            oidcOptions.TryRemove(name);
            oauthOptions.TryRemove(name);
        }
    }
}
