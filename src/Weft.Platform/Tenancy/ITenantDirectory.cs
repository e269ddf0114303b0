namespace Weft.Platform.Tenancy;

/// <summary>
/// The tenants of the installation, for work that runs tenant by tenant (timers, sweeps, event
/// delivery) and for seeding. The identity module keeps them; the platform only asks.
/// </summary>
public interface ITenantDirectory
{
    Task<IReadOnlyList<long>> TenantIdsAsync(CancellationToken ct = default);

    /// <summary>The tenant with this key, created (with its name) if it does not exist yet.</summary>
    Task<long> EnsureAsync(string key, string name, CancellationToken ct = default);

    Task<string?> NameOfAsync(long tenant, CancellationToken ct = default);

    /// <summary>The id of the tenant with this key, or null when there is none (public pages that name their tenant).</summary>
    Task<long?> IdOfAsync(string key, CancellationToken ct = default);

    /// <summary>The key of an existing tenant (what public pages name it by).</summary>
    Task<string> KeyOfAsync(long id, CancellationToken ct = default);
}
