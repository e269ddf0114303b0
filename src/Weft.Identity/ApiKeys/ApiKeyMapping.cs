using Weft.Identity.Persistence;
using Weft.Platform.Errors;

namespace Weft.Identity.ApiKeys;

internal static class ApiKeyMapping
{
    public static ApiKeyDto ToDto(this ApiKeyRecord k) =>
        new(k.Id, k.Name, ApiKeyFormat.SplitScopes(k.Scopes), k.AgentKey, ApiKeyFormat.Prefix(k.TenantId, k.Id), k.CreatedBy,
            k.CreatedAt, k.ExpiresAt, k.RevokedAt, k.RevokedBy);

    public static WeftException NotFound(long id) => WeftException.NotFound("api_key_not_found", $"API key {id} does not exist.");
}
