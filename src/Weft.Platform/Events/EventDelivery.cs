namespace Weft.Platform.Events;

/// <summary>
/// One event on its way to one handler: written with the event (one per subscribed handler), marked
/// delivered in the same transaction as the handler's changes, or parked after repeated failures.
/// </summary>
public sealed class EventDelivery
{
    public long Id { get; set; }
    public long MessageId { get; set; }
    public OutboxMessage? Message { get; set; }
    public long TenantId { get; set; }
    public string Handler { get; set; } = "";
    public string Stream { get; set; } = "";
    public string State { get; set; } = DeliveryStates.Pending;
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DeliveredAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string? ResolvedBy { get; set; }
}
