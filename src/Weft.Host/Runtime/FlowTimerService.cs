using Weft.Flow;

namespace Weft.Host.Runtime;

/// <summary>
/// Fires the engine's durable timers and runs the periodic assignment sweep. Timers live in the
/// database, so a restarted host picks up whatever fell due while it was down.
/// </summary>
internal sealed class FlowTimerService(FlowEngine engine, TimeProvider clock, IConfiguration config, ILogger<FlowTimerService> logger)
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
            try
            {
                while ((await engine.RunDueTimersAsync(stoppingToken)).TimersFired >= 200)
                {
                }
                if (clock.GetUtcNow() - lastSweep >= sweepEvery)
                {
                    await engine.SweepAsync(stoppingToken);
                    await engine.PurgeIdempotencyKeysAsync(keepKeys, stoppingToken);
                    lastSweep = clock.GetUtcNow();
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Timer pass failed; retrying on the next tick");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
