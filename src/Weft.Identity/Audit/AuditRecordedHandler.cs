using Microsoft.EntityFrameworkCore;
using Weft.Identity.Persistence;
using Weft.Platform.Audit;
using Weft.Platform.Events;

namespace Weft.Identity.Audit;

/// <summary>Records other modules' audit events in the trail, in the transaction that marks them handled.</summary>
internal sealed class AuditRecordedHandler(IDbContextFactory<IdentityDbContext> contexts) : IIntegrationEventHandler<AuditRecorded>
{
    public async Task HandleAsync(AuditRecorded integrationEvent, IntegrationEventContext context, CancellationToken ct)
    {
        var db = await context.Unit.JoinAsync(await contexts.CreateDbContextAsync(ct), ct);
        AuditTrail.Add(db, integrationEvent.At, integrationEvent.Actor, integrationEvent.Type, integrationEvent.DataJson, context.MessageId);
        await db.SaveChangesAsync(ct);
    }
}
