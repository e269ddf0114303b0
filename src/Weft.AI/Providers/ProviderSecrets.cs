using System.Globalization;
using Microsoft.AspNetCore.DataProtection;

namespace Weft.AI.Providers;

/// <summary>
/// Providers' API keys, encrypted at rest with the installation's key ring; each tenant's under a purpose of its
/// own, so a key copied into another tenant's row does not decrypt. A key is read back only to call its provider.
/// </summary>
internal sealed class ProviderSecrets(IDataProtectionProvider protection)
{
    private IDataProtector For(long tenant) =>
        protection.CreateProtector("Weft.AI.ProviderApiKey", tenant.ToString(CultureInfo.InvariantCulture));

    public string Protect(long tenant, string apiKey) => For(tenant).Protect(apiKey);

    public string Unprotect(long tenant, string protectedKey) => For(tenant).Unprotect(protectedKey);
}
