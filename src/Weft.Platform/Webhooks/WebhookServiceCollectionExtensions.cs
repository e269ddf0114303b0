using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Weft.Platform.Changes;
using Weft.Platform.Events;
using Weft.Platform.Persistence;
using Weft.Platform.Tenancy;

namespace Weft.Platform.Webhooks;

public static class WebhookServiceCollectionExtensions
{
    /// <summary>
    /// Offers <typeparamref name="TEvent"/> (an integration event, named by its <see cref="IntegrationEventAttribute"/>) to
    /// the tenants' webhooks: once published, it is sent to every active subscription that lists it (or <c>*</c>), in
    /// the subscription's format, at least once. Call it from the module's <c>AddServices</c>; calling it twice is once.
    /// </summary>
    public static IServiceCollection AddWebhookEvent<TEvent>(this IServiceCollection services) where TEvent : class
    {
        var name = IntegrationEventRegistry.NameOf(typeof(TEvent));
        if (!Catalog(services).Add(name)) return services;
        DatabaseServiceCollectionExtensions.Registry(services).Subscribe<TEvent, WebhookFanOut<TEvent>>(HandlerPrefix + name);
        services.AddScoped<WebhookFanOut<TEvent>>();
        return services;
    }

    /// <summary>What the fan-out handlers' event deliveries are recorded as: <c>webhooks:&lt;event name&gt;</c>.</summary>
    public const string HandlerPrefix = "webhooks:";

    /// <summary>
    /// The webhook subscriptions and deliveries, and the sender, which runs in the background unless
    /// <c>Weft:Runtime:Enabled</c> is false. Settings under <c>Weft:Webhooks</c> (<see cref="WebhookOptions"/>).
    /// </summary>
    public static IServiceCollection AddWeftWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        var options = WebhookOptions.From(configuration);
        services.AddSingleton(options);
        Catalog(services);
        services.AddSingleton(sp => new WebhookSubscriptions(
            sp.GetRequiredService<IDbContextFactory<PlatformDbContext>>(), sp.GetRequiredService<Transactions>(),
            sp.GetRequiredService<WebhookEventCatalog>(), options, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new WebhookDeliveries(
            sp.GetRequiredService<IDbContextFactory<PlatformDbContext>>(), sp.GetRequiredService<Transactions>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new WebhookSender(
            sp.GetRequiredService<IDbContextFactory<PlatformDbContext>>(), sp.GetRequiredService<Transactions>(),
            sp.GetRequiredService<ITenantDirectory>, sp.GetService<IWebhookMail>(), options,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<WebhookSender>>()));
        if (options.SenderEnabled)
            services.AddSingleton<IHostedService>(sp => new WebhookSenderService(
                sp.GetRequiredService<WebhookSender>(), sp.GetRequiredService<CommitSignals>(), options, sp.GetRequiredService<ILogger<WebhookSenderService>>()));
        return services;
    }

    private static WebhookEventCatalog Catalog(IServiceCollection services)
    {
        if (services.FirstOrDefault(d => d.ServiceType == typeof(WebhookEventCatalog))?.ImplementationInstance is WebhookEventCatalog existing)
            return existing;
        var catalog = new WebhookEventCatalog();
        services.TryAddSingleton(catalog);
        return catalog;
    }
}
