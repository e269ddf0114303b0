using System.Net.Mail;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Weft.Platform.Audit;
using Weft.Platform.Errors;
using Weft.Platform.Events;
using Weft.Platform.Paging;
using Weft.Platform.Persistence;

namespace Weft.Platform.Webhooks;

/// <summary>
/// A tenant's webhook subscriptions, as its admins manage them: create (the secret is answered once), list, read,
/// replace, delete, rotate the secret, and send a test ping. Every change is in the audit trail, never the secret.
/// </summary>
public sealed class WebhookSubscriptions
{
    private readonly IDbContextFactory<PlatformDbContext> contexts;
    private readonly Transactions transactions;
    private readonly WebhookEventCatalog catalog;
    private readonly WebhookOptions options;
    private readonly TimeProvider clock;

    internal WebhookSubscriptions(
        IDbContextFactory<PlatformDbContext> contexts, Transactions transactions, WebhookEventCatalog catalog, WebhookOptions options, TimeProvider clock)
    {
        this.contexts = contexts;
        this.transactions = transactions;
        this.catalog = catalog;
        this.options = options;
        this.clock = clock;
    }

    /// <summary>The event names a subscription may list (besides <c>*</c>).</summary>
    public IReadOnlyCollection<string> Events => catalog.Names;

    public async Task<Page<WebhookSubscriptionDto>> ListAsync(long tenant, int? limit, string? cursor, CancellationToken ct = default)
    {
        var (take, after) = PageCursor.Parse(limit, cursor);
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.TenantId = tenant;
        var rows = await db.WebhookSubscriptions.AsNoTracking().Where(s => s.Id > after).OrderBy(s => s.Id).Take(take + 1).ToListAsync(ct);
        return PageCursor.Of(rows, take, s => s.Id, s => s.ToDto());
    }

    public async Task<WebhookSubscriptionDto> GetAsync(long tenant, long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.TenantId = tenant;
        return (await db.WebhookSubscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw NotFound(id)).ToDto();
    }

    public async Task<WebhookSecretDto> CreateAsync(long tenant, string actor, WebhookSubscriptionRequest request, CancellationToken ct = default)
    {
        var valid = Validate(request);
        var secret = WebhookSignature.NewSecret();
        return await ChangeAsync(tenant, async (db, now) =>
        {
            var s = new WebhookSubscription { Secret = secret, CreatedBy = Cut(actor, 256), CreatedAt = now };
            valid.ApplyTo(s, now);
            db.WebhookSubscriptions.Add(s);
            await db.SaveChangesAsync(ct);
            Audit(db, now, actor, "webhook_created", s);
            return new WebhookSecretDto(s.ToDto(), secret);
        }, ct);
    }

    public async Task<WebhookSubscriptionDto> UpdateAsync(long tenant, string actor, long id, WebhookSubscriptionRequest request, CancellationToken ct = default)
    {
        var valid = Validate(request);
        return await ChangeAsync(tenant, async (db, now) =>
        {
            var s = await db.WebhookSubscriptions.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw NotFound(id);
            // Pending deliveries were rendered in the subscription's format: another format would send them in the wrong shape.
            if (valid.Format != s.Format)
                throw FieldErrors.Of("format", $"A webhook's format stays {s.Format}: make a new webhook for another format.");
            valid.ApplyTo(s, now);
            db.WebhookSubscriptions.Update(s);
            Audit(db, now, actor, "webhook_updated", s);
            return s.ToDto();
        }, ct);
    }

    /// <summary>Deletes the subscription with its deliveries and their log.</summary>
    public Task<WebhookSubscriptionDto> DeleteAsync(long tenant, string actor, long id, CancellationToken ct = default) =>
        ChangeAsync(tenant, async (db, now) =>
        {
            var s = await db.WebhookSubscriptions.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw NotFound(id);
            db.WebhookSubscriptions.Remove(s);
            Audit(db, now, actor, "webhook_deleted", s);
            return s.ToDto();
        }, ct);

    /// <summary>A new secret replaces the old one at once: deliveries sent from now on are signed with it.</summary>
    public Task<WebhookSecretDto> RotateSecretAsync(long tenant, string actor, long id, CancellationToken ct = default)
    {
        var secret = WebhookSignature.NewSecret();
        return ChangeAsync(tenant, async (db, now) =>
        {
            var s = await db.WebhookSubscriptions.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw NotFound(id);
            s.Secret = secret;
            s.UpdatedAt = now;
            db.WebhookSubscriptions.Update(s);
            Audit(db, now, actor, "webhook_secret_rotated", s);
            return new WebhookSecretDto(s.ToDto(), secret);
        }, ct);
    }

    /// <summary>Queues a <c>webhook.ping</c> delivery to the subscription, sent like any other (signed, retried, logged).</summary>
    public Task<WebhookDeliveryDto> PingAsync(long tenant, string actor, long id, CancellationToken ct = default) =>
        ChangeAsync(tenant, async (db, now) =>
        {
            var s = await db.WebhookSubscriptions.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw NotFound(id);
            if (!s.Active) throw WeftException.Conflict("webhook_inactive", $"Webhook {id} is inactive: activate it to send it a ping.");
            var data = JsonSerializer.SerializeToElement(new { subscription = s.Id, message = "A test from Weft.", by = actor }, WebhookBodies.Json);
            var envelope = new WebhookEnvelope($"ping_{Guid.NewGuid():N}", WebhookEventTypes.Ping, now, tenant, data);
            var delivery = new WebhookDelivery
            {
                SubscriptionId = s.Id,
                EventType = WebhookEventTypes.Ping,
                Body = WebhookBodies.Render(s.Format, envelope),
                OccurredAt = now,
                NextAttemptAt = now,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.WebhookDeliveries.Add(delivery);
            await db.SaveChangesAsync(ct);
            return delivery.ToDto();
        }, ct);

    private async Task<T> ChangeAsync<T>(long tenant, Func<PlatformDbContext, DateTime, Task<T>> change, CancellationToken ct) =>
        await transactions.RunAsync(tenant, async unit =>
        {
            var db = await unit.JoinAsync(await contexts.CreateDbContextAsync(ct), ct);
            var result = await change(db, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
            return result;
        }, ct);

    private static void Audit(PlatformDbContext db, DateTime now, string actor, string type, WebhookSubscription s) =>
        db.Publish(new AuditRecorded(type, now, actor, AuditRecorded.DataOf(new
        {
            webhook = s.Id, format = s.Format, target = s.Target, events = WebhookEventTypes.Split(s.EventTypes), active = s.Active,
        })), AuditRecorded.Stream);

    private static WeftException NotFound(long id) => WeftException.NotFound("webhook_not_found", $"Webhook {id} does not exist.");

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];

    /// <summary>Checks every field before anything changes; a wrong one is a 400 <c>validation_failed</c>.</summary>
    private Valid Validate(WebhookSubscriptionRequest r)
    {
        var errors = new FieldErrors();
        var format = r.Format?.Trim().ToLowerInvariant();
        if (format is null || !WebhookFormats.All.Contains(format))
            errors.Add("format", $"'format' is one of: {string.Join(", ", WebhookFormats.All)}.");
        string? target = null;
        if (format == WebhookFormats.Email)
        {
            if (r.Url is not null) errors.Add("url", "The email format sends to 'email', not to a URL.");
            if (string.IsNullOrWhiteSpace(r.Email) || r.Email.Length > 254 || !MailAddress.TryCreate(r.Email.Trim(), out var address) || address.Address != r.Email.Trim())
                errors.Add("email", "'email' is one email address.");
            else target = r.Email.Trim();
        }
        else if (format is not null)
        {
            if (r.Email is not null) errors.Add("email", $"The {format} format posts to 'url', not to an email address.");
            if (WebhookAddresses.ProblemWith(r.Url, options.AllowPrivateNetworks) is { } problem) errors.Add("url", problem);
            else target = r.Url!.Trim();
        }
        if (r.Events is not { Count: > 0 } events || events.Count > 100)
            errors.Add("events", "'events' lists 1-100 event names, or is [\"*\"] for every event.");
        else if (events.Any(e => e is null || (e != WebhookEventTypes.Any && !catalog.Contains(e))))
            errors.Add("events", $"'events' names events offered to webhooks: {string.Join(", ", catalog.Names.DefaultIfEmpty("(none)"))}, or is [\"*\"].");
        else if (events.Contains(WebhookEventTypes.Any) && events.Count > 1)
            errors.Add("events", "'*' stands alone: it means every event.");
        if (r.Description is { Length: > 200 }) errors.Add("description", "'description' is at most 200 characters.");
        errors.ThrowIfAny();
        return new Valid(format!, target!, WebhookEventTypes.Join(r.Events!), r.Active ?? true, r.Description?.Trim() ?? "");
    }

    private sealed record Valid(string Format, string Target, string Events, bool Active, string Description)
    {
        public void ApplyTo(WebhookSubscription s, DateTime now)
        {
            s.Format = Format;
            s.Target = Target;
            s.EventTypes = Events;
            s.Active = Active;
            s.Description = Description;
            s.UpdatedAt = now;
        }
    }
}
