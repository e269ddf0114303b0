namespace Weft.Identity.ExternalSignIn;

/// <summary>Why a sign-in through a provider was refused: a code in the sign-in page's address, its message on the page.</summary>
internal static class ExternalSignInFailures
{
    public const string UnknownAccount = "unknown_account";
    public const string EmailNotVerified = "email_not_verified";
    public const string AccountDisabled = "account_disabled";
    public const string LinkedElsewhere = "account_linked_elsewhere";
    public const string NoSubject = "identity_incomplete";
    public const string AccessDenied = "access_denied";
    public const string ProviderFailed = "provider_failed";
    public const string ProviderUnavailable = "provider_unavailable";

    private static readonly Dictionary<string, string> Messages = new(StringComparer.Ordinal)
    {
        [UnknownAccount] = "Nobody here signs in with that email address. Ask an administrator to add you, then try again.",
        [EmailNotVerified] = "The provider has not verified your email address, so it cannot sign you in here.",
        [AccountDisabled] = "This account is disabled.",
        [LinkedElsewhere] = "Your account here is already linked to another account at this provider.",
        [NoSubject] = "The provider did not say who you are.",
        [AccessDenied] = "Sign-in was cancelled at the provider.",
        [ProviderFailed] = "Signing in with the provider did not work. Try again, or sign in with your password.",
        [ProviderUnavailable] = "That way of signing in is not available.",
    };

    /// <summary>The message of a known code; null for anything else, so the address cannot put words on the page.</summary>
    public static string? MessageOf(string? code) => code is not null && Messages.TryGetValue(code, out var message) ? message : null;
}
