using Weft.Identity.SignInProviders;
using Weft.Identity.Tenants;
using Weft.Platform.Errors;

namespace Weft.Identity.SigningIn;

/// <summary>
/// Which providers the sign-in page offers: those of the tenant its address names (<c>/sign-in?tenant=acme</c>),
/// or of the installation's only tenant. A password needs no tenant (emails are unique across tenants); a
/// provider does, since each tenant configures its own.
/// </summary>
internal sealed class SignInChoices(TenantDirectory tenants, SignInProviderDirectory providers)
{
    public async Task<SignInOffer> OfAsync(string? tenantKey, CancellationToken ct = default)
    {
        TenantDto? tenant = null;
        if (FieldErrors.IsKey(tenantKey)) tenant = await tenants.FindAsync(tenantKey!, ct);
        else if (string.IsNullOrEmpty(tenantKey) && await tenants.TenantIdsAsync(ct) is [var only])
            tenant = await tenants.FindAsync(await tenants.KeyOfAsync(only, ct), ct);
        return tenant is null ? new SignInOffer(null, []) : new SignInOffer(tenant.Key, await providers.ChoicesAsync(tenant.Id, ct));
    }
}
