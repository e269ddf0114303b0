using Microsoft.Extensions.DependencyInjection;

namespace Weft.Flow.Automation;

public static class AutomationServiceCollectionExtensions
{
    /// <summary>
    /// Lets <typeparamref name="THandler"/> do the work items held by the <c>service</c> or <c>ai</c> agent
    /// <paramref name="agent"/>, or those of any automated agent at nodes of <paramref name="capability"/>.
    /// </summary>
    public static IServiceCollection AddAgentHandler<THandler>(this IServiceCollection services, string? agent = null, string? capability = null)
        where THandler : class, IAgentHandler
    {
        Registry(services).Add(typeof(THandler), agent, capability);
        services.AddScoped<THandler>();
        return services;
    }

    /// <summary>Lets <typeparamref name="THandler"/> do the work items held by any agent of <paramref name="kind"/> (e.g. every <c>ai</c> agent).</summary>
    public static IServiceCollection AddAgentKindHandler<THandler>(this IServiceCollection services, string kind)
        where THandler : class, IAgentHandler
    {
        Registry(services).AddKind(typeof(THandler), kind);
        services.AddScoped<THandler>();
        return services;
    }

    internal static AgentHandlerRegistry Registry(IServiceCollection services)
    {
        if (services.FirstOrDefault(d => d.ServiceType == typeof(AgentHandlerRegistry))?.ImplementationInstance is AgentHandlerRegistry existing)
            return existing;
        var registry = new AgentHandlerRegistry();
        services.AddSingleton(registry);
        return registry;
    }
}
