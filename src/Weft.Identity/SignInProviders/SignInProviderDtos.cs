namespace Weft.Identity.SignInProviders;

/// <summary>A sign-in provider as admins see it: whether it has a client secret, never the secret.</summary>
/// <param name="Authority">The issuer (or GitHub's site) Weft talks to, the kind's own unless one was given.</param>
/// <param name="CallbackPath">Register this path on this host's address as the redirect URI at the provider.</param>
public sealed record SignInProviderDto(
    long Id, string Key, string Name, string Kind, string Authority, string? Directory, string ClientId, bool HasClientSecret,
    IReadOnlyList<string> Scopes, bool Enabled, string? ProvisionRole, string CallbackPath, DateTime CreatedAt, DateTime UpdatedAt, int Version);

/// <param name="Authority">Required for <c>oidc</c>; for the others, only to point elsewhere than the vendor (GitHub Enterprise, say).</param>
/// <param name="Directory">Microsoft only: a tenant id or domain, or <c>common</c> (the default), <c>organizations</c>, <c>consumers</c>.</param>
/// <param name="ClientSecret">Write-only: stored encrypted, never returned.</param>
/// <param name="Scopes">Extra scopes; what the kind needs (openid email profile, or read:user user:email) is always asked.</param>
/// <param name="ProvisionRole">A role: whoever the provider vouches for (verified email) and is not here yet is made a person with it at their first sign-in. Off when absent.</param>
public sealed record CreateSignInProviderRequest(
    string? Key, string? Name, string? Kind, string? Authority, string? Directory, string? ClientId, string? ClientSecret,
    IReadOnlyList<string>? Scopes, bool? Enabled, string? ProvisionRole = null);

/// <param name="Authority">A new authority; an empty one goes back to the kind's own (not for <c>oidc</c>).</param>
/// <param name="ClientSecret">A new secret replaces the stored one.</param>
/// <param name="ProvisionRole">A role turns provisioning on (or changes its role); an empty one turns it off.</param>
public sealed record UpdateSignInProviderRequest(
    string? Name, string? Authority, string? Directory, string? ClientId, string? ClientSecret, IReadOnlyList<string>? Scopes,
    bool? Enabled, int? Version, string? ProvisionRole = null);

/// <summary>A button of the sign-in page.</summary>
public sealed record SignInChoice(string Key, string Name, string Kind);
