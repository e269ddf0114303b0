using Weft.Platform.Tenancy;

namespace Weft.Platform.Webhooks;

/// <summary>One try at a delivery: what the receiver answered, or why there was no answer.</summary>
internal sealed class WebhookAttempt : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long DeliveryId { get; set; }
    public int Number { get; set; }
    public DateTime StartedAt { get; set; }
    public int DurationMs { get; set; }
    public int? StatusCode { get; set; }
    public bool Succeeded { get; set; }
    public string? Error { get; set; }
    public string? ResponseExcerpt { get; set; }
}
