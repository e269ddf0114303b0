using Microsoft.EntityFrameworkCore;
using Weft.Platform.Audit;
using Weft.Platform.Errors;
using Weft.Platform.Events;
using Weft.Platform.Paging;
using Weft.Platform.Persistence;

namespace Weft.Platform.Webhooks;

/// <summary>
/// The log of a tenant's webhook deliveries: what went where, each attempt's answer, and the replay of a delivery
/// (delivered or failed) as a new attempt with the same body and the same <c>Weft-Delivery</c> id.
/// </summary>
public sealed class WebhookDeliveries
{
    private readonly IDbContextFactory<PlatformDbContext> contexts;
    private readonly Transactions transactions;
    private readonly TimeProvider clock;

    internal WebhookDeliveries(IDbContextFactory<PlatformDbContext> contexts, Transactions transactions, TimeProvider clock)
    {
        this.contexts = contexts;
        this.transactions = transactions;
        this.clock = clock;
    }

    /// <summary>Newest first; optionally one subscription's, or those in one state.</summary>
    public async Task<Page<WebhookDeliveryDto>> ListAsync(long tenant, long? subscription, string? state, int? limit, string? cursor, CancellationToken ct = default)
    {
        if (state is not null && !WebhookDeliveryStates.All.Contains(state))
            throw WeftException.Invalid("invalid_state", $"'state' must be one of: {string.Join(", ", WebhookDeliveryStates.All)}.");
        var (take, after) = PageCursor.Parse(limit, cursor);
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.TenantId = tenant;
        var q = db.WebhookDeliveries.AsNoTracking();
        if (after > 0) q = q.Where(d => d.Id < after);
        if (subscription is { } s) q = q.Where(d => d.SubscriptionId == s);
        if (state is not null) q = q.Where(d => d.State == state);
        var rows = await q.OrderByDescending(d => d.Id).Take(take + 1).ToListAsync(ct);
        return PageCursor.Of(rows, take, d => d.Id, d => d.ToDto());
    }

    public async Task<WebhookDeliveryDto> GetAsync(long tenant, long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.TenantId = tenant;
        return (await db.WebhookDeliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct) ?? throw NotFound(id)).ToDto();
    }

    /// <summary>Every attempt at the delivery, first to last.</summary>
    public async Task<IReadOnlyList<WebhookAttemptDto>> AttemptsAsync(long tenant, long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.TenantId = tenant;
        if (!await db.WebhookDeliveries.AnyAsync(d => d.Id == id, ct)) throw NotFound(id);
        return (await db.WebhookAttempts.AsNoTracking().Where(a => a.DeliveryId == id).OrderBy(a => a.Number).ToListAsync(ct))
            .Select(a => a.ToDto()).ToList();
    }

    /// <summary>Queues the delivery again, due now, with a fresh retry budget; a pending one is on its way already (409).</summary>
    public Task<WebhookDeliveryDto> ReplayAsync(long tenant, string actor, long id, CancellationToken ct = default) =>
        transactions.RunAsync(tenant, async unit =>
        {
            var db = await unit.JoinAsync(await contexts.CreateDbContextAsync(ct), ct);
            var d = await db.WebhookDeliveries.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw NotFound(id);
            if (d.State == WebhookDeliveryStates.Pending)
                throw WeftException.Conflict("webhook_delivery_pending", $"Webhook delivery {id} is pending already: it is sent at its next attempt.");
            var now = clock.GetUtcNow().UtcDateTime;
            d.State = WebhookDeliveryStates.Pending;
            d.Tries = 0;
            d.NextAttemptAt = now;
            d.UpdatedAt = now;
            db.Publish(new AuditRecorded("webhook_delivery_replayed", now, actor,
                AuditRecorded.DataOf(new { delivery = d.Id, webhook = d.SubscriptionId, type = d.EventType })), AuditRecorded.Stream);
            await db.SaveChangesAsync(ct);
            return d.ToDto();
        }, ct);

    private static WeftException NotFound(long id) => WeftException.NotFound("webhook_delivery_not_found", $"Webhook delivery {id} does not exist.");
}
