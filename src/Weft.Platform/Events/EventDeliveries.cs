using Microsoft.EntityFrameworkCore;
using Weft.Platform.Audit;
using Weft.Platform.Errors;
using Weft.Platform.Paging;
using Weft.Platform.Persistence;

namespace Weft.Platform.Events;

/// <summary>
/// What admins see and do about a tenant's event deliveries: list them (the parked ones first of all),
/// retry a parked one (it is delivered again, in its stream's order) or dismiss it (its stream moves
/// on without it). Both decisions are in the audit trail.
/// </summary>
public sealed class EventDeliveries
{
    private readonly IDbContextFactory<PlatformDbContext> contexts;
    private readonly Transactions transactions;
    private readonly TimeProvider clock;

    internal EventDeliveries(IDbContextFactory<PlatformDbContext> contexts, Transactions transactions, TimeProvider clock)
    {
        this.contexts = contexts;
        this.transactions = transactions;
        this.clock = clock;
    }

    public async Task<Page<DeliveryDto>> ListAsync(long tenant, string? state, int? limit, string? cursor, CancellationToken ct = default)
    {
        if (state is not null && !DeliveryStates.All.Contains(state))
            throw WeftException.Invalid("invalid_state", $"'state' must be one of: {string.Join(", ", DeliveryStates.All)}.");
        var (take, after) = PageCursor.Parse(limit, cursor);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var q = db.Deliveries.AsNoTracking().Include(d => d.Message).Where(d => d.TenantId == tenant && d.Id > after);
        if (state is not null) q = q.Where(d => d.State == state);
        var rows = await q.OrderBy(d => d.Id).Take(take + 1).ToListAsync(ct);
        return PageCursor.Of(rows, take, d => d.Id, ToDto);
    }

    public async Task<int> CountAsync(long tenant, string state, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Deliveries.CountAsync(d => d.TenantId == tenant && d.State == state, ct);
    }

    public Task<DeliveryDto> RetryAsync(long tenant, long id, string actor, CancellationToken ct = default) =>
        DecideAsync(tenant, id, actor, retry: true, ct);

    public Task<DeliveryDto> DismissAsync(long tenant, long id, string actor, CancellationToken ct = default) =>
        DecideAsync(tenant, id, actor, retry: false, ct);

    private async Task<DeliveryDto> DecideAsync(long tenant, long id, string actor, bool retry, CancellationToken ct)
    {
        var result = await transactions.RunAsync(tenant, async unit =>
        {
            var db = await unit.JoinAsync(await contexts.CreateDbContextAsync(ct), ct);
            var delivery = await db.Deliveries.Include(d => d.Message).FirstOrDefaultAsync(d => d.Id == id && d.TenantId == tenant, ct)
                ?? throw WeftException.NotFound("delivery_not_found", $"Event delivery {id} does not exist.");
            if (delivery.State != DeliveryStates.Parked)
                throw WeftException.Conflict("delivery_not_parked", $"Event delivery {id} is {delivery.State}; only a parked delivery can be retried or dismissed.");
            var now = clock.GetUtcNow().UtcDateTime;
            delivery.State = retry ? DeliveryStates.Pending : DeliveryStates.Dismissed;
            if (retry) delivery.Attempts = 0;
            delivery.NextAttemptAt = now;
            delivery.UpdatedAt = now;
            delivery.ResolvedBy = actor.Length > 256 ? actor[..256] : actor;
            db.Publish(new AuditRecorded(retry ? "event_delivery_retried" : "event_delivery_dismissed", now, actor,
                AuditRecorded.DataOf(new { delivery = delivery.Id, type = delivery.Message!.Type, handler = delivery.Handler })), AuditRecorded.Stream);
            await db.SaveChangesAsync(ct);
            return ToDto(delivery);
        }, ct);
        return result;
    }

    private static DeliveryDto ToDto(EventDelivery d) => new(
        d.Id, d.MessageId, d.Message?.Type ?? "", d.Stream, d.Handler, d.State, d.Attempts, d.LastError,
        d.Message?.OccurredAt ?? d.CreatedAt, d.NextAttemptAt, d.UpdatedAt, d.DeliveredAt, d.ResolvedBy, d.Message?.Payload ?? "");
}
