using Microsoft.EntityFrameworkCore;
using Weft.AI.Persistence;
using Weft.Platform.Persistence;

namespace Weft.AI;

/// <summary>Opens the AI module's context for a tenant, runs its changes in units of work, and reads the clock.</summary>
internal sealed class AiDb(IDbContextFactory<AiDbContext> contexts, PooledContexts<AiDbContext> pooled, Transactions transactions, TimeProvider clock)
{
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>A context for reads; dispose it when done.</summary>
    public Task<AiDbContext> OpenAsync(long tenant, CancellationToken ct = default) => pooled.RentAsync(tenant, ct);

    /// <summary>Runs a change in one unit of work, committing once, and again after a concurrent change.</summary>
    public Task<T> ChangeAsync<T>(long tenant, Func<AiDbContext, Task<T>> change, CancellationToken ct) =>
        transactions.RunAsync(tenant, async unit => await change(await unit.JoinAsync(await contexts.CreateDbContextAsync(ct), ct)), ct);

    /// <summary>This module's context inside a unit of work another module's command (or an event's delivery) runs.</summary>
    public async Task<AiDbContext> JoinAsync(UnitOfWork unit, CancellationToken ct) => await unit.JoinAsync(await contexts.CreateDbContextAsync(ct), ct);

    /// <summary>A change that another module's command joins (the engine's, given the unit): both commit, or neither.</summary>
    public Task<T> ChangeAsync<T>(long tenant, Func<AiDbContext, UnitOfWork, Task<T>> change, CancellationToken ct) =>
        transactions.RunAsync(tenant, async unit => await change(await unit.JoinAsync(await contexts.CreateDbContextAsync(ct), ct), unit), ct);
}
