using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Weft.Platform.Persistence;

/// <summary>
/// A module's contexts for work that runs in a transaction of its own (or reads): taken from a pool,
/// since building a context (EF Core's services for it) costs more than a simple query, and on SQLite
/// run on a kept connection whose statements stay compiled (<see cref="SqliteConnections"/>). Contexts
/// that join a unit of work across modules come from the module's plain factory instead.
/// </summary>
public sealed class PooledContexts<TContext>(DbContextOptions<TContext> options, SqliteConnections sqlite) where TContext : ModuleDbContext
{
    private readonly PooledDbContextFactory<TContext> pool = new(options);

    /// <summary>A context for <paramref name="tenant"/> (0: the installation's own rows); dispose it to give it back.</summary>
    public async Task<TContext> RentAsync(long tenant, CancellationToken ct = default)
    {
        var db = await pool.CreateDbContextAsync(ct);
        if (sqlite.Enabled)
        {
            // SQLite has no connection-level tenant setting: a kept connection serves any tenant.
            db.UseConnectionFrom(sqlite);
        }
        else if (db.Database.GetDbConnection().State != System.Data.ConnectionState.Closed)
        {
            // A connection left open would carry the tenant setting of the context's previous lease.
            throw new InvalidOperationException("A pooled context came back with its connection open.");
        }
        db.TenantId = tenant;
        return db;
    }
}
