using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Weft.Platform.Tenancy;

namespace Weft.Support.Email;

/// <summary>
/// The email channel's background work, tenant by tenant: send the replies due in the outbox, then read the support
/// inbox. Every <c>Weft:Support:Email:IntervalSeconds</c> (30); registered only when <c>Weft:Runtime:Enabled</c> is true.
/// </summary>
internal sealed class EmailChannelService(ITenantDirectory tenants, EmailOutbox outbox, MailboxPoller poller, IConfiguration configuration,
    ILogger<EmailChannelService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Weft:Support:Email:IntervalSeconds", 30)));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var tenant in await tenants.TenantIdsAsync(stoppingToken))
                {
                    // One tenant's failure (its database rows, its mail server) does not hold up the others.
                    try
                    {
                        await outbox.SendDueAsync(tenant, stoppingToken);
                        await poller.PollAsync(tenant, stoppingToken);
                    }
                    catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                    {
                        logger.LogError(e, "The email channel's round failed for tenant {Tenant}", tenant);
                    }
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // A database hiccup ends this round; the next one tries again.
                logger.LogError(e, "The email channel's round failed");
            }
            try
            {
                await Task.Delay(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
