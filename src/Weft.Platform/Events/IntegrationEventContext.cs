using Weft.Platform.Persistence;

namespace Weft.Platform.Events;

/// <summary>Where an event is being handled: its message id, tenant and the unit of work the handler joins.</summary>
/// <param name="MessageId">Stable across redeliveries: use it to recognise the event.</param>
public sealed record IntegrationEventContext(long MessageId, long Tenant, string Stream, DateTime OccurredAt, int Attempt, UnitOfWork Unit);
