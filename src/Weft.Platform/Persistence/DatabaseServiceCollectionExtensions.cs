using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Weft.Platform.Persistence;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>The database every module's stores use.</summary>
    public static IServiceCollection AddWeftDatabase(this IServiceCollection services, DatabaseOptions database)
    {
        services.AddSingleton(database.Validated());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<Transactions>();
        return services;
    }
}
