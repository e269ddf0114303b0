using Weft.Identity.SignInProviders;

namespace Weft.Identity.SigningIn;

/// <summary>The tenant the sign-in page is for (none: a password only) and the providers it offers.</summary>
internal sealed record SignInOffer(string? TenantKey, IReadOnlyList<SignInChoice> Providers);
