using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Weft.Platform.Changes;
using Weft.Platform.Tenancy;

namespace Weft.Flow.Web.Runtime;

/// <summary>
/// Fires the engine's durable timers and runs the periodic assignment sweep, tenant by tenant (each
/// pass runs inside one tenant, like every other engine command). It knows each tenant's next due
/// time and sleeps until the earliest: a commit in this process that writes timers wakes it to read
/// that tenant's next due time again, and every <c>Weft:Runtime:TickMilliseconds</c> it reads them
/// all, for timers other processes wrote. Reading is cheap; a write transaction is opened only when
/// something is due. Timers live in the database, so a restarted host picks up whatever fell due
/// while it was down.
/// </summary>
internal sealed class FlowTimerService(
    FlowEngines engines, ITenantDirectory tenants, TimeProvider clock, CommitSignals signals, IConfiguration config, ILogger<FlowTimerService> logger)
    : BackgroundService
{
    private static readonly HashSet<string> TimerTables = ["flow_timers"];
    private readonly ConcurrentDictionary<long, byte> timersChanged = new();
    private TaskCompletionSource wakeUp = NewSignal();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lookEvery = TimeSpan.FromMilliseconds(config.GetValue("Weft:Runtime:TickMilliseconds", 5000));
        var sweepEvery = TimeSpan.FromSeconds(config.GetValue("Weft:Runtime:SweepSeconds", 30));
        var keepKeys = TimeSpan.FromHours(config.GetValue("Weft:Runtime:IdempotencyKeyHours", 24.0));
        var nextDue = new Dictionary<long, DateTime?>();
        DateTimeOffset lastSweep = DateTimeOffset.MinValue, lastLook = DateTimeOffset.MinValue;
        signals.Committed += OnCommitted;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // Commits from here on wake the next wait, so none is missed while this pass runs.
                var signal = NewSignal();
                Volatile.Write(ref wakeUp, signal);
                var now = clock.GetUtcNow();
                var sweep = now - lastSweep >= sweepEvery;
                var look = now - lastLook >= lookEvery;
                try
                {
                    foreach (var tenant in await tenants.TenantIdsAsync(stoppingToken))
                    {
                        var known = nextDue.TryGetValue(tenant, out var due);
                        var stale = look || !known || timersChanged.TryRemove(tenant, out _);
                        var isDue = due is { } at && at <= now.UtcDateTime;
                        if (!stale && !isDue && !sweep) continue;
                        nextDue[tenant] = await PassAsync(engines.For(tenant), isDue, sweep, keepKeys, stoppingToken) ?? due;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Timer pass failed; retrying on the next look");
                }
                if (sweep) lastSweep = now;
                if (look) lastLook = now;
                var wait = Min(lastLook + lookEvery, lastSweep + sweepEvery, nextDue.Values.Min()) - clock.GetUtcNow();
                if (wait > TimeSpan.Zero) await WaitAsync(wait, signal.Task, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            signals.Committed -= OnCommitted;
        }
    }

    /// <summary>Fires what is due, sweeps if asked, and answers the tenant's next due time (null: on failure, keep the old).</summary>
    private async Task<DateTime?> PassAsync(FlowEngine engine, bool due, bool sweep, TimeSpan keepKeys, CancellationToken ct)
    {
        try
        {
            if (!due)
            {
                var next = await engine.Upkeep.NextTimerDueAsync(ct) ?? DateTime.MaxValue;
                if (next > clock.GetUtcNow().UtcDateTime && !sweep) return next;
                due = next <= clock.GetUtcNow().UtcDateTime;
            }
            if (due)
            {
                while ((await engine.Upkeep.RunDueTimersAsync(ct)).TimersFired >= 200)
                {
                }
            }
            if (sweep)
            {
                await engine.Upkeep.SweepAsync(ct);
                await engine.Upkeep.PurgeIdempotencyKeysAsync(keepKeys, ct);
            }
            return await engine.Upkeep.NextTimerDueAsync(ct) ?? DateTime.MaxValue;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One tenant's failure does not hold up the others.
            logger.LogError(ex, "Timer pass failed for tenant {Tenant}; retrying on the next look", engine.TenantId);
            return null;
        }
    }

    private void OnCommitted(ChangeNotice notice)
    {
        if (!notice.Touches(TimerTables)) return;
        timersChanged[notice.Tenant] = 0;
        Volatile.Read(ref wakeUp).TrySetResult();
    }

    private async Task WaitAsync(TimeSpan wait, Task woken, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(wait, clock, stop.Token);
        await Task.WhenAny(delay, woken);
        await stop.CancelAsync();
        ct.ThrowIfCancellationRequested();
    }

    private static DateTimeOffset Min(DateTimeOffset look, DateTimeOffset sweep, DateTime? due)
    {
        var earliest = look < sweep ? look : sweep;
        return due is { } at && at < DateTime.MaxValue && new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) < earliest
            ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc))
            : earliest;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
