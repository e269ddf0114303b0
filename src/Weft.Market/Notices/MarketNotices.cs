using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Weft.Market.Visibility;
using Weft.Platform.Errors;
using Weft.Platform.Paging;

namespace Weft.Market.Notices;

/// <summary>An organization's inbox: what the marketplace told it (invitations, reminders, awards, losses), newest first.</summary>
internal sealed class MarketNotices(MarketDb data)
{
    public async Task<Page<NoticeDto>> ListAsync(long tenant, MarketViewer viewer, int? limit, string? cursor, CancellationToken ct)
    {
        var take = Math.Clamp(limit ?? 50, 1, 200);
        var before = cursor is null ? long.MaxValue
            : long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c > 0 ? c : throw WeftException.Invalid("cursor_invalid", "'cursor' is not one this list gave.");
        await using var db = await data.OpenAsync(tenant, viewer, ct);
        // The staff see every notice; the inbox is about one organization, so theirs is empty.
        var rows = await db.Notices.AsNoTracking().Where(n => n.Id < before && n.OrganizationId == viewer.Organization)
            .OrderByDescending(n => n.Id).Take(take + 1).ToListAsync(ct);
        var page = rows.Take(take).ToList();
        return new Page<NoticeDto>(page.Select(n => new NoticeDto(n.Id, n.Kind, n.RfqId, n.DealId, n.Text, n.CreatedAt)).ToList(),
            rows.Count > take ? page[^1].Id.ToString(CultureInfo.InvariantCulture) : null);
    }
}

public sealed record NoticeDto(long Id, string Kind, long? Rfq, long? Deal, string Text, DateTime CreatedAt);
