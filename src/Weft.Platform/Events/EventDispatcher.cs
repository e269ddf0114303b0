using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Weft.Platform.Persistence;

namespace Weft.Platform.Events;

/// <summary>
/// Delivers integration events to their handlers: each delivery runs in one transaction of the
/// event's tenant in which the handler's changes and the "delivered" mark commit together. A failed
/// attempt is retried later with backoff; after <see cref="EventDeliveryOptions.MaxAttempts"/> it is
/// parked for an admin. Within a stream a handler gets events in order: a delivery waits while an
/// earlier one of its stream, for the same handler, is pending or parked. Several processes may
/// deliver at once (PostgreSQL rows are claimed with SKIP LOCKED; SQLite writers take turns).
/// </summary>
public sealed class EventDispatcher
{
    private readonly IServiceScopeFactory scopes;
    private readonly IDbContextFactory<PlatformDbContext> contexts;
    private readonly Transactions transactions;
    private readonly IntegrationEventRegistry registry;
    private readonly EventDeliveryOptions options;
    private readonly TimeProvider clock;
    private readonly ILogger<EventDispatcher> logger;

    internal EventDispatcher(
        IServiceScopeFactory scopes, IDbContextFactory<PlatformDbContext> contexts, Transactions transactions,
        IntegrationEventRegistry registry, EventDeliveryOptions options, TimeProvider clock, ILogger<EventDispatcher> logger)
    {
        this.scopes = scopes;
        this.contexts = contexts;
        this.transactions = transactions;
        this.registry = registry;
        this.options = options;
        this.clock = clock;
        this.logger = logger;
    }

    private const int Batch = 100;

    /// <summary>Attempts every delivery that is due now; returns how many were attempted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<(long Id, long Tenant)> due;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            due = (await db.Deliveries.AsNoTracking()
                .Where(d => d.State == DeliveryStates.Pending && d.NextAttemptAt <= now)
                .Where(d => !db.Deliveries.Any(e => e.Handler == d.Handler && e.TenantId == d.TenantId && e.Stream == d.Stream && e.Id < d.Id
                    && (e.State == DeliveryStates.Pending || e.State == DeliveryStates.Parked)))
                .OrderBy(d => d.Id).Take(Batch).Select(d => new { d.Id, d.TenantId }).ToListAsync(ct))
                .Select(d => (d.Id, d.TenantId)).ToList();
        }
        foreach (var (id, tenant) in due) await DeliverAsync(id, tenant, ct);
        return due.Count;
    }

    /// <summary>Delivers until nothing is due (what tests and a waking loop call).</summary>
    public async Task DrainAsync(CancellationToken ct = default)
    {
        for (var pass = 0; pass < 1000 && await RunOnceAsync(ct) > 0; pass++)
        {
        }
    }

    private async Task DeliverAsync(long id, long tenant, CancellationToken ct)
    {
        try
        {
            await transactions.RunAsync(tenant, async unit =>
            {
                var db = await unit.JoinAsync(await contexts.CreateDbContextAsync(ct), ct);
                if (db.IsPostgres)
                {
                    // Another process delivering the same row skips it rather than waiting.
                    var claimed = await db.Database.SqlQuery<long>(
                        $"SELECT id AS \"Value\" FROM platform_event_deliveries WHERE id = {id} AND state = 'pending' FOR UPDATE SKIP LOCKED").ToListAsync(ct);
                    if (claimed.Count == 0) return false;
                }
                var delivery = await db.Deliveries.Include(d => d.Message).FirstAsync(d => d.Id == id, ct);
                if (delivery.State != DeliveryStates.Pending) return false;
                var handler = registry.Handler(delivery.Handler)
                    ?? throw new InvalidOperationException($"No handler '{delivery.Handler}' is registered in this process.");
                var integrationEvent = registry.Deserialize(handler, delivery.Message!.Payload);
                await using (var scope = scopes.CreateAsyncScope())
                {
                    var context = new IntegrationEventContext(delivery.MessageId, tenant, delivery.Stream, delivery.Message.OccurredAt, delivery.Attempts + 1, unit);
                    await handler.InvokeAsync(scope.ServiceProvider, integrationEvent, context, ct);
                }
                var now = clock.GetUtcNow().UtcDateTime;
                delivery.State = DeliveryStates.Delivered;
                delivery.Attempts++;
                delivery.DeliveredAt = now;
                delivery.UpdatedAt = now;
                await db.SaveChangesAsync(ct);
                return true;
            }, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            await RecordFailureAsync(id, tenant, e, ct);
        }
    }

    private async Task RecordFailureAsync(long id, long tenant, Exception error, CancellationToken ct)
    {
        var parked = await transactions.RunAsync(tenant, async unit =>
        {
            var db = await unit.JoinAsync(await contexts.CreateDbContextAsync(ct), ct);
            var delivery = await db.Deliveries.FirstAsync(d => d.Id == id, ct);
            if (delivery.State != DeliveryStates.Pending) return false;
            var now = clock.GetUtcNow().UtcDateTime;
            delivery.Attempts++;
            var message = $"{error.GetType().Name}: {error.Message}";
            delivery.LastError = message.Length > 2000 ? message[..2000] : message;
            delivery.UpdatedAt = now;
            delivery.NextAttemptAt = now + EventDeliveryOptions.Backoff(delivery.Attempts);
            if (delivery.Attempts >= options.MaxAttempts) delivery.State = DeliveryStates.Parked;
            await db.SaveChangesAsync(ct);
            return delivery.State == DeliveryStates.Parked;
        }, ct);
        if (parked)
            logger.LogError(error, "Integration event delivery {Delivery} failed {Attempts} times and is parked for an admin", id, options.MaxAttempts);
        else
            logger.LogWarning(error, "Integration event delivery {Delivery} failed; it will be tried again", id);
    }
}
