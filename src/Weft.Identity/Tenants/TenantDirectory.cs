using Microsoft.EntityFrameworkCore;
using Weft.Identity.Audit;
using Weft.Identity.Persistence;
using Weft.Platform.Errors;
using Weft.Platform.Tenancy;

namespace Weft.Identity.Tenants;

/// <summary>The installation's tenants: listed for background work, created from the command line and in demo mode.</summary>
internal sealed class TenantDirectory(IdentityDb data) : ITenantDirectory
{
    public async Task<IReadOnlyList<long>> TenantIdsAsync(CancellationToken ct = default)
    {
        await using var db = await data.OpenAsync(ct: ct);
        return await db.Tenants.OrderBy(t => t.Id).Select(t => t.Id).ToListAsync(ct);
    }

    public async Task<long> EnsureAsync(string key, string name, CancellationToken ct = default) =>
        (await FindAsync(key, ct) ?? await CreateAsync("system", key, name, ct)).Id;

    public async Task<string?> NameOfAsync(long tenant, CancellationToken ct = default)
    {
        await using var db = await data.OpenAsync(ct: ct);
        return await db.Tenants.Where(t => t.Id == tenant).Select(t => t.Name).FirstOrDefaultAsync(ct);
    }

    public async Task<TenantDto?> FindAsync(string key, CancellationToken ct = default)
    {
        await using var db = await data.OpenAsync(ct: ct);
        var t = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(x => x.Key == key, ct);
        return t is null ? null : new TenantDto(t.Id, t.Key, t.Name, t.CreatedAt);
    }

    public async Task<long?> IdOfAsync(string key, CancellationToken ct = default) => (await FindAsync(key, ct))?.Id;

    public async Task<string> KeyOfAsync(long id, CancellationToken ct = default)
    {
        await using var db = await data.OpenAsync(ct: ct);
        return await db.Tenants.Where(t => t.Id == id).Select(t => t.Key).FirstAsync(ct);
    }

    /// <summary>Creates a tenant and the audit record of its creation, in one transaction.</summary>
    public Task<TenantDto> CreateAsync(string actor, string? key, string? name, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        errors.RequireKey(key, "key");
        if (name is { Length: > 200 }) errors["name"] = ["'name' is at most 200 characters."];
        errors.ThrowIfAny();
        return data.ChangeAsync(0, async (db, unit) =>
        {
            if (await db.Tenants.AnyAsync(t => t.Key == key, ct))
                throw WeftException.Conflict("tenant_exists", $"Tenant '{key}' already exists.");
            var tenant = new TenantRecord { Key = key!, Name = string.IsNullOrWhiteSpace(name) ? key! : name, CreatedAt = data.Now };
            db.Tenants.Add(tenant);
            await db.SaveChangesAsync(ct);
            await unit.SwitchTenantAsync(tenant.Id, ct);
            var scoped = await data.JoinAsync(unit, ct);
            AuditTrail.Record(scoped, data.Now, actor, "tenant_created", new { tenant = tenant.Key, tenant.Name });
            await scoped.SaveChangesAsync(ct);
            return new TenantDto(tenant.Id, tenant.Key, tenant.Name, tenant.CreatedAt);
        }, ct);
    }
}
