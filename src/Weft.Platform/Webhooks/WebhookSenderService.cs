using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Weft.Platform.Changes;

namespace Weft.Platform.Webhooks;

/// <summary>
/// Runs the sender in the background: at once when a commit of this process wrote webhook deliveries, and every
/// <see cref="WebhookOptions.Poll"/> for retries that fell due and deliveries written by other processes. Each delivery
/// is sent in one of <see cref="WebhookOptions.Concurrency"/> slots and the loop claims more as soon as a slot frees,
/// without waiting for the others: a slow receiver holds its own slot, never the rest of the queue.
/// </summary>
internal sealed class WebhookSenderService(WebhookSender sender, CommitSignals signals, WebhookOptions options, ILogger<WebhookSenderService> logger)
    : BackgroundService
{
    private static readonly IReadOnlySet<string> WakingTables = new HashSet<string>(StringComparer.Ordinal) { WebhookTables.Deliveries };

    private readonly Channel<bool> wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(options.Concurrency);
        var sending = new List<Task>();
        signals.Committed += OnCommitted;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                sending.RemoveAll(t => t.IsCompleted);
                var free = slots.CurrentCount;
                var claimedAll = false;
                if (free > 0)
                {
                    try
                    {
                        var claims = await sender.ClaimDueAsync(free, stoppingToken);
                        foreach (var claim in claims)
                        {
                            await slots.WaitAsync(stoppingToken);
                            sending.Add(SendAsync(claim, slots, stoppingToken));
                        }
                        claimedAll = claims.Count == free;
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        logger.LogError(e, "Claiming webhook deliveries failed; trying again shortly");
                    }
                }
                // Every slot was filled, so more may be due: look again once one frees (its send wakes the loop).
                if (claimedAll && slots.CurrentCount > 0) continue;
                using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                poll.CancelAfter(options.Poll);
                try
                {
                    await wake.Reader.ReadAsync(poll.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                }
            }
        }
        finally
        {
            signals.Committed -= OnCommitted;
            // A send cut short by the stop keeps its claim: another process, or the next start, sends it when the claim lapses.
            try
            {
                await Task.WhenAll(sending);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private async Task SendAsync(WebhookClaim claim, SemaphoreSlim slots, CancellationToken ct)
    {
        try
        {
            await Task.Yield();
            await sender.SendAsync(claim, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Recording webhook delivery {Delivery} failed; it is tried again when its claim lapses", claim.Delivery);
        }
        finally
        {
            slots.Release();
            wake.Writer.TryWrite(true);
        }
    }

    private void OnCommitted(ChangeNotice notice)
    {
        if (notice.Touches(WakingTables)) wake.Writer.TryWrite(true);
    }
}
