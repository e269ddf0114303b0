namespace Weft.Platform.Tenancy;

/// <summary>
/// The people who sign in to a tenant, as other modules need them: found by email (to make someone a member of
/// something a module keeps), and made for demo data. The identity module keeps them; the platform only asks.
/// </summary>
public interface IUserDirectory
{
    /// <summary>The tenant's user with this email (any case), or null when there is none.</summary>
    Task<TenantUser?> FindByEmailAsync(long tenant, string email, CancellationToken ct = default);

    /// <summary>The tenant's users with these ids (those that exist).</summary>
    Task<IReadOnlyList<TenantUser>> FindAsync(long tenant, IReadOnlyCollection<long> ids, CancellationToken ct = default);

    /// <summary>A demo user with this email, name and role and the demo password, made if missing.</summary>
    Task<TenantUser> EnsureDemoUserAsync(long tenant, string email, string name, string role, CancellationToken ct = default);
}

/// <summary>A user of a tenant: its id (its subject is <c>u:&lt;id&gt;</c>), email, name and tenant role.</summary>
public sealed record TenantUser(long Id, string Email, string Name, string Role, bool Disabled);
