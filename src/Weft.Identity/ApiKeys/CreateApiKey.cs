using Weft.Identity.Audit;
using Weft.Identity.Persistence;
using Weft.Identity.Users;
using Weft.Platform.Errors;
using Weft.Platform.Web.Security;

namespace Weft.Identity.ApiKeys;

/// <summary>An admin makes a key for a program; its secret is in the answer and nowhere else (only its hash is stored).</summary>
internal sealed class CreateApiKey(IdentityDb data, PermissionCatalog permissions, AgentLinks agents)
{
    public async Task<NewApiKeyDto> HandleAsync(long tenant, string actor, CreateApiKeyRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200) errors["name"] = ["'name' is 1-200 characters."];
        if (request.Scopes is not { Count: > 0 } scopes || scopes.Any(s => !permissions.IsScope(s)))
            errors["scopes"] = [$"'scopes' lists one or more of: {string.Join(", ", permissions.ScopeNames)}."];
        if (request.Agent is not null) errors.RequireKey(request.Agent, "agent");
        if (request.ExpiresAt is { } e && e.ToUniversalTime() <= data.Now) errors["expiresAt"] = ["'expiresAt' must be in the future."];
        errors.ThrowIfAny();
        if (request.Agent is not null) await agents.RequireAsync(tenant, request.Agent, ct);

        var secret = ApiKeyFormat.NewSecret();
        return await data.ChangeAsync(tenant, async (db, _) =>
        {
            var key = new ApiKeyRecord
            {
                Name = request.Name!,
                SecretHash = ApiKeyFormat.Hash(secret),
                Scopes = string.Join(' ', request.Scopes!.Distinct()),
                AgentKey = request.Agent,
                CreatedBy = actor,
                CreatedAt = data.Now,
                ExpiresAt = request.ExpiresAt?.ToUniversalTime(),
            };
            db.ApiKeys.Add(key);
            await db.SaveChangesAsync(ct);
            AuditTrail.Record(db, data.Now, actor, "api_key_created",
                new { id = key.Id, name = key.Name, scopes = ApiKeyFormat.SplitScopes(key.Scopes), agent = key.AgentKey });
            await db.SaveChangesAsync(ct);
            return new NewApiKeyDto(key.ToDto(), ApiKeyFormat.Compose(tenant, key.Id, secret));
        }, ct);
    }
}
