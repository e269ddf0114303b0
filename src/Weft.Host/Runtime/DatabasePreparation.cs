using Weft.Flow;
using Weft.Platform.Persistence;
using Weft.Host.Security;

namespace Weft.Host.Runtime;

/// <summary>
/// Creates or upgrades the database, then makes sure someone can sign in (and seeds the demo when
/// demo mode is on). Runs in StartingAsync, before the server accepts a request or any other service starts.
/// </summary>
internal sealed class DatabasePreparation(IServiceProvider services, DatabaseOptions database, SecurityBootstrap security, IConfiguration config, IHostEnvironment env)
    : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await DatabaseSetup.PrepareAsync(database, cancellationToken);
        await FlowStore.Tables.MigrateAsync(services, ct: cancellationToken);
        await security.MigrateAsync(cancellationToken);
        await security.RunAsync(DemoEnabled(config, env), cancellationToken);
    }

    /// <summary>Demo mode: on when started with <c>dotnet run</c> (Development), off otherwise unless <c>Weft:Demo:Enabled</c> says so.</summary>
    public static bool DemoEnabled(IConfiguration config, IHostEnvironment env) => config.GetValue("Weft:Demo:Enabled", env.IsDevelopment());

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
