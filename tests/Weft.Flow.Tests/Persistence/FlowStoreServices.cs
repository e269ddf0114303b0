using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Weft.Platform;
using Weft.Platform.Persistence;

namespace Weft.Flow.Tests.Persistence;

/// <summary>The flow module's services on a database whose tables are made, for tests that work with its contexts directly.</summary>
internal static class FlowStoreServices
{
    public static async Task<ServiceProvider> StartAsync(DatabaseOptions database)
    {
        var sc = new ServiceCollection();
        sc.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        sc.AddWeftDatabase(database);
        sc.AddWeftFlow();
        var services = sc.BuildServiceProvider();
        await PlatformStore.Tables.MigrateAsync(services);
        await FlowStore.Tables.MigrateAsync(services);
        return services;
    }
}
