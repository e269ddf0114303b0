using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Weft.Market.Visibility;
using Weft.Platform.Errors;
using Weft.Platform.Tenancy;
using Weft.Platform.Web.Mail;

namespace Weft.Market.Messages;

/// <summary>
/// Sends the meetings' invitation mails waiting in a tenant's outbox (<see cref="Persistence.MeetingMailRecord"/>) through
/// the platform's mailer, the .ics attached as <c>text/calendar; method=…</c>. Each mail is leased before it is sent
/// (another host skips it), marked sent once the server took it, and on failure tried again later, less often each time,
/// until it is marked failed with the server's reason. A crash between sending and marking sends it again: at least once,
/// never lost.
/// </summary>
internal sealed class MeetingMail(MarketDb data, Mailer mailer, ILogger<MeetingMail> logger)
{
    public const int MaxAttempts = 8;
    public const int Batch = 50;
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim wake = new(0, 1);

    /// <summary>Tells the sender that mail is waiting (after a commit), so it need not wait for its next round.</summary>
    public void Wake()
    {
        if (wake.CurrentCount == 0)
        {
            try
            {
                wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already woken.
            }
        }
    }

    public async Task WaitAsync(TimeSpan interval, CancellationToken ct) => await wake.WaitAsync(interval, ct);

    /// <summary>Sends what is due now; returns how many were sent.</summary>
    public async Task<int> SendDueAsync(long tenant, CancellationToken ct)
    {
        List<long> due;
        await using (var db = await data.OpenAsync(tenant, MarketViewer.System, ct))
        {
            var now = data.Now;
            due = await db.MeetingMails.AsNoTracking().Where(m => m.State == MailStates.Pending && m.DueAt <= now)
                .OrderBy(m => m.Id).Select(m => m.Id).Take(Batch).ToListAsync(ct);
        }
        var sent = 0;
        foreach (var id in due)
        {
            var mail = await LeaseAsync(tenant, id, ct);
            if (mail is null) continue;
            string? error = null;
            try
            {
                await mailer.SendAsync(mail.Recipient, mail.Subject, mail.Body,
                    [new MailAttachment("invite.ics", $"text/calendar; method={mail.Method}; charset=utf-8", Encoding.UTF8.GetBytes(mail.Ics))], ct);
            }
            catch (WeftException e) when (e.Code is "mail_failed" or "mail_not_configured")
            {
                error = e.Message;
            }
            catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
            {
                // A recipient address the mail library refuses: trying again will not help, but it is recorded the same way.
                error = e.Message;
            }
            if (error is not null) logger.LogWarning("Meeting mail {Mail} of tenant {Tenant} was not sent: {Reason}", id, tenant, error);
            await RecordAsync(tenant, id, error, ct);
            if (error is null) sent++;
        }
        return sent;
    }

    private async Task<Persistence.MeetingMailRecord?> LeaseAsync(long tenant, long id, CancellationToken ct) =>
        await data.ChangeAsync(tenant, MarketViewer.System, async db =>
        {
            var now = data.Now;
            var taken = await db.MeetingMails.Where(m => m.Id == id && m.State == MailStates.Pending && m.DueAt <= now)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.DueAt, now + Lease).SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
            return taken == 0 ? null : await db.MeetingMails.AsNoTracking().FirstAsync(m => m.Id == id, ct);
        }, ct);

    /// <summary>Sent, or tried again after a pause that doubles each time (1, 2, 4 … minutes), until it is given up as failed.</summary>
    private Task RecordAsync(long tenant, long id, string? error, CancellationToken ct) =>
        data.ChangeAsync(tenant, MarketViewer.System, async db =>
        {
            var mail = await db.MeetingMails.FirstAsync(m => m.Id == id, ct);
            if (error is null)
            {
                mail.State = MailStates.Sent;
                mail.SentAt = data.Now;
                mail.DueAt = null;
                mail.Error = null;
            }
            else
            {
                mail.Error = error.Length <= 1000 ? error : error[..1000];
                if (mail.Attempts >= MaxAttempts)
                {
                    mail.State = MailStates.Failed;
                    mail.DueAt = null;
                }
                else mail.DueAt = data.Now.AddMinutes(Math.Pow(2, mail.Attempts - 1));
            }
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);
}

/// <summary>
/// Sends the meetings' invitation mails, tenant by tenant, when a change wakes it and at least every
/// <c>Weft:Market:Mail:IntervalSeconds</c> (30) for the retries; registered only when <c>Weft:Runtime:Enabled</c> is true.
/// </summary>
internal sealed class MeetingMailService(ITenantDirectory tenants, MeetingMail outbox, IConfiguration configuration, ILogger<MeetingMailService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Weft:Market:Mail:IntervalSeconds", 30)));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var tenant in await tenants.TenantIdsAsync(stoppingToken))
                {
                    try
                    {
                        await outbox.SendDueAsync(tenant, stoppingToken);
                    }
                    catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                    {
                        logger.LogError(e, "Sending meeting mails failed for tenant {Tenant}", tenant);
                    }
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Sending meeting mails failed");
            }
            try
            {
                await outbox.WaitAsync(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
