using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Weft.Flow;
using Weft.Platform;
using Weft.Platform.Persistence;

namespace Weft.Testing;

/// <summary>An engine on a fresh database with a hand-moved clock, for scenario tests.</summary>
public sealed class FlowTestHost : IAsyncDisposable
{
    private readonly ServiceProvider services;

    private readonly Action<IServiceCollection>? configure;

    private FlowTestHost(ServiceProvider services, TestDatabase database, ManualClock clock, Action<IServiceCollection>? configure)
    {
        this.services = services;
        this.configure = configure;
        Database = database;
        Clock = clock;
        Engine = services.GetRequiredService<FlowEngines>().For(1);
    }

    /// <summary>The engine of tenant 1.</summary>
    public FlowEngine Engine { get; }

    /// <summary>The engine of another tenant on the same database.</summary>
    public FlowEngine EngineFor(long tenantId) => services.GetRequiredService<FlowEngines>().For(tenantId);
    public ManualClock Clock { get; }
    public TestDatabase Database { get; }

    /// <summary>The engine's services (its handlers, the automation runner).</summary>
    public IServiceProvider Services => services;

    /// <param name="configure">Services added after the engine's (an automated agent's handler, say).</param>
    public static async Task<FlowTestHost> StartAsync(string provider, Action<IServiceCollection>? configure = null)
    {
        var database = await TestDatabases.CreateAsync(provider);
        var clock = new ManualClock();
        var services = Build(database, clock, configure);
        await PlatformStore.Tables.MigrateAsync(services);
        await FlowStore.Tables.MigrateAsync(services);
        return new FlowTestHost(services, database, clock, configure);
    }

    /// <summary>A second engine on the same database, as a restarted process would have.</summary>
    public async Task<FlowTestHost> RestartAsync()
    {
        await services.DisposeAsync();
        var restarted = Build(Database, Clock, configure);
        await PlatformStore.Tables.MigrateAsync(restarted);
        await FlowStore.Tables.MigrateAsync(restarted);
        return new FlowTestHost(restarted, Database, Clock, configure);
    }

    private static ServiceProvider Build(TestDatabase database, ManualClock clock, Action<IServiceCollection>? configure)
    {
        var sc = new ServiceCollection();
        sc.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        sc.AddSingleton<TimeProvider>(clock);
        sc.AddWeftDatabase(database.Options);
        sc.AddWeftFlow();
        configure?.Invoke(sc);
        return sc.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await Database.DisposeAsync();
    }
}
