using System.Reflection;
using System.Text.Json;
using Weft.Platform.Persistence;

namespace Weft.Platform.Events;

/// <summary>
/// The integration events the modules publish and the handlers subscribed to them. Publishing writes
/// the event and one delivery per subscribed handler through the publishing module's context, in the
/// same transaction as the change the event tells of.
/// </summary>
public sealed class IntegrationEventRegistry
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<string, List<HandlerRegistration>> handlersByEvent = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HandlerRegistration> handlersByName = new(StringComparer.Ordinal);

    public IReadOnlyCollection<HandlerRegistration> Handlers => handlersByName.Values;

    public static string NameOf(Type eventType) =>
        eventType.GetCustomAttribute<IntegrationEventAttribute>()?.Name
        ?? throw new InvalidOperationException($"{eventType.Name} is not marked [IntegrationEvent(\"...\")].");

    public void Subscribe<TEvent, THandler>() where TEvent : class where THandler : class, IIntegrationEventHandler<TEvent> =>
        Subscribe<TEvent, THandler>(typeof(THandler).FullName ?? typeof(THandler).Name);

    /// <summary>Subscribes under a chosen name: a generic handler's type name would carry assembly versions into the deliveries.</summary>
    public void Subscribe<TEvent, THandler>(string name) where TEvent : class where THandler : class, IIntegrationEventHandler<TEvent>
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200) throw new ArgumentException("A handler's name is 1-200 characters.", nameof(name));
        var eventName = NameOf(typeof(TEvent));
        var registration = new HandlerRegistration(name, eventName, typeof(TEvent), (services, e, context, ct) =>
        {
            var handler = (THandler)(services.GetService(typeof(THandler)) ?? throw new InvalidOperationException($"{name} is not registered."));
            return handler.HandleAsync((TEvent)e, context, ct);
        });
        if (!handlersByName.TryAdd(name, registration)) throw new InvalidOperationException($"{name} is subscribed twice.");
        if (!handlersByEvent.TryGetValue(eventName, out var list)) handlersByEvent[eventName] = list = [];
        list.Add(registration);
    }

    public HandlerRegistration? Handler(string name) => handlersByName.GetValueOrDefault(name);

    /// <summary>Adds the event and its deliveries to <paramref name="db"/>; they are written by its next save.</summary>
    internal void Stage(ModuleDbContext db, object integrationEvent, string stream, DateTime now)
    {
        if (db.TenantId <= 0) throw new InvalidOperationException("Integration events are published inside a tenant.");
        if (string.IsNullOrWhiteSpace(stream) || stream.Length > 200) throw new ArgumentException("A stream is 1-200 characters.", nameof(stream));
        var name = NameOf(integrationEvent.GetType());
        var message = new OutboxMessage
        {
            TenantId = db.TenantId,
            Stream = stream,
            Type = name,
            Payload = JsonSerializer.Serialize(integrationEvent, integrationEvent.GetType(), Json),
            OccurredAt = now,
        };
        db.Set<OutboxMessage>().Add(message);
        foreach (var handler in handlersByEvent.GetValueOrDefault(name) ?? [])
        {
            db.Set<EventDelivery>().Add(new EventDelivery
            {
                Message = message,
                TenantId = db.TenantId,
                Handler = handler.Name,
                Stream = stream,
                State = DeliveryStates.Pending,
                NextAttemptAt = now,
                CreatedAt = now,
                UpdatedAt = now,
            });
        }
    }

    internal object Deserialize(HandlerRegistration handler, string payload) =>
        JsonSerializer.Deserialize(payload, handler.EventType, Json) ?? throw new InvalidOperationException("The event's payload is empty.");
}
