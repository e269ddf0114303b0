using Weft.Platform.Tenancy;

namespace Weft.Platform.Webhooks;

/// <summary>Where a tenant wants some of its integration events sent, and in which shape.</summary>
internal sealed class WebhookSubscription : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public string Description { get; set; } = "";
    /// <summary>An absolute http(s) URL, or for the <c>email</c> format a recipient address.</summary>
    public string Target { get; set; } = "";
    public string Format { get; set; } = WebhookFormats.Json;
    /// <summary>Event names separated by spaces, or <c>*</c> for every event offered to webhooks.</summary>
    public string EventTypes { get; set; } = WebhookEventTypes.Any;
    public bool Active { get; set; } = true;
    /// <summary>Kept as is: signing needs it, so it cannot be hashed like an API key.</summary>
    public string Secret { get; set; } = "";
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
