using Weft.Identity.SignInProviders;

namespace Weft.Identity.ExternalSignIn;

/// <summary>What one tenant's sign-in provider needs at sign-in, read from its row (the secret decrypted).</summary>
internal sealed record ExternalProviderSettings(
    long TenantId, string TenantKey, string Key, string Kind, string Authority, bool CustomAuthority, string? Directory,
    string ClientId, string ClientSecret, IReadOnlyList<string> Scopes, string? ProvisionRole, int Version, DateTime UpdatedAt)
{
    public string CallbackPath => SignInProviderRules.CallbackPath(TenantKey, Key);

    /// <summary>Where a sign-in through this provider starts (the sign-in page's button).</summary>
    public string BasePath => CallbackPath[..^"/callback".Length];

    /// <summary>
    /// What a scheme that has just been forgotten is configured with, should a request still ask for it: it
    /// validates (so no unrelated request fails) and answers no callback anyone is sent to.
    /// </summary>
    public static ExternalProviderSettings Unavailable(string kind) =>
        new(0, "-", "-", kind, "https://unavailable.invalid", true, null, "unavailable", "unavailable", [], null, 0, DateTime.MinValue);
}
