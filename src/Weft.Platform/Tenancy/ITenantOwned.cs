namespace Weft.Platform.Tenancy;

/// <summary>
/// A row that belongs to one tenant. Its context stamps the tenant on insert, refuses to change
/// another tenant's row (<see cref="TenantRowSecurity.GuardWrites"/>), and filters every query.
/// </summary>
public interface ITenantOwned
{
    long TenantId { get; set; }
}
