using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Weft.Platform.Changes;

namespace Weft.Platform.Events;

/// <summary>
/// Runs the delivery in the background: at once when a transaction of this process published events,
/// and every <see cref="EventDeliveryOptions.Poll"/> for events published elsewhere, due for a retry, or
/// left behind by a process that stopped. Deliveries live in the database, so nothing is lost by a crash.
/// </summary>
internal sealed class EventDeliveryService(EventDispatcher dispatcher, CommitSignals signals, EventDeliveryOptions options, ILogger<EventDeliveryService> logger)
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
                    await dispatcher.DrainAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Event delivery pass failed; trying again shortly");
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
        if (notice.PublishedEvents) wake.Writer.TryWrite(true);
    }
}
