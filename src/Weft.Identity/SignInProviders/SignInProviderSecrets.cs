using System.Globalization;
using Microsoft.AspNetCore.DataProtection;

namespace Weft.Identity.SignInProviders;

/// <summary>
/// Client secrets, encrypted at rest with the installation's key ring; each tenant's under a purpose of its own,
/// so a secret copied into another tenant's row does not decrypt. Read back only to redeem a sign-in's code.
/// </summary>
internal sealed class SignInProviderSecrets(IDataProtectionProvider protection)
{
    private IDataProtector For(long tenant) =>
        protection.CreateProtector("Weft.Identity.SignInProviderSecret", tenant.ToString(CultureInfo.InvariantCulture));

    public string Protect(long tenant, string secret) => For(tenant).Protect(secret);

    public string Unprotect(long tenant, string protectedSecret) => For(tenant).Unprotect(protectedSecret);
}
