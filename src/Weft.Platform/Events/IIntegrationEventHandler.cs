namespace Weft.Platform.Events;

/// <summary>
/// Handles one kind of integration event in another module, after the publishing transaction
/// committed, at least once. The handler's changes must be made through contexts joined to
/// <see cref="IntegrationEventContext.Unit"/>: they commit together with the mark that the event was
/// handled, so a redelivered event changes nothing twice.
/// </summary>
public interface IIntegrationEventHandler<in TEvent> where TEvent : class
{
    Task HandleAsync(TEvent integrationEvent, IntegrationEventContext context, CancellationToken ct);
}
