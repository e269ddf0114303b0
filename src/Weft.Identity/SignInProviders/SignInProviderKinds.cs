namespace Weft.Identity.SignInProviders;

/// <summary>The identity providers a tenant's people can sign in with.</summary>
public static class SignInProviderKinds
{
    /// <summary>Any OpenID Connect provider (Okta, Keycloak, Auth0, …): its authority is required.</summary>
    public const string OpenIdConnect = "oidc";

    /// <summary>Google accounts, over OpenID Connect at https://accounts.google.com.</summary>
    public const string Google = "google";

    /// <summary>Microsoft Entra ID and personal Microsoft accounts, over OpenID Connect at login.microsoftonline.com.</summary>
    public const string Microsoft = "microsoft";

    /// <summary>GitHub accounts, over OAuth 2.0 (GitHub is not an OpenID Connect provider).</summary>
    public const string GitHub = "github";

    public static readonly IReadOnlyList<string> All = [OpenIdConnect, Google, Microsoft, GitHub];
}
