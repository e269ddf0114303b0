using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Weft.Platform.Tenancy;

namespace Weft.Flow.Web.Runtime;

/// <summary>
/// Fires the engine's durable timers and runs the periodic assignment sweep, tenant by tenant (each
/// pass runs inside one tenant, like every other engine command). Timers live in the database, so a
/// restarted host picks up whatever fell due while it was down.
/// </summary>
internal sealed class FlowTimerService(FlowEngines engines, ITenantDirectory tenants, TimeProvider clock, IConfiguration config, ILogger<FlowTimerService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tick = TimeSpan.FromMilliseconds(config.GetValue("Weft:Runtime:TickMilliseconds", 1000));
        var sweepEvery = TimeSpan.FromSeconds(config.GetValue("Weft:Runtime:SweepSeconds", 30));
        var keepKeys = TimeSpan.FromHours(config.GetValue("Weft:Runtime:IdempotencyKeyHours", 24.0));
        var lastSweep = DateTimeOffset.MinValue;
        using var timer = new PeriodicTimer(tick, clock);
        do
        {
            var sweep = clock.GetUtcNow() - lastSweep >= sweepEvery;
            try
            {
                foreach (var tenant in await tenants.TenantIdsAsync(stoppingToken))
                    await PassAsync(engines.For(tenant), sweep, keepKeys, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Timer pass failed; retrying on the next tick");
            }
            if (sweep) lastSweep = clock.GetUtcNow();
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task PassAsync(FlowEngine engine, bool sweep, TimeSpan keepKeys, CancellationToken ct)
    {
        try
        {
            while ((await engine.RunDueTimersAsync(ct)).TimersFired >= 200)
            {
            }
            if (sweep)
            {
                await engine.SweepAsync(ct);
                await engine.PurgeIdempotencyKeysAsync(keepKeys, ct);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One tenant's failure does not hold up the others.
            logger.LogError(ex, "Timer pass failed for tenant {Tenant}; retrying on the next tick", engine.TenantId);
        }
    }
}
