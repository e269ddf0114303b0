namespace Weft.Platform.Events;

/// <summary>An integration event's delivery to one handler, as admins see it.</summary>
public sealed record DeliveryDto(
    long Id, long MessageId, string Type, string Stream, string Handler, string State, int Attempts, string? LastError,
    DateTime OccurredAt, DateTime NextAttemptAt, DateTime UpdatedAt, DateTime? DeliveredAt, string? ResolvedBy, string Payload);
