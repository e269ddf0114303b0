namespace Weft.Platform.Webhooks;

/// <summary>
/// A subscription as created or replaced (PUT): <c>format</c> one of <see cref="WebhookFormats.All"/>; <c>url</c> for the
/// http formats or <c>email</c> for the email format; <c>events</c> event names or <c>["*"]</c>; <c>active</c> defaults to true.
/// </summary>
public sealed record WebhookSubscriptionRequest(string? Format, string? Url, string? Email, IReadOnlyList<string>? Events, bool? Active, string? Description);

public sealed record WebhookSubscriptionDto(
    long Id, string Description, string Format, string? Url, string? Email, IReadOnlyList<string> Events, bool Active,
    string SecretStart, string CreatedBy, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>A subscription with its signing secret: answered when it is created or its secret rotated, and never again.</summary>
public sealed record WebhookSecretDto(WebhookSubscriptionDto Subscription, string Secret);

public sealed record WebhookDeliveryDto(
    long Id, long SubscriptionId, string EventType, long? MessageId, string State, int Attempts, DateTime OccurredAt,
    DateTime NextAttemptAt, int? LastStatus, string? LastError, DateTime CreatedAt, DateTime UpdatedAt, DateTime? DeliveredAt, string Body);

public sealed record WebhookAttemptDto(
    long Id, long DeliveryId, int Number, DateTime StartedAt, int DurationMs, int? StatusCode, bool Succeeded, string? Error, string? ResponseExcerpt);
