using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Weft.Identity.Bootstrap;
using Weft.Platform.Tenancy;

namespace Weft.Identity.Users;

/// <summary>The tenant's users for other modules (<see cref="IUserDirectory"/>).</summary>
internal sealed class UserDirectory(IdentityDb data, CreateUser createUser, IConfiguration config) : IUserDirectory
{
    public async Task<TenantUser?> FindByEmailAsync(long tenant, string email, CancellationToken ct = default)
    {
        if (Passwords.NormalizeEmail(email) is not { } normalized) return null;
        await using var db = await data.OpenAsync(tenant, ct);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Email == normalized, ct);
        return user is null ? null : new TenantUser(user.Id, user.Email, user.Name, user.Role, user.Disabled);
    }

    public async Task<IReadOnlyList<TenantUser>> FindAsync(long tenant, IReadOnlyCollection<long> ids, CancellationToken ct = default)
    {
        if (ids.Count == 0) return [];
        await using var db = await data.OpenAsync(tenant, ct);
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new TenantUser(u.Id, u.Email, u.Name, u.Role, u.Disabled)).ToListAsync(ct);
    }

    public async Task<TenantUser> EnsureDemoUserAsync(long tenant, string email, string name, string role, CancellationToken ct = default)
    {
        if (await FindByEmailAsync(tenant, email, ct) is { } existing) return existing;
        var password = config["Weft:Demo:Password"] is { Length: > 0 } p ? p : IdentityBootstrap.DefaultDemoPassword;
        var created = await createUser.HandleAsync(tenant, "system", new CreateUserRequest(email, name, role, password, null), ct);
        return new TenantUser(created.Id, created.Email, created.Name, created.Role, false);
    }
}
