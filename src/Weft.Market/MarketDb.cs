using Microsoft.EntityFrameworkCore;
using Weft.Market.Persistence;
using Weft.Market.Visibility;
using Weft.Platform.Persistence;

namespace Weft.Market;

/// <summary>
/// Opens the market's context for a tenant and a viewer (what the viewer may see is the context's filters'), runs
/// changes in units of work, and reads the clock.
/// </summary>
internal sealed class MarketDb(IDbContextFactory<MarketDbContext> contexts, PooledContexts<MarketDbContext> pooled, Transactions transactions,
    TimeProvider clock)
{
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public TimeProvider Clock => clock;

    /// <summary>A context for reads as <paramref name="viewer"/>; dispose it when done.</summary>
    public async Task<MarketDbContext> OpenAsync(long tenant, MarketViewer viewer, CancellationToken ct = default)
    {
        var db = await pooled.RentAsync(tenant, ct);
        db.Viewer = viewer;
        return db;
    }

    /// <summary>Runs a change as <paramref name="viewer"/> in one unit of work, committing once, and again after a concurrent change.</summary>
    public Task<T> ChangeAsync<T>(long tenant, MarketViewer viewer, Func<MarketDbContext, Task<T>> change, CancellationToken ct) =>
        transactions.RunAsync(tenant, async unit => await change(await JoinAsync(unit, viewer, ct)), ct);

    /// <summary>A change that the engine's commands join (<see cref="Weft.Flow.Contracts.CommandContext.Unit"/>): both commit or neither does.</summary>
    public Task<T> ChangeAsync<T>(long tenant, MarketViewer viewer, Func<MarketDbContext, UnitOfWork, Task<T>> change, CancellationToken ct) =>
        transactions.RunAsync(tenant, async unit => await change(await JoinAsync(unit, viewer, ct), unit), ct);

    private async Task<MarketDbContext> JoinAsync(UnitOfWork unit, MarketViewer viewer, CancellationToken ct)
    {
        var db = await unit.JoinAsync(await contexts.CreateDbContextAsync(ct), ct);
        db.Viewer = viewer;
        return db;
    }
}
