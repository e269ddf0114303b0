using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Weft.Flow.Automation;
using Weft.Flow.Runtime;

namespace Weft.Flow;

public static class FlowServiceCollectionExtensions
{
    /// <summary>
    /// The engine: <see cref="FlowEngines"/> hands out a tenant's <see cref="FlowEngine"/>. Needs the
    /// platform's database options registered (<c>AddWeftDatabase</c>).
    /// </summary>
    public static IServiceCollection AddWeftFlow(this IServiceCollection services)
    {
        FlowStore.Tables.Register(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DefinitionCache>();
        services.AddSingleton<FlowRuntime>();
        services.AddSingleton(sp => new FlowEngines(sp.GetRequiredService<FlowRuntime>()));
        AutomationServiceCollectionExtensions.Registry(services);
        services.AddSingleton<AutomationRunner>();
        return services;
    }
}
