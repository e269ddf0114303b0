using Microsoft.EntityFrameworkCore;
using Weft.Platform.Paging;

namespace Weft.Commerce.Stock;

/// <summary>The ledger read backwards, newest move first, for the pages: by SKU, location (and what is inside it), reason and day.</summary>
internal sealed class MoveHistory(CommerceDb data)
{
    /// <param name="from">The first day (UTC) of the moves shown.</param>
    /// <param name="until">The last day (UTC), included.</param>
    /// <param name="cursor">From a page before: the moves older than its last.</param>
    public async Task<Page<MoveDto>> NewestAsync(long tenant, string? sku, string? location, string? reason, DateOnly? from, DateOnly? until, int? limit,
        string? cursor, CancellationToken ct = default)
    {
        var (take, before) = PageCursor.Parse(limit, cursor);
        await using var db = await data.OpenAsync(tenant, ct);
        var query = db.Moves.AsNoTracking();
        if (before > 0) query = query.Where(m => m.Id < before);
        if (!string.IsNullOrWhiteSpace(sku)) query = query.Where(m => m.Sku == sku.Trim());
        if (!string.IsNullOrEmpty(reason)) query = query.Where(m => m.Reason == reason);
        if (from is { } f)
        {
            var start = f.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(m => m.At >= start);
        }
        if (until is { } u)
        {
            var end = u.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(m => m.At < end);
        }
        if (!string.IsNullOrWhiteSpace(location))
        {
            var path = location.Trim();
            var inside = path + "/";
            var ids = db.Locations.Where(l => l.Path == path || l.Path.StartsWith(inside)).Select(l => l.Id);
            query = query.Where(m => ids.Contains(m.FromLocationId) || ids.Contains(m.ToLocationId));
        }
        var rows = await query.OrderByDescending(m => m.Id).Take(take + 1).ToListAsync(ct);
        var locationIds = rows.SelectMany(r => new[] { r.FromLocationId, r.ToLocationId }).Distinct().ToList();
        var paths = await db.Locations.AsNoTracking().Where(l => locationIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Path, ct);
        return PageCursor.Of(rows, take, r => r.Id, m => new MoveDto(m.Id, m.Batch, m.Sku, paths.GetValueOrDefault(m.FromLocationId, "?"),
            paths.GetValueOrDefault(m.ToLocationId, "?"), m.Quantity, m.Lot, m.Reason, m.Reference, m.Actor, m.At, m.UnitCost, m.Value, m.ReservationId));
    }
}
