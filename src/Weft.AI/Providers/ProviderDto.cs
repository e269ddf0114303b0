namespace Weft.AI.Providers;

/// <summary>A model provider as callers see it: whether it has an API key, never the key.</summary>
public sealed record ProviderDto(long Id, string Key, string Name, string Kind, string? BaseUrl, bool HasApiKey, int TimeoutSeconds,
    DateTime CreatedAt, DateTime UpdatedAt, int Version);

/// <param name="ApiKey">Write-only: stored encrypted, never returned.</param>
/// <param name="TimeoutSeconds">How long one call may take before a chain moves to its next model (default 60).</param>
public sealed record CreateProviderRequest(string? Key, string? Name, string? Kind, string? BaseUrl, string? ApiKey, int? TimeoutSeconds);

/// <param name="BaseUrl">A new address; an empty one goes back to the vendor's own (not for an OpenAI-compatible server).</param>
/// <param name="ApiKey">A new key replaces the stored one; <paramref name="RemoveApiKey"/> removes it.</param>
public sealed record UpdateProviderRequest(string? Name, string? BaseUrl, string? ApiKey, bool? RemoveApiKey, int? TimeoutSeconds, int? Version);
