using Microsoft.EntityFrameworkCore;
using Weft.Platform.Paging;

namespace Weft.Identity.ApiKeys;

/// <summary>The tenant's API keys (never their secrets), for admins.</summary>
internal sealed class ApiKeyQueries(IdentityDb data)
{
    public async Task<Page<ApiKeyDto>> ListAsync(long tenant, int? limit, string? cursor, CancellationToken ct = default)
    {
        var (take, after) = PageCursor.Parse(limit, cursor);
        await using var db = await data.OpenAsync(tenant, ct);
        var rows = await db.ApiKeys.AsNoTracking().Where(k => k.Id > after).OrderBy(k => k.Id).Take(take + 1).ToListAsync(ct);
        return PageCursor.Of(rows, take, k => k.Id, k => k.ToDto());
    }

    public async Task<ApiKeyDto> GetAsync(long tenant, long id, CancellationToken ct = default)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        return (await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, ct) ?? throw ApiKeyMapping.NotFound(id)).ToDto();
    }
}
