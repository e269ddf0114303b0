namespace Weft.Identity.ApiKeys;

public sealed record CreateApiKeyRequest(string? Name, IReadOnlyList<string>? Scopes, string? Agent, DateTime? ExpiresAt);

public sealed record ApiKeyDto(
    long Id, string Name, IReadOnlyList<string> Scopes, string? Agent, string Prefix, string CreatedBy,
    DateTime CreatedAt, DateTime? ExpiresAt, DateTime? RevokedAt, string? RevokedBy);

/// <summary>A new key with its secret: the only time the secret is shown.</summary>
public sealed record NewApiKeyDto(ApiKeyDto ApiKey, string Key);
