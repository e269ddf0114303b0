using Weft.Platform.Persistence;
using Weft.Platform.Tenancy;

namespace Weft.Identity.Persistence;

/// <summary>An identity provider a tenant's people may sign in with (Google, Microsoft, GitHub, any OpenID Connect provider).</summary>
internal sealed class SignInProviderRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public string Key { get; set; } = "";
    /// <summary>Shown on the sign-in page's button: "Sign in with {Name}".</summary>
    public string Name { get; set; } = "";
    /// <summary>One of <see cref="SignInProviders.SignInProviderKinds"/>.</summary>
    public string Kind { get; set; } = "";
    /// <summary>The issuer (OpenID Connect) or the site (GitHub); null for the kind's own.</summary>
    public string? Authority { get; set; }
    /// <summary>Microsoft's directory: a tenant id or domain, or common, organizations, consumers.</summary>
    public string? Directory { get; set; }
    public string ClientId { get; set; } = "";
    /// <summary>Encrypted with the installation's key ring (<see cref="SignInProviders.SignInProviderSecrets"/>).</summary>
    public string ClientSecretProtected { get; set; } = "";
    /// <summary>Space separated.</summary>
    public string Scopes { get; set; } = "";
    public bool Enabled { get; set; }
    /// <summary>The role of a person this provider vouches for who is not here yet, made at their first sign-in; null: nobody is made.</summary>
    public string? ProvisionRole { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
}
