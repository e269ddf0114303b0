namespace Weft.Platform.Events;

/// <summary>An integration event, written in the same transaction as the change it tells of.</summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    /// <summary>Events of one stream reach each handler in the order they were published.</summary>
    public string Stream { get; set; } = "";
    public string Type { get; set; } = "";
    public string Payload { get; set; } = "";
    public DateTime OccurredAt { get; set; }
}
