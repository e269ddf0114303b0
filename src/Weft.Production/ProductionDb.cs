using Microsoft.EntityFrameworkCore;
using Weft.Platform.Persistence;
using Weft.Production.Persistence;

namespace Weft.Production;

/// <summary>Opens the production module's context for a tenant, runs its changes in units of work, and reads the clock.</summary>
internal sealed class ProductionDb(IDbContextFactory<ProductionDbContext> contexts, PooledContexts<ProductionDbContext> pooled, Transactions transactions, TimeProvider clock)
{
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>A context for reads; dispose it when done.</summary>
    public Task<ProductionDbContext> OpenAsync(long tenant, CancellationToken ct = default) => pooled.RentAsync(tenant, ct);

    /// <summary>
    /// Runs a change in one unit of work (which the engine's commands may join), committing once, and runs it
    /// again after a concurrent change (a stale version, a unique index, a serialization failure).
    /// </summary>
    public Task<T> ChangeAsync<T>(long tenant, Func<ProductionDbContext, UnitOfWork, Task<T>> change, CancellationToken ct) =>
        transactions.RunAsync(tenant, async unit =>
        {
            var db = await JoinAsync(unit, ct);
            return await change(db, unit);
        }, ct);

    public async Task<ProductionDbContext> JoinAsync(UnitOfWork unit, CancellationToken ct) =>
        await unit.JoinAsync(await contexts.CreateDbContextAsync(ct), ct);
}
