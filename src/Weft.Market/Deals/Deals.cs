using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Weft.Market.Auctions;
using Weft.Market.Organizations;
using Weft.Market.Persistence;
using Weft.Market.Rfqs;
using Weft.Market.Visibility;
using Weft.Platform.Errors;
using Weft.Platform.Paging;
using Weft.Platform.Persistence;

namespace Weft.Market.Deals;

/// <summary>
/// The deals awards make: one per supplier an RFQ awards lines to, one per auction won. They are opened inside the award's
/// own transaction (<see cref="OpenForRfqAsync"/>, <see cref="OpenForAuctionAsync"/>), so an award never stands without its
/// deal. The buyer confirms delivery (or the staff, settling a dispute), which opens each side's review of the other.
/// </summary>
internal sealed class Deals(MarketDb data)
{
    public const int MaxPage = 200;

    /// <summary>Reviews are taken for this long after delivery.</summary>
    public static readonly TimeSpan ReviewWindow = TimeSpan.FromDays(90);

    /// <summary>Opens a deal per supplier awarded lines of <paramref name="rfq"/>, worth what its awarded lines cost.</summary>
    public static async Task OpenForRfqAsync(MarketDbContext db, RfqRecord rfq, IReadOnlyList<AwardRecord> awards, DateTime now, CancellationToken ct)
    {
        var opened = awards.GroupBy(a => a.SupplierOrganizationId).Select(g => new DealRecord
        {
            Number = Placeholder(), BuyerOrganizationId = rfq.BuyerOrganizationId, SupplierOrganizationId = g.Key, Source = DealSources.Rfq,
            SourceId = rfq.Id, SourceNumber = rfq.Number, Title = rfq.Title, Value = g.Sum(a => a.Quantity * a.Price), Currency = g.First().Currency,
            State = DealStates.Awarded, AwardedAt = now, UpdatedAt = now,
        }).ToList();
        await NumberAsync(db, opened, ct);
    }

    /// <summary>Opens the deal an auction's win makes: the owner buys from the winner (reverse) or sells to it (forward).</summary>
    public static async Task OpenForAuctionAsync(MarketDbContext db, AuctionRecord auction, DateTime now, CancellationToken ct)
    {
        if (auction.WinnerOrganization is not { } winner || auction.ClearingPrice is not { } price) return;
        var reverse = auction.Kind == AuctionKinds.Reverse;
        await NumberAsync(db, [new DealRecord
        {
            Number = Placeholder(), BuyerOrganizationId = reverse ? auction.OwnerOrganization : winner, SupplierOrganizationId = reverse ? winner : auction.OwnerOrganization,
            Source = DealSources.Auction, SourceId = auction.Id, SourceNumber = auction.Number, Title = auction.Title, Value = price * auction.Quantity,
            Currency = auction.Currency, State = DealStates.Awarded, AwardedAt = now, UpdatedAt = now,
        }], ct);
    }

    private static string Placeholder() => "DEAL-" + Guid.NewGuid().ToString("N")[..12];

    private static async Task NumberAsync(MarketDbContext db, IReadOnlyList<DealRecord> deals, CancellationToken ct)
    {
        if (deals.Count == 0) return;
        db.Deals.AddRange(deals);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        foreach (var deal in deals) deal.Number = $"DEAL-{deal.Id:D5}";
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
    }

    public async Task<Page<DealSummaryDto>> ListAsync(long tenant, MarketViewer viewer, string? state, int? limit, string? cursor, CancellationToken ct)
    {
        if (state is not null && !DealStates.All.Contains(state))
            throw WeftException.Invalid("validation_failed", $"'state' is one of: {string.Join(", ", DealStates.All)}.");
        if (limit is < 1 or > MaxPage) throw WeftException.Invalid("validation_failed", $"'limit' is 1-{MaxPage}.");
        var before = cursor is null ? long.MaxValue
            : long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c > 0 ? c : throw WeftException.Invalid("cursor_invalid", "'cursor' is not one this list gave.");
        var take = limit ?? 50;
        await using var db = await data.OpenAsync(tenant, viewer, ct);
        var query = db.Deals.AsNoTracking().Where(d => d.Id < before);
        if (state is not null) query = query.Where(d => d.State == state);
        var rows = await query.OrderByDescending(d => d.Id).Take(take + 1).ToListAsync(ct);
        var page = rows.Take(take).ToList();
        var parties = await PartiesAsync(db, page.SelectMany(d => new[] { d.BuyerOrganizationId, d.SupplierOrganizationId }), ct);
        return new Page<DealSummaryDto>([.. page.Select(d => new DealSummaryDto(d.Id, d.Number, d.Source, d.SourceId, d.SourceNumber, d.Title,
            parties[d.BuyerOrganizationId], parties[d.SupplierOrganizationId], d.Value, d.Currency, d.State, d.AwardedAt, d.DeliveredAt))],
            rows.Count > take ? page[^1].Id.ToString(CultureInfo.InvariantCulture) : null);
    }

    public async Task<DealDto> GetAsync(long tenant, MarketViewer viewer, long id, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, viewer, ct);
        var deal = await db.Deals.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct) ?? throw NotFound(id);
        return await ToDtoAsync(db, viewer, deal, data.Now, ct);
    }

    /// <summary>The buyer confirms the goods arrived (or the staff, settling a dispute): the deal is delivered and both sides may review.</summary>
    public async Task<DealDto> ConfirmDeliveryAsync(long tenant, MarketViewer viewer, long id, CancellationToken ct)
    {
        await data.ChangeAsync(tenant, viewer, async db =>
        {
            var deal = await db.Deals.ForUpdate().FirstOrDefaultAsync(d => d.Id == id, ct) ?? throw NotFound(id);
            if (!viewer.IsStaff && viewer.Organization != deal.BuyerOrganizationId)
                throw WeftException.Forbidden("buyer_confirms_delivery", $"Only the buyer of {deal.Number} (or the marketplace's staff) confirms its delivery.");
            if (deal.State != DealStates.Awarded)
                throw WeftException.Conflict("deal_already_delivered", $"{deal.Number} was confirmed delivered at {deal.DeliveredAt:u}.");
            var now = data.Now;
            deal.State = DealStates.Delivered;
            deal.DeliveredAt = now;
            deal.DeliveredBy = viewer.Name;
            deal.UpdatedAt = now;
            var buyer = await db.Organizations.AsNoTracking().Where(o => o.Id == deal.BuyerOrganizationId).Select(o => o.Name).FirstAsync(ct);
            db.Notices.Add(Notice(deal.SupplierOrganizationId, NoticeKinds.DealDelivered, deal,
                $"{buyer} confirmed delivery of {deal.Number} \"{deal.Title}\". You may review them until {(now + ReviewWindow):yyyy-MM-dd}.", now));
            if (viewer.IsStaff)
                db.Notices.Add(Notice(deal.BuyerOrganizationId, NoticeKinds.DealDelivered, deal,
                    $"The marketplace's staff confirmed delivery of {deal.Number} \"{deal.Title}\". You may review the supplier until {(now + ReviewWindow):yyyy-MM-dd}.", now));
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);
        return await GetAsync(tenant, viewer, id, ct);
    }

    internal static async Task<DealDto> ToDtoAsync(MarketDbContext db, MarketViewer viewer, DealRecord deal, DateTime now, CancellationToken ct)
    {
        var parties = await PartiesAsync(db, [deal.BuyerOrganizationId, deal.SupplierOrganizationId], ct);
        var reviews = await Reviews.ToDtosAsync(db, await db.Reviews.AsNoTracking().Where(r => r.DealId == deal.Id).OrderBy(r => r.Id).ToListAsync(ct), ct);
        var party = viewer.IsMember && (viewer.Organization == deal.BuyerOrganizationId || viewer.Organization == deal.SupplierOrganizationId);
        var reviewsCloseAt = deal.DeliveredAt + ReviewWindow;
        var canReview = party && deal.State == DealStates.Delivered && now < reviewsCloseAt && reviews.All(r => r.Reviewer != viewer.Organization);
        var canConfirm = deal.State == DealStates.Awarded && (viewer.IsStaff || (viewer.IsMember && viewer.Organization == deal.BuyerOrganizationId));
        return new DealDto(deal.Id, deal.Number, deal.Source, deal.SourceId, deal.SourceNumber, deal.Title, parties[deal.BuyerOrganizationId],
            parties[deal.SupplierOrganizationId], deal.Value, deal.Currency, deal.State, deal.AwardedAt, deal.DeliveredAt, deal.DeliveredBy,
            await LinesAsync(db, deal, ct), reviews, canConfirm, canReview, reviewsCloseAt);
    }

    private static async Task<IReadOnlyList<DealLineDto>> LinesAsync(MarketDbContext db, DealRecord deal, CancellationToken ct)
    {
        if (deal.Source == DealSources.Auction)
        {
            var auction = await db.Auctions.AsNoTracking().Where(a => a.Id == deal.SourceId)
                .Select(a => new { a.Material, a.Specification, a.Quantity, a.Unit, a.ClearingPrice }).FirstOrDefaultAsync(ct);
            return auction is null ? [] : [new DealLineDto(auction.Material, auction.Specification, auction.Quantity, auction.Unit, auction.ClearingPrice ?? 0)];
        }
        var awards = await db.Awards.AsNoTracking().Where(a => a.RfqId == deal.SourceId && a.SupplierOrganizationId == deal.SupplierOrganizationId).OrderBy(a => a.Id).ToListAsync(ct);
        var lineIds = awards.Select(a => a.RfqLineId).ToList();
        var lines = await db.RfqLines.AsNoTracking().Where(l => lineIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, ct);
        return [.. awards.Where(a => lines.ContainsKey(a.RfqLineId)).OrderBy(a => lines[a.RfqLineId].Number)
            .Select(a => new DealLineDto(lines[a.RfqLineId].Material, lines[a.RfqLineId].Grade, a.Quantity, lines[a.RfqLineId].Unit, a.Price))];
    }

    internal static async Task<Dictionary<long, DealPartyDto>> PartiesAsync(MarketDbContext db, IEnumerable<long> organizations, CancellationToken ct)
    {
        var ids = organizations.Distinct().ToList();
        return await db.Organizations.AsNoTracking().Where(o => ids.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => new DealPartyDto(o.Id, o.Name, o.Country, o.RatingAverage, o.RatingCount), ct);
    }

    internal static NoticeRecord Notice(long organization, string kind, DealRecord deal, string text, DateTime now) =>
        new() { OrganizationId = organization, Kind = kind, DealId = deal.Id, Text = text.Length > 1000 ? text[..1000] : text, CreatedAt = now };

    public static WeftException NotFound(long id) => WeftException.NotFound("deal_not_found", $"Deal {id} does not exist.");
}
