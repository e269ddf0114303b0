using Microsoft.EntityFrameworkCore;
using Weft.Market.Auctions;
using Weft.Market.Organizations;
using Weft.Market.Persistence;
using Weft.Market.Visibility;

namespace Weft.Market.Demo;

/// <summary>
/// The demo's auctions, both Lumen Cathodes' reverse auctions for lithium carbonate with the three demo sales people's
/// organizations invited: one finished three days ago (its bids written as they were, since a bid cannot be placed in
/// the past) and one that opens five minutes after the first start, set up the way the buyer would.
/// </summary>
internal sealed class AuctionDemo(MarketDb data, Auctions.Auctions auctions)
{
    private static readonly (string Bidder, decimal Price, int Minute)[] FinishedBids =
    [
        ("atacama-lithium", 19_900m, 2), ("altiplano-litio", 19_800m, 4), ("jiangxi-lithium", 19_650m, 7), ("atacama-lithium", 19_500m, 11),
        ("altiplano-litio", 19_400m, 15), ("jiangxi-lithium", 19_300m, 21), ("atacama-lithium", 19_150m, 29),
    ];

    public async Task SeedAsync(long tenant, IReadOnlyDictionary<string, long> organizations, CancellationToken ct)
    {
        var buyer = organizations["lumen-cathodes"];
        var bidders = new[] { "atacama-lithium", "altiplano-litio", "jiangxi-lithium" }.Select(k => organizations[k]).ToList();
        await SeedFinishedAsync(tenant, buyer, bidders, organizations, ct);
        MemberRecord member;
        await using (var db = await data.OpenAsync(tenant, MarketViewer.System, ct))
            member = await db.Members.AsNoTracking().FirstAsync(m => m.OrganizationId == buyer, ct);
        var now = data.Now;
        await auctions.CreateAsync(tenant, MarketViewer.Member(buyer, member.Role, member.UserId, member.Name), new CreateAuctionRequest(
            "Li2CO3 battery grade, 300 t, Q1 delivery", AuctionKinds.Reverse, AuctionFormats.English, "lithium carbonate",
            "Battery grade, Li2CO3 ≥ 99.5%, CIF Hamburg, delivery January to March.", 300m, "t", "USD", 19_800m, 100m, null, 19_500m, 60, 120,
            BidderViews.BestPrice, now.AddMinutes(5), now.AddMinutes(35), bidders), ct);
    }

    private async Task SeedFinishedAsync(long tenant, long buyer, List<long> bidders, IReadOnlyDictionary<string, long> organizations, CancellationToken ct)
    {
        var starts = data.Now.Date.AddDays(-3).AddHours(9);
        var scheduledEnd = starts.AddMinutes(30);
        await data.ChangeAsync(tenant, MarketViewer.System, async db =>
        {
            var auction = new AuctionRecord
            {
                Number = "AUC-" + Guid.NewGuid().ToString("N")[..10], Title = "Li2CO3 battery grade, 500 t, Q4 delivery", OwnerOrganization = buyer,
                Kind = AuctionKinds.Reverse, Format = AuctionFormats.English, Material = "lithium carbonate",
                Specification = "Battery grade, Li2CO3 ≥ 99.5%, CIF Hamburg, delivery October to December.", Quantity = 500m, Unit = "t", Currency = "USD",
                StartingPrice = 20_000m, StepAmount = 100m, ReservePrice = 19_600m, ExtendWithinSeconds = 60, ExtendBySeconds = 120,
                BidderView = BidderViews.BestPrice, StartsAt = starts, EndsAt = scheduledEnd, ScheduledEndsAt = scheduledEnd, Status = Auctions.Auctions.Statuses.Closed,
                CreatedBy = "Bea Buyer", CreatedAt = starts.AddDays(-2),
            };
            db.Auctions.Add(auction);
            await db.SaveChangesAsync(ct);
            auction.Number = $"AUC-{auction.Id:D5}";
            foreach (var bidder in bidders)
                db.AuctionParticipants.Add(new AuctionParticipantRecord { AuctionId = auction.Id, OrganizationId = bidder, OwnerOrganization = buyer });
            var members = await db.Members.AsNoTracking().ToListAsync(ct);
            var placed = new List<BidRecord>();
            foreach (var (key, price, minute) in FinishedBids)
            {
                var organization = organizations[key];
                var person = members.First(m => m.OrganizationId == organization);
                var bid = new BidRecord
                {
                    AuctionId = auction.Id, Sequence = placed.Count + 1, BidderOrganization = organization, OwnerOrganization = buyer, BidderUserId = person.UserId,
                    BidderName = person.Name, Price = price, Revealed = true, PlacedAt = starts.AddMinutes(minute).AddSeconds(placed.Count * 7 % 50),
                };
                placed.Add(bid);
                db.Bids.Add(bid);
            }
            // The last bid came in the final minute: the end moved by two minutes.
            placed[^1].PlacedAt = scheduledEnd.AddSeconds(-25);
            auction.EndsAt = scheduledEnd.AddSeconds(120);
            auction.Extensions = 1;
            await db.SaveChangesAsync(ct);
            var winner = placed[^1];
            auction.LastSequence = placed.Count;
            auction.BidCount = placed.Count;
            auction.BestPrice = winner.Price;
            auction.Outcome = AuctionOutcomes.Awarded;
            auction.WinnerOrganization = winner.BidderOrganization;
            auction.WinningBidId = winner.Id;
            auction.ClearingPrice = winner.Price;
            auction.ClosedAt = auction.EndsAt.AddSeconds(1);
            await db.SaveChangesAsync(ct);
            await Deals.Deals.OpenForAuctionAsync(db, auction, auction.ClosedAt.Value, ct);
            return auction.Id;
        }, ct);
    }
}
