namespace Weft.Testing;

/// <summary>Who <see cref="LocalOpenIdServer"/> says signed in: approved at once, no form.</summary>
/// <param name="Subject">The provider's id of the person (<c>sub</c>; GitHub's numeric <c>id</c>).</param>
/// <param name="EmailVerified">What <c>email_verified</c> says (GitHub: the primary email's <c>verified</c>).</param>
public sealed record LocalOpenIdUser(string Subject, string? Email, bool EmailVerified = true);
