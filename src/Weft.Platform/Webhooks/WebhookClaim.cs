namespace Weft.Platform.Webhooks;

/// <summary>A due delivery the sender has claimed, with what sending it needs from its subscription.</summary>
internal sealed record WebhookClaim(long Tenant, long Delivery, string EventType, string Body, string Format, string Target, string Secret);
