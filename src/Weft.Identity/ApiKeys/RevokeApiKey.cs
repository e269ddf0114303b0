using Microsoft.EntityFrameworkCore;
using Weft.Identity.Audit;

namespace Weft.Identity.ApiKeys;

/// <summary>Revokes a key: it stops working on the next request, on every host. Revoking twice changes nothing.</summary>
internal sealed class RevokeApiKey(IdentityDb data)
{
    public Task<ApiKeyDto> HandleAsync(long tenant, string actor, long id, CancellationToken ct = default) =>
        data.ChangeAsync(tenant, async (db, _) =>
        {
            var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, ct) ?? throw ApiKeyMapping.NotFound(id);
            if (key.RevokedAt is null)
            {
                key.RevokedAt = data.Now;
                key.RevokedBy = actor;
                AuditTrail.Record(db, data.Now, actor, "api_key_revoked", new { id = key.Id, name = key.Name });
                await db.SaveChangesAsync(ct);
            }
            return key.ToDto();
        }, ct);
}
