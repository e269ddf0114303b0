namespace Weft.AI.Models;

/// <summary>A model of the tenant's catalogue; prices in US dollars per million tokens.</summary>
/// <param name="Provider">The provider that serves it; null: the tenant's first provider of its kind.</param>
public sealed record ModelDto(long Id, string Key, string Kind, string? Provider, string ProviderModel, string Purpose, int ContextWindow,
    decimal InputPrice, decimal OutputPrice, decimal CachedInputPrice, DateTime CreatedAt, DateTime UpdatedAt, int Version);

/// <param name="ProviderModel">The model's name at its provider (default: the key).</param>
public sealed record CreateModelRequest(string? Key, string? Kind, string? Provider, string? ProviderModel, string? Purpose, int? ContextWindow,
    decimal? InputPrice, decimal? OutputPrice, decimal? CachedInputPrice);

/// <param name="Provider">A provider's key; an empty string goes back to the tenant's first provider of the model's kind.</param>
public sealed record UpdateModelRequest(string? Provider, string? ProviderModel, int? ContextWindow,
    decimal? InputPrice, decimal? OutputPrice, decimal? CachedInputPrice, int? Version);
