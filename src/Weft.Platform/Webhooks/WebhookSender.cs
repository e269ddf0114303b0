using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Weft.Platform.Events;
using Weft.Platform.Persistence;
using Weft.Platform.Tenancy;

namespace Weft.Platform.Webhooks;

/// <summary>
/// Sends the deliveries that are due, tenant by tenant: each is first claimed (its next attempt moved past the
/// request's timeout, in a short transaction, so another pass or process leaves it alone and a crash only delays it),
/// then posted outside any transaction, several at once so that one slow receiver holds up no other, and its attempt
/// logged. A 2xx answer delivers it; anything else is retried with exponential backoff and jitter, and after
/// <see cref="WebhookOptions.MaxAttempts"/> tries it has failed.
/// </summary>
public sealed class WebhookSender
{
    public const string EventHeader = "Weft-Event";
    public const string DeliveryHeader = "Weft-Delivery";

    private const int Batch = 100;
    private const int ExcerptLength = 1000;

    private readonly IDbContextFactory<PlatformDbContext> contexts;
    private readonly Transactions transactions;
    private readonly Func<ITenantDirectory> tenants;
    private readonly IWebhookMail? mail;
    private readonly WebhookOptions options;
    private readonly TimeProvider clock;
    private readonly ILogger<WebhookSender> logger;
    private readonly HttpClient http;

    internal WebhookSender(
        IDbContextFactory<PlatformDbContext> contexts, Transactions transactions, Func<ITenantDirectory> tenants, IWebhookMail? mail,
        WebhookOptions options, TimeProvider clock, ILogger<WebhookSender> logger)
    {
        this.contexts = contexts;
        this.transactions = transactions;
        this.tenants = tenants;
        this.mail = mail;
        this.options = options;
        this.clock = clock;
        this.logger = logger;
        http = WebhookHttp.Create(options.AllowPrivateNetworks);
    }

    /// <summary>Sends every delivery due now (what the background sender runs, and what tests call); returns how many were attempted.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        var claims = await ClaimDueAsync(int.MaxValue, ct);
        await Parallel.ForEachAsync(claims, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = ct },
            async (claim, token) => await SendAsync(claim, token));
        return claims.Count;
    }

    /// <summary>Claims up to <paramref name="max"/> due deliveries, tenant by tenant; the background sender sends each as a slot frees.</summary>
    internal async Task<List<WebhookClaim>> ClaimDueAsync(int max, CancellationToken ct)
    {
        var claims = new List<WebhookClaim>();
        foreach (var tenant in await tenants().TenantIdsAsync(ct))
        {
            if (claims.Count >= max) break;
            claims.AddRange(await ClaimAsync(tenant, Math.Min(Batch, max - claims.Count), ct));
        }
        return claims;
    }

    private async Task<List<WebhookClaim>> ClaimAsync(long tenant, int take, CancellationToken ct)
    {
        // A read first: most passes find nothing, and a write transaction per tenant would make every pass take SQLite's writer turn.
        await using (var read = await contexts.CreateDbContextAsync(ct))
        {
            read.TenantId = tenant;
            var at = clock.GetUtcNow().UtcDateTime;
            if (!await read.WebhookDeliveries.AnyAsync(d => d.State == WebhookDeliveryStates.Pending && d.NextAttemptAt <= at
                    && read.WebhookSubscriptions.Any(s => s.Id == d.SubscriptionId && s.Active), ct))
                return [];
        }
        return await transactions.RunAsync(tenant, async unit =>
        {
            var db = await unit.JoinAsync(await contexts.CreateDbContextAsync(ct), ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var due = db.WebhookDeliveries
                .Where(d => d.State == WebhookDeliveryStates.Pending && d.NextAttemptAt <= now)
                .Where(d => db.WebhookSubscriptions.Any(s => s.Id == d.SubscriptionId && s.Active));
            List<WebhookDelivery> rows;
            if (db.IsPostgres)
            {
                // Another process claiming at the same moment skips these rows rather than waiting for them.
                var ids = await db.Database.SqlQuery<long>($"""
                    SELECT d.id AS "Value" FROM platform_webhook_deliveries d
                    JOIN platform_webhook_subscriptions s ON s.id = d.subscription_id AND s.active
                    WHERE d.tenant_id = {tenant} AND d.state = 'pending' AND d.next_attempt_at <= {now}
                    ORDER BY d.id LIMIT {take} FOR UPDATE OF d SKIP LOCKED
                    """).ToListAsync(ct);
                rows = await db.WebhookDeliveries.Where(d => ids.Contains(d.Id)).OrderBy(d => d.Id).ToListAsync(ct);
            }
            else
            {
                rows = await due.OrderBy(d => d.Id).Take(take).ToListAsync(ct);
            }
            if (rows.Count == 0) return [];
            var subscriptionIds = rows.Select(r => r.SubscriptionId).Distinct().ToList();
            var subscriptions = await db.WebhookSubscriptions.AsNoTracking().Where(s => subscriptionIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
            // Past the timeout and a margin: if this process stops mid-send, the delivery is tried again then.
            var lease = now + options.Timeout + TimeSpan.FromMinutes(1);
            foreach (var row in rows) row.NextAttemptAt = lease;
            await db.SaveChangesAsync(ct);
            return rows.Select(r =>
            {
                var s = subscriptions[r.SubscriptionId];
                return new WebhookClaim(tenant, r.Id, r.EventType, r.Body, s.Format, s.Target, s.Secret);
            }).ToList();
        }, ct);
    }

    /// <summary>Posts (or mails) one claimed delivery and logs the attempt.</summary>
    internal async Task SendAsync(WebhookClaim claim, CancellationToken ct)
    {
        var started = clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        WebhookOutcome outcome;
        try
        {
            outcome = claim.Format == WebhookFormats.Email ? await MailAsync(claim, ct) : await PostAsync(claim, started, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            outcome = new WebhookOutcome(false, null, $"{e.GetType().Name}: {e.Message}", null);
        }
        watch.Stop();
        await RecordAsync(claim, started.UtcDateTime, (int)Math.Min(int.MaxValue, watch.ElapsedMilliseconds), outcome, ct);
    }

    private async Task<WebhookOutcome> PostAsync(WebhookClaim claim, DateTimeOffset at, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, claim.Target)
        {
            Content = new StringContent(claim.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation(WebhookSignature.Header, WebhookSignature.Create(claim.Secret, claim.Body, at));
        request.Headers.TryAddWithoutValidation(EventHeader, claim.EventType);
        request.Headers.TryAddWithoutValidation(DeliveryHeader, claim.Delivery.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("User-Agent", "Weft-Webhooks/1");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Timeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var excerpt = await ExcerptAsync(response, timeout.Token);
            var status = (int)response.StatusCode;
            var ok = status is >= 200 and < 300;
            return new WebhookOutcome(ok, status, ok ? null : $"The receiver answered {status}.", excerpt);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new WebhookOutcome(false, null, $"No answer within {options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.", null);
        }
    }

    private static async Task<string?> ExcerptAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[ExcerptLength * 4];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), ct)) > 0) read += n;
        if (read == 0) return null;
        var text = Encoding.UTF8.GetString(buffer, 0, read).Replace("\0", "", StringComparison.Ordinal);
        return text.Length <= ExcerptLength ? text : text[..ExcerptLength];
    }

    private async Task<WebhookOutcome> MailAsync(WebhookClaim claim, CancellationToken ct)
    {
        if (mail is null) return new WebhookOutcome(false, null, "No mail sender is configured in this host.", null);
        var message = JsonSerializer.Deserialize<WebhookEmail>(claim.Body, WebhookBodies.Json) ?? throw new InvalidOperationException("The email is empty.");
        await mail.SendAsync(claim.Target, message.Subject, message.Text, ct);
        return new WebhookOutcome(true, null, null, null);
    }

    private async Task RecordAsync(WebhookClaim claim, DateTime started, int durationMs, WebhookOutcome outcome, CancellationToken ct)
    {
        var final = await transactions.RunAsync(claim.Tenant, async unit =>
        {
            var db = await unit.JoinAsync(await contexts.CreateDbContextAsync(ct), ct);
            // Deleted with its subscription meanwhile: nothing to record.
            if (await db.WebhookDeliveries.FirstOrDefaultAsync(d => d.Id == claim.Delivery, ct) is not { } d) return null;
            var now = clock.GetUtcNow().UtcDateTime;
            d.Attempts++;
            d.Tries++;
            db.WebhookAttempts.Add(new WebhookAttempt
            {
                DeliveryId = d.Id,
                Number = d.Attempts,
                StartedAt = started,
                DurationMs = durationMs,
                StatusCode = outcome.Status,
                Succeeded = outcome.Succeeded,
                Error = Cut(outcome.Error, 2000),
                ResponseExcerpt = outcome.Excerpt,
            });
            d.LastStatus = outcome.Status;
            d.LastError = Cut(outcome.Error, 2000);
            d.UpdatedAt = now;
            if (outcome.Succeeded)
            {
                d.State = WebhookDeliveryStates.Delivered;
                d.DeliveredAt = now;
            }
            else if (d.Tries >= options.MaxAttempts)
            {
                d.State = WebhookDeliveryStates.Failed;
            }
            else
            {
                d.NextAttemptAt = now + options.Backoff(d.Tries, Random.Shared.NextDouble());
            }
            await db.SaveChangesAsync(ct);
            return d.State;
        }, ct);
        if (final == WebhookDeliveryStates.Failed)
            logger.LogWarning("Webhook delivery {Delivery} to {Format} failed {Tries} times and is given up: {Error}", claim.Delivery, claim.Format, options.MaxAttempts, outcome.Error);
    }

    private static string? Cut(string? s, int max) => s is null || s.Length <= max ? s : s[..max];
}
