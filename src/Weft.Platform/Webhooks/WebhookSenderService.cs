using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Weft.Platform.Changes;

namespace Weft.Platform.Webhooks;

/// <summary>
/// Runs the sender in the background: at once when a commit of this process wrote webhook deliveries, and every
/// <see cref="WebhookOptions.Poll"/> for retries that fell due and deliveries written by other processes.
/// </summary>
internal sealed class WebhookSenderService(WebhookSender sender, CommitSignals signals, WebhookOptions options, ILogger<WebhookSenderService> logger)
    : BackgroundService
{
    private readonly Channel<bool> wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        signals.Committed += OnCommitted;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    // A full batch suggests more is due: go again without waiting.
                    while (await sender.SendDueAsync(stoppingToken) > 0 && !stoppingToken.IsCancellationRequested)
                    {
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Webhook sending pass failed; trying again shortly");
                }
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
        }
    }

    private void OnCommitted(ChangeNotice notice)
    {
        if (notice.Touches(WakingTables)) wake.Writer.TryWrite(true);
    }

    private static readonly IReadOnlySet<string> WakingTables = new HashSet<string>(StringComparer.Ordinal) { WebhookTables.Deliveries };
}
