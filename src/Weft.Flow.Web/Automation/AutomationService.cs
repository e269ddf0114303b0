using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Weft.Flow.Automation;
using Weft.Platform.Changes;
using Weft.Platform.Tenancy;

namespace Weft.Flow.Web.Automation;

/// <summary>
/// Runs automated agents' work in the background, tenant by tenant: at once when a commit of this
/// process gave work to an agent whose handler runs here, and every <c>Weft:Automation:PollMilliseconds</c> for work made elsewhere,
/// retries that came due and runs whose process died. Items already running here hold their lease.
/// </summary>
internal sealed class AutomationService(
    AutomationRunner runner, ITenantDirectory tenants, CommitSignals signals, IConfiguration config, ILogger<AutomationService> logger)
    : BackgroundService
{
    private readonly Channel<bool> wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly ConcurrentDictionary<Task, bool> running = new();
    // Tenants where a commit of this process gave work to a handler here since the last look.
    private readonly ConcurrentDictionary<long, byte> touched = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromMilliseconds(config.GetValue("Weft:Automation:PollMilliseconds", 1000));
        signals.Committed += OnCommitted;
        var everyone = true;
        var lastLookAtEveryone = 0L;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    // Woken by a commit: only the tenants it touched; every poll interval: all of them (retries, expired leases, other processes' work).
                    everyone |= Environment.TickCount64 - lastLookAtEveryone >= (long)poll.TotalMilliseconds;
                    if (everyone) lastLookAtEveryone = Environment.TickCount64;
                    if (everyone) touched.Clear();
                    IReadOnlyList<long> due = everyone
                        ? await tenants.TenantIdsAsync(stoppingToken)
                        : touched.Keys.Where(tenant => touched.TryRemove(tenant, out _)).ToList();
                    foreach (var tenant in due)
                    {
                        foreach (var task in await runner.StartDueAsync(tenant, stoppingToken))
                        {
                            running[task] = true;
                            _ = task.ContinueWith(t => running.TryRemove(t, out _), TaskScheduler.Default);
                        }
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Starting automated work failed; trying again shortly");
                }
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                wait.CancelAfter(poll);
                try
                {
                    await wake.Reader.ReadAsync(wait.Token);
                    everyone = false;
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    everyone = true;
                }
            }
        }
        finally
        {
            signals.Committed -= OnCommitted;
            await Task.WhenAll(running.Keys);
        }
    }

    private void OnCommitted(ChangeNotice notice)
    {
        // Only commits that gave work to an agent a handler here does: any other commit has nothing for the runner.
        if (!notice.Topics.Contains(AutomationRunner.WorkAssignedTopic) && !notice.Tables.Contains(ChangeNotice.AnyTable)) return;
        touched[notice.Tenant] = 0;
        wake.Writer.TryWrite(true);
    }
}
