using Weft.Flow;
using Weft.Host.Demo;

namespace Weft.Host.Runtime;

/// <summary>
/// Creates or upgrades the database, then seeds demo data the first time when demo mode is on.
/// Runs in StartingAsync, before the server accepts a request or any other service starts.
/// </summary>
internal sealed class DatabasePreparation(
    FlowDatabase database, FlowEngine engine, TimeProvider clock, IConfiguration config, IHostEnvironment env, ILogger<DatabasePreparation> logger)
    : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await database.MigrateAsync(ct: cancellationToken);
        if (config.GetValue("Weft:Demo:Enabled", env.IsDevelopment()))
            await DemoData.SeedAsync(engine, clock, logger);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
