using Weft.Platform.Persistence;
using Weft.Platform.Tenancy;

namespace Weft.AI.Persistence;

/// <summary>A model of the tenant's catalogue: who serves it, what it can hold and what it costs.</summary>
internal sealed class ModelRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    /// <summary>The name agents and the OpenAI-compatible endpoint use.</summary>
    public string Key { get; set; } = "";
    /// <summary>The protocol family it is served by (<see cref="Providers.ProviderKinds"/>).</summary>
    public string Kind { get; set; } = "";
    /// <summary>The provider that serves it; null: the tenant's first provider of <see cref="Kind"/>.</summary>
    public string? Provider { get; set; }
    /// <summary>The model's name at its provider.</summary>
    public string ProviderModel { get; set; } = "";
    /// <summary><see cref="Models.ModelPurposes"/>: chat or embeddings.</summary>
    public string Purpose { get; set; } = "";
    public int ContextWindow { get; set; }
    /// <summary>US dollars per million input tokens.</summary>
    public decimal InputPrice { get; set; }
    /// <summary>US dollars per million output tokens.</summary>
    public decimal OutputPrice { get; set; }
    /// <summary>US dollars per million input tokens read from the provider's cache.</summary>
    public decimal CachedInputPrice { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
}
