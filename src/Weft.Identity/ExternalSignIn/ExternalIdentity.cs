using System.Security.Claims;
using Weft.Identity.SignInProviders;

namespace Weft.Identity.ExternalSignIn;

/// <summary>Who the provider says signed in: its subject, and their email if the provider vouches for it.</summary>
internal sealed record ExternalIdentity(string? Subject, string? Email, bool EmailVerified, string? Name = null)
{
    public static ExternalIdentity From(ClaimsPrincipal? principal, string kind)
    {
        var subject = principal?.FindFirst("sub")?.Value;
        var email = principal?.FindFirst("email")?.Value;
        // A missing claim is no promise. Microsoft does not send email_verified; its xms_edov says the email's domain is the directory's own.
        var verified = IsTrue(principal?.FindFirst("email_verified")?.Value)
            || (kind == SignInProviderKinds.Microsoft && IsTrue(principal?.FindFirst("xms_edov")?.Value));
        var name = principal?.FindFirst("name")?.Value;
        return new ExternalIdentity(string.IsNullOrEmpty(subject) ? null : subject, email, verified, name is { Length: > 0 and <= 200 } ? name : null);
    }

    private static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
}
