namespace Weft.Platform.Webhooks;

internal static class WebhookMapping
{
    public static WebhookSubscriptionDto ToDto(this WebhookSubscription s) => new(
        s.Id, s.Description, s.Format,
        s.Format == WebhookFormats.Email ? null : s.Target,
        s.Format == WebhookFormats.Email ? s.Target : null,
        WebhookEventTypes.Split(s.EventTypes), s.Active,
        // Enough to tell secrets apart, too little to sign with.
        s.Secret.Length > 12 ? s.Secret[..12] + "…" : "", s.CreatedBy, s.CreatedAt, s.UpdatedAt);

    public static WebhookDeliveryDto ToDto(this WebhookDelivery d) => new(
        d.Id, d.SubscriptionId, d.EventType, d.MessageId, d.State, d.Attempts, d.OccurredAt, d.NextAttemptAt, d.LastStatus, d.LastError,
        d.CreatedAt, d.UpdatedAt, d.DeliveredAt, d.Body);

    public static WebhookAttemptDto ToDto(this WebhookAttempt a) => new(
        a.Id, a.DeliveryId, a.Number, a.StartedAt, a.DurationMs, a.StatusCode, a.Succeeded, a.Error, a.ResponseExcerpt);
}
