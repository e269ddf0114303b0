using Weft.Platform.Tenancy;

namespace Weft.Platform.Webhooks;

/// <summary>
/// One event on its way to one subscription, with the body rendered when the event was handled (so a retry
/// or a replay sends the same bytes); each try is a <see cref="WebhookAttempt"/>.
/// </summary>
internal sealed class WebhookDelivery : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long SubscriptionId { get; set; }
    /// <summary>The outbox message it came from; null for a test ping.</summary>
    public long? MessageId { get; set; }
    public string EventType { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTime OccurredAt { get; set; }
    public string State { get; set; } = WebhookDeliveryStates.Pending;
    /// <summary>Every attempt ever made, replays included: numbers the attempts.</summary>
    public int Attempts { get; set; }
    /// <summary>Attempts since it was queued (or replayed): what the retry budget and the backoff count.</summary>
    public int Tries { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public int? LastStatus { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? DeliveredAt { get; set; }
}
