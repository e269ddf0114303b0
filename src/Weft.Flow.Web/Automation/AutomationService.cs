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
/// process touched work items, and every <c>Weft:Automation:PollMilliseconds</c> for work made elsewhere,
/// retries that came due and runs whose process died. Items already running here hold their lease.
/// </summary>
internal sealed class AutomationService(
    AutomationRunner runner, ITenantDirectory tenants, CommitSignals signals, IConfiguration config, ILogger<AutomationService> logger)
    : BackgroundService
{
    private readonly Channel<bool> wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly ConcurrentDictionary<Task, bool> running = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromMilliseconds(config.GetValue("Weft:Automation:PollMilliseconds", 1000));
        signals.Committed += OnCommitted;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    foreach (var tenant in await tenants.TenantIdsAsync(stoppingToken))
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
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
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
        if (notice.Tables.Contains("flow_work_items")) wake.Writer.TryWrite(true);
    }
}
