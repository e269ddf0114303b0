using Microsoft.EntityFrameworkCore;
using Weft.Platform.Persistence;
using Weft.Support.Persistence;

namespace Weft.Support;

/// <summary>Opens the support module's context for a tenant, runs its changes in units of work, and reads the clock.</summary>
internal sealed class SupportDb(IDbContextFactory<SupportDbContext> contexts, PooledContexts<SupportDbContext> pooled, Transactions transactions,
    TimeProvider clock)
{
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>A context for reads; dispose it when done.</summary>
    public Task<SupportDbContext> OpenAsync(long tenant, CancellationToken ct = default) => pooled.RentAsync(tenant, ct);

    /// <summary>Runs a change in one unit of work, committing once, and again after a concurrent change.</summary>
    public Task<T> ChangeAsync<T>(long tenant, Func<SupportDbContext, Task<T>> change, CancellationToken ct) =>
        transactions.RunAsync(tenant, async unit => await change(await unit.JoinAsync(await contexts.CreateDbContextAsync(ct), ct)), ct);

    /// <summary>A change that the engine's commands join (<see cref="Weft.Flow.Contracts.CommandContext.Unit"/>): both commit or neither does.</summary>
    public Task<T> ChangeAsync<T>(long tenant, Func<SupportDbContext, UnitOfWork, Task<T>> change, CancellationToken ct) =>
        transactions.RunAsync(tenant, async unit => await change(await unit.JoinAsync(await contexts.CreateDbContextAsync(ct), ct), unit), ct);
}
