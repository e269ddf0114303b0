using System.Text.Json;

namespace Weft.Platform.Webhooks;

/// <summary>What the <c>json</c> format posts: the event's stable id, its name, when it happened, the tenant and the event itself.</summary>
internal sealed record WebhookEnvelope(string Id, string Type, DateTime OccurredAt, long Tenant, JsonElement Data);
