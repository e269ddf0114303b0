using Weft.Platform.Tenancy;

namespace Weft.AI.Persistence;

/// <summary>One row per tenant: when its model catalogue was first filled (a tenant that empties it keeps it empty).</summary>
internal sealed class AiSettingsRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public DateTime CatalogueSeededAt { get; set; }
}
