using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.EntityFrameworkCore;
using Weft.Platform.Changes;
using Weft.Platform.Events;
using Weft.Platform.Security;

namespace Weft.Platform.Persistence;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>
    /// The database every module's stores use, the platform's own store (the outbox), units of work
    /// across modules, and the commit signals. Modules register their stores after this.
    /// </summary>
    public static IServiceCollection AddWeftDatabase(this IServiceCollection services, DatabaseOptions database)
    {
        services.AddSingleton(database.Validated());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<WriterGate>();
        services.AddSingleton<SqliteConnections>();
        services.AddSingleton(typeof(PooledContexts<>));
        services.AddSingleton<Transactions>();
        services.AddSingleton<CommitSignals>();
        Registry(services);
        services.AddSingleton(sp => new ModuleContextDependencies(
            sp.GetRequiredService<DatabaseOptions>(), sp.GetRequiredService<IntegrationEventRegistry>(),
            sp.GetRequiredService<CommitSignals>(), sp.GetRequiredService<TimeProvider>()));
        PlatformStore.Tables.Register(services);
        services.AddSingleton(sp => new ProtectionKeyStore(sp.GetRequiredService<IDbContextFactory<PlatformDbContext>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ChangeFeed>();
        if (database.IsPostgres) services.AddSingleton<IHostedService, PostgresChangeRelay>();
        return services;
    }

    /// <summary>
    /// Delivery of integration events to their handlers, and the admin's view of it. The background
    /// delivery runs unless <c>Weft:Events:Enabled</c> is false.
    /// </summary>
    public static IServiceCollection AddWeftEventDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        var options = EventDeliveryOptions.From(configuration);
        services.AddSingleton(options);
        services.AddSingleton(sp => new EventDispatcher(
            sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<IDbContextFactory<PlatformDbContext>>(),
            sp.GetRequiredService<Transactions>(), sp.GetRequiredService<IntegrationEventRegistry>(), options,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<EventDispatcher>>()));
        services.AddSingleton(sp => new EventDeliveries(
            sp.GetRequiredService<IDbContextFactory<PlatformDbContext>>(), sp.GetRequiredService<Transactions>(), sp.GetRequiredService<TimeProvider>()));
        if (options.Enabled) services.AddSingleton<IHostedService, EventDeliveryService>();
        return services;
    }

    /// <summary>Subscribes <typeparamref name="THandler"/> (a module's) to <typeparamref name="TEvent"/> (published by another).</summary>
    public static IServiceCollection AddIntegrationEventHandler<TEvent, THandler>(this IServiceCollection services)
        where TEvent : class where THandler : class, IIntegrationEventHandler<TEvent>
    {
        Registry(services).Subscribe<TEvent, THandler>();
        services.AddScoped<THandler>();
        return services;
    }

    internal static IntegrationEventRegistry Registry(IServiceCollection services)
    {
        if (services.FirstOrDefault(d => d.ServiceType == typeof(IntegrationEventRegistry))?.ImplementationInstance is IntegrationEventRegistry existing)
            return existing;
        var registry = new IntegrationEventRegistry();
        services.AddSingleton(registry);
        return registry;
    }
}
