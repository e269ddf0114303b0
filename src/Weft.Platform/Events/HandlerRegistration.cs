namespace Weft.Platform.Events;

/// <summary>A handler subscribed to one event type; <see cref="Name"/> is what its deliveries record.</summary>
public sealed record HandlerRegistration(
    string Name, string EventName, Type EventType, Func<IServiceProvider, object, IntegrationEventContext, CancellationToken, Task> InvokeAsync);
