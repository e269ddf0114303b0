using System.Globalization;
using Microsoft.AspNetCore.DataProtection;

namespace Weft.Support.Email;

/// <summary>
/// Mailbox passwords, encrypted at rest with the installation's key ring under a purpose per tenant (as the AI
/// module keeps its providers' keys), so a value copied into another tenant's row does not decrypt.
/// </summary>
internal sealed class MailboxSecrets(IDataProtectionProvider protection)
{
    private IDataProtector For(long tenant) =>
        protection.CreateProtector("Weft.Support.MailboxPassword", tenant.ToString(CultureInfo.InvariantCulture));

    public string Protect(long tenant, string password) => For(tenant).Protect(password);

    public string Unprotect(long tenant, string stored) => For(tenant).Unprotect(stored);
}
