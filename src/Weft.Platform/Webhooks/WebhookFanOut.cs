using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Weft.Platform.Events;

namespace Weft.Platform.Webhooks;

/// <summary>
/// Turns one integration event into one delivery per active subscription that wants it, rendered in the
/// subscription's format. It runs in the event delivery's unit of work: the rows commit with the mark that the event
/// was handled, so a redelivered event adds none (and the unique index on subscription and message would refuse them).
/// </summary>
internal sealed class WebhookFanOut<TEvent>(IDbContextFactory<PlatformDbContext> contexts, TimeProvider clock) : IIntegrationEventHandler<TEvent>
    where TEvent : class
{
    private static readonly string EventName = IntegrationEventRegistry.NameOf(typeof(TEvent));

    public async Task HandleAsync(TEvent integrationEvent, IntegrationEventContext context, CancellationToken ct)
    {
        var db = await context.Unit.JoinAsync(await contexts.CreateDbContextAsync(ct), ct);
        var subscriptions = (await db.WebhookSubscriptions.Where(s => s.Active).ToListAsync(ct))
            .Where(s => WebhookEventTypes.Matches(s.EventTypes, EventName)).ToList();
        if (subscriptions.Count == 0) return;
        var data = JsonSerializer.SerializeToElement(integrationEvent, typeof(TEvent), IntegrationEventRegistry.Json);
        var envelope = new WebhookEnvelope($"evt_{context.MessageId}", EventName, context.OccurredAt, context.Tenant, data);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var s in subscriptions)
        {
            db.WebhookDeliveries.Add(new WebhookDelivery
            {
                SubscriptionId = s.Id,
                MessageId = context.MessageId,
                EventType = EventName,
                Body = WebhookBodies.Render(s.Format, envelope),
                OccurredAt = context.OccurredAt,
                State = WebhookDeliveryStates.Pending,
                NextAttemptAt = now,
                CreatedAt = now,
                UpdatedAt = now,
            });
        }
        await db.SaveChangesAsync(ct);
    }
}
