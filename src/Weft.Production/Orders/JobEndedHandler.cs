using Microsoft.EntityFrameworkCore;
using Weft.Flow;
using Weft.Flow.Contracts;
using Weft.Platform.Events;
using Weft.Production.Persistence;

namespace Weft.Production.Orders;

/// <summary>
/// When a released order's flow job ends, the order ends with it (completed, or cancelled when no unit was done); a
/// completed manufacturing order releases the atelier jobs that wait for its pieces.
/// </summary>
internal sealed class JobEndedHandler(ProductionDb data, FlowEngines engines) : IIntegrationEventHandler<JobEnded>
{
    private const string Actor = "production";

    public async Task HandleAsync(JobEnded integrationEvent, IntegrationEventContext context, CancellationToken ct)
    {
        var db = await data.JoinAsync(context.Unit, ct);
        var order = await db.Orders.FirstOrDefaultAsync(o => o.JobId == integrationEvent.JobId, ct);
        // Jobs started outside production, and orders a manager cancelled, are not this handler's.
        if (order is null || order.State != OrderStates.Released) return;
        order.State = integrationEvent.State == "completed" ? OrderStates.Completed : OrderStates.Cancelled;
        order.EndedAt = integrationEvent.At;
        order.UpdatedAt = data.Now;
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        if (order.Kind != OrderKinds.Oem || order.State != OrderStates.Completed) return;
        var waiting = await db.Orders.AsNoTracking()
            .Where(o => o.LinkedOrderId == order.Id && o.Kind == OrderKinds.Craft && o.State == OrderStates.Released).OrderBy(o => o.Id).ToListAsync(ct);
        foreach (var atelierJob in waiting)
            await HybridPairs.ComponentsReadyAsync(engines.For(context.Tenant), context.Unit, Actor, atelierJob, order, ct);
    }
}
