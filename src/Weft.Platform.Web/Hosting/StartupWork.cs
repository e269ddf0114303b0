using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Weft.Platform.Tenancy;

namespace Weft.Platform.Web.Hosting;

/// <summary>
/// Creates or upgrades every module's tables (in module-list order), seeds the demo tenant in demo
/// mode, then runs each module's start-up work. Runs in StartingAsync, before the server accepts a
/// request or any other hosted service starts.
/// </summary>
internal sealed class StartupWork(IServiceProvider services, ModuleList modules, IConfiguration config, IHostEnvironment env)
    : IHostedLifecycleService
{
    public const string DemoTenant = "demo";

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await MigrateAsync(services, modules, cancellationToken);
        var demo = WeftApplication.DemoEnabled(config, env);
        if (demo)
        {
            var tenant = await services.GetRequiredService<ITenantDirectory>().EnsureAsync(DemoTenant, "Weft demo", cancellationToken);
            foreach (var module in modules.Modules) await module.SeedDemoAsync(services, tenant, cancellationToken);
        }
        foreach (var module in modules.Modules) await module.StartAsync(services, demo, cancellationToken);
    }

    public static async Task MigrateAsync(IServiceProvider services, ModuleList modules, CancellationToken ct)
    {
        foreach (var store in modules.Modules.SelectMany(m => m.Stores)) await store.MigrateAsync(services, ct: ct);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
