using Microsoft.EntityFrameworkCore;
using Weft.Identity.Persistence;
using Weft.Platform.Persistence;

namespace Weft.Identity;

/// <summary>Opens the identity module's context for a tenant (0: only the installation's tables) and reads the clock.</summary>
internal sealed class IdentityDb(IDbContextFactory<IdentityDbContext> contexts, PooledContexts<IdentityDbContext> pooled, Transactions transactions, TimeProvider clock)
{
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>A context of its own (reads, or a change in a transaction it begins); dispose it when done.</summary>
    public Task<IdentityDbContext> OpenAsync(long tenant = 0, CancellationToken ct = default) => pooled.RentAsync(tenant, ct);

    /// <summary>
    /// Runs a change in one transaction with a context of <paramref name="tenant"/>, committing once, and
    /// runs it again when a concurrent change came between its checks and its write (a unique index, a
    /// user's version, a serialization failure): the next run's checks give the proper answer.
    /// </summary>
    public Task<T> ChangeAsync<T>(long tenant, Func<IdentityDbContext, UnitOfWork, Task<T>> change, CancellationToken ct) =>
        transactions.RunAsync(tenant, async unit =>
        {
            var db = await unit.JoinAsync(await contexts.CreateDbContextAsync(ct), ct);
            return await change(db, unit);
        }, ct);

    /// <summary>A second context of the unit, for the tenant the unit has moved to.</summary>
    public async Task<IdentityDbContext> JoinAsync(UnitOfWork unit, CancellationToken ct) =>
        await unit.JoinAsync(await contexts.CreateDbContextAsync(ct), ct);
}
