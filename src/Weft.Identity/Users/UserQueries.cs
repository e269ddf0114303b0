using Microsoft.EntityFrameworkCore;
using Weft.Platform.Paging;

namespace Weft.Identity.Users;

/// <summary>The tenant's people, for admins.</summary>
internal sealed class UserQueries(IdentityDb data)
{
    public async Task<Page<UserDto>> ListAsync(long tenant, int? limit, string? cursor, CancellationToken ct = default)
    {
        var (take, after) = PageCursor.Parse(limit, cursor);
        await using var db = await data.OpenAsync(tenant, ct);
        var rows = await db.Users.AsNoTracking().Where(u => u.Id > after).OrderBy(u => u.Id).Take(take + 1).ToListAsync(ct);
        return PageCursor.Of(rows, take, u => u.Id, u => u.ToDto());
    }

    public async Task<UserDto> GetAsync(long tenant, long id, CancellationToken ct = default)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        return (await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw UserMapping.NotFound(id)).ToDto();
    }
}
