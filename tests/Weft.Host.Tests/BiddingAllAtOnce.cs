using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Weft.Host.Tests.Infrastructure;
using Weft.Market;
using Weft.Market.Auctions;
using Weft.Market.Visibility;
using Weft.Platform.Errors;
using Weft.Testing;

namespace Weft.Host.Tests;

/// <summary>
/// Two hundred bidders of twenty suppliers bid against each other for a minute, each reading the best price and bidding
/// under it as fast as it can. However the bids interleave, the ladder stays consistent: sequence numbers without gaps,
/// every accepted bid a full step under the one before it, and the auction's best price the last accepted bid. It runs on
/// PostgreSQL when there is one (its writers run at once, serialised by the auction's row lock); SQLite has one writer.
/// </summary>
public sealed class BiddingAllAtOnce
{
    private static readonly TimeSpan Running = TimeSpan.FromSeconds(60);
    private const int Bidders = 200;
    private const int Suppliers = 20;
    private const decimal Step = 5m;

    [Theory]
    [MemberData(nameof(TestDatabases.Server), MemberType = typeof(TestDatabases))]
    public async Task Two_hundred_bidders_for_a_minute_keep_the_ladder_consistent(string provider)
    {
        // Two hundred callers share a bounded pool of connections, as a host's requests do.
        await using var database = await TestDatabases.CreateAsync(provider);
        var settings = new Dictionary<string, string?>(RunningAuctions.LongTokens)
        {
            ["ConnectionStrings:Weft"] = provider == "postgres" ? database.ConnectionString + ";Maximum Pool Size=40" : database.ConnectionString,
        };
        await using var api = await WeftApi.AttachAsync(database, new ManualClock(), settings);
        var market = new Marketplace(api);
        var buyer = await market.BuyerAsync();
        var suppliers = new List<long>();
        for (var i = 0; i < Suppliers; i++) suppliers.Add(await market.OrganizationAsync("supplier", $"Supplier {i}", verified: true));
        var now = api.Clock.GetUtcNow().UtcDateTime;
        var id = (await buyer.Caller.OkAsync(HttpMethod.Post, "/api/v1/market/auctions", new
        {
            title = "Race", kind = "reverse", format = "english", material = "lithium carbonate", quantity = 1000, unit = "t", currency = "USD",
            startingPrice = 100_000_000, stepAmount = Step, bidderView = "best_price", startsAt = now.AddMinutes(-1), endsAt = now.AddDays(1),
            participants = suppliers,
        }))["id"]!.GetValue<long>();

        // Each bidder is a member of one of the suppliers; the service is called as it, as its endpoint would.
        var auctions = api.Services.GetRequiredService<Auctions>();
        var stop = Stopwatch.StartNew();
        var accepted = 0;
        var refused = 0;
        var tasks = Enumerable.Range(0, Bidders).Select(n => Task.Run(async () =>
        {
            var viewer = MarketViewer.Member(suppliers[n % Suppliers], "sales", 10_000 + n, $"Bidder {n}");
            var random = new Random(n);
            while (stop.Elapsed < Running)
            {
                var best = (await auctions.GetAsync(1, viewer, id, CancellationToken.None)).BestPrice ?? 100_000_000m + Step;
                try
                {
                    await auctions.PlaceBidAsync(1, viewer, id, new PlaceBidRequest(best - Step * random.Next(1, 4)), CancellationToken.None);
                    Interlocked.Increment(ref accepted);
                }
                catch (WeftException e) when (e.Code == "bid_too_high")
                {
                    Interlocked.Increment(ref refused); // another bid got there first
                }
            }
        })).ToList();
        await Task.WhenAll(tasks);

        var data = api.Services.GetRequiredService<MarketDb>();
        await using var db = await data.OpenAsync(1, MarketViewer.System);
        var ladder = await db.Bids.AsNoTracking().Where(b => b.AuctionId == id).OrderBy(b => b.Sequence).Select(b => new { b.Sequence, b.Price }).ToListAsync();
        var auction = await db.Auctions.AsNoTracking().SingleAsync(a => a.Id == id);
        ladder.Count.ShouldBe(accepted);
        refused.ShouldBeGreaterThan(0);
        ladder.Select(b => b.Sequence).ShouldBe(Enumerable.Range(1, ladder.Count).Select(i => (long)i));
        for (var i = 1; i < ladder.Count; i++)
            (ladder[i - 1].Price - ladder[i].Price).ShouldBeGreaterThanOrEqualTo(Step, $"bid {ladder[i].Sequence} is not a step under bid {ladder[i - 1].Sequence}");
        auction.BidCount.ShouldBe(ladder.Count);
        auction.LastSequence.ShouldBe(ladder.Count);
        auction.BestPrice.ShouldBe(ladder[^1].Price);
    }
}
