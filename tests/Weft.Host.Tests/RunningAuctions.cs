using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Weft.Flow.Automation;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Host.Tests;

/// <summary>
/// Live auctions through the API: a buyer's reverse English auction with a minimum step, a reserve and anti-sniping,
/// closed by the engine's timer (which late bids move); a sealed second-price auction whose bids nobody reads before the
/// close; and what an organization outside an auction gets of it: nothing, exactly as if it did not exist.
/// </summary>
public sealed class RunningAuctions
{
    /// <summary>Auctions run for hours of the test's clock: the members' access tokens outlive them.</summary>
    internal static readonly Dictionary<string, string?> LongTokens = new() { ["Weft:Auth:TokenMinutes"] = "1440" };


    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_reverse_auction_takes_improving_bids_extends_on_late_ones_and_closes_on_the_engines_timer(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider, LongTokens);
        var market = new Marketplace(api);
        var buyer = await market.BuyerAsync();
        var andes = await market.SupplierAsync("Andes Brine");
        var pilbara = await market.SupplierAsync("Pilbara Spodumene", "AU");
        var now = api.Clock.GetUtcNow().UtcDateTime;
        var auction = await buyer.Caller.OkAsync(HttpMethod.Post, "/api/v1/market/auctions", new
        {
            title = "Li2CO3 battery grade, 500 t", kind = "reverse", format = "english", material = "lithium carbonate", quantity = 500, unit = "t",
            currency = "USD", startingPrice = 20000, stepAmount = 100, reservePrice = 19600, extendWithinSeconds = 60, extendBySeconds = 120,
            bidderView = "rank", startsAt = now.AddMinutes(-1), endsAt = now.AddMinutes(10), participants = new[] { andes.Organization, pilbara.Organization },
        });
        var id = auction["id"]!.GetValue<long>();
        auction["status"]!.GetValue<string>().ShouldBe("live");
        var bids = $"/api/v1/market/auctions/{id}/bids";

        (await Bid(andes, bids, 20000.01m)).ShouldBe((422, "bid_too_high"));
        (await Bid(andes, bids, 19800m)).ShouldBe((201, null));
        (await Bid(pilbara, bids, 19750m)).ShouldBe((422, "bid_too_high")); // not a full step below 19,800
        (await Bid(pilbara, bids, 19700m)).ShouldBe((201, null));
        (await Bid(buyer, bids, 19000m)).ShouldBe((403, "not_a_bidder"));

        // Bidders see their rank, not the others' prices; the buyer sees every bid.
        var seenByAndes = await andes.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/auctions/{id}");
        seenByAndes["bestPrice"].ShouldBeNull();
        seenByAndes["mine"]!["rank"]!.GetValue<int>().ShouldBe(2);
        seenByAndes["mine"]!["bestBid"]!.GetValue<decimal>().ShouldBe(19800m);
        seenByAndes["reservePrice"].ShouldBeNull();
        (await andes.Caller.OkAsync(HttpMethod.Get, bids)).AsArray().Select(b => b!["price"]!.GetValue<decimal>()).ShouldBe([19800m]);
        (await buyer.Caller.OkAsync(HttpMethod.Get, bids)).AsArray().Select(b => b!["sequence"]!.GetValue<long>()).ShouldBe([1L, 2L]);
        (await buyer.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/auctions/{id}"))["bestPrice"]!.GetValue<decimal>().ShouldBe(19700m);

        // In the last minute a bid pushes the end back by two minutes, and the close timer with it, twice.
        api.Clock.Advance(TimeSpan.FromMinutes(9.5));
        var late = await andes.Caller.OkAsync(HttpMethod.Post, bids, new { price = 19600 });
        late["extended"]!.GetValue<bool>().ShouldBeTrue();
        late["endsAt"]!.GetValue<DateTime>().ShouldBe(now.AddMinutes(12), TimeSpan.FromMilliseconds(1));
        api.Clock.Advance(TimeSpan.FromMinutes(2)); // 11.5 minutes in: within the last minute again
        (await pilbara.Caller.OkAsync(HttpMethod.Post, bids, new { price = 19500 }))["endsAt"]!.GetValue<DateTime>()
            .ShouldBe(now.AddMinutes(14), TimeSpan.FromMilliseconds(1));

        // The first end has passed, the moved one has not: the auction runs on.
        await CloseDueAsync(api);
        (await buyer.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/auctions/{id}"))["status"]!.GetValue<string>().ShouldBe("live");
        api.Clock.Advance(TimeSpan.FromMinutes(2.5));
        (await Bid(andes, bids, 19000m)).ShouldBe((409, "auction_closed")); // past the end, before the engine closed it
        await CloseDueAsync(api);

        var closed = await buyer.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/auctions/{id}");
        var job = (await api.Engine.Jobs.ListJobsAsync("market-auction", null, null, null)).Items.Single();
        var events = string.Join("\n", (await api.Engine.Jobs.GetJobEventsAsync(job.Id, 100, null)).Items.Select(e => $"{e.Type} {e.Data?.ToJsonString()}"));
        closed["status"]!.GetValue<string>().ShouldBe("closed", events);
        closed["outcome"]!.GetValue<string>().ShouldBe("awarded");
        closed["winnerOrganization"]!.GetValue<long>().ShouldBe(pilbara.Organization);
        closed["clearingPrice"]!.GetValue<decimal>().ShouldBe(19500m);
        closed["extensions"]!.GetValue<int>().ShouldBe(2);
        (await andes.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/auctions/{id}"))["winnerName"].ShouldBeNull();
        (await Bid(andes, bids, 19000m)).ShouldBe((409, "auction_closed"));

        var csv = await (await buyer.Caller.SendAsync(HttpMethod.Get, $"{bids}.csv")).Content.ReadAsStringAsync();
        csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(5); // the header and four accepted bids
        csv.ShouldNotContain("19750");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Sealed_bids_are_read_by_nobody_before_the_close_and_the_winner_pays_the_second_price(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider, LongTokens);
        var market = new Marketplace(api);
        var buyer = await market.BuyerAsync();
        var suppliers = new[] { await market.SupplierAsync("Atacama"), await market.SupplierAsync("Qinghai", "CN"), await market.SupplierAsync("Kwinana", "AU") };
        var now = api.Clock.GetUtcNow().UtcDateTime;
        var id = (await buyer.Caller.OkAsync(HttpMethod.Post, "/api/v1/market/auctions", new
        {
            title = "LiOH monohydrate, 200 t", kind = "reverse", format = "sealed_second_price", material = "lithium hydroxide", quantity = 200, unit = "t",
            currency = "USD", startingPrice = 25000, reservePrice = 24000, startsAt = now, endsAt = now.AddHours(1),
            participants = suppliers.Select(s => s.Organization).ToArray(),
        }))["id"]!.GetValue<long>();
        var bids = $"/api/v1/market/auctions/{id}/bids";
        (await Bid(suppliers[0], bids, 23000m)).ShouldBe((201, null));
        (await Bid(suppliers[1], bids, 23500m)).ShouldBe((201, null));
        (await Bid(suppliers[2], bids, 24500m)).ShouldBe((201, null));
        (await Bid(suppliers[0], bids, 22800m)).ShouldBe((201, null)); // a new sealed bid replaces the bidder's last

        foreach (var caller in new[] { buyer.Caller, market.Staff, suppliers[1].Caller })
        {
            var seen = (await caller.OkAsync(HttpMethod.Get, bids)).AsArray();
            seen.Any(b => b!["bidder"]!.GetValue<long>() == suppliers[0].Organization).ShouldBeFalse();
            (await (await caller.SendAsync(HttpMethod.Get, $"{bids}.csv")).Content.ReadAsStringAsync()).ShouldNotContain("22800");
            var view = await caller.OkAsync(HttpMethod.Get, $"/api/v1/market/auctions/{id}");
            view["bestPrice"].ShouldBeNull();
            view["bidCount"]!.GetValue<int>().ShouldBe(4);
        }
        (await suppliers[0].Caller.OkAsync(HttpMethod.Get, bids)).AsArray().Count.ShouldBe(2);
        (await suppliers[0].Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/auctions/{id}"))["mine"]!["rank"].ShouldBeNull();

        api.Clock.Advance(TimeSpan.FromHours(1));
        await CloseDueAsync(api);
        var closed = await buyer.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/auctions/{id}");
        closed["outcome"]!.GetValue<string>().ShouldBe("awarded");
        closed["winnerOrganization"]!.GetValue<long>().ShouldBe(suppliers[0].Organization);
        closed["clearingPrice"]!.GetValue<decimal>().ShouldBe(23500m);
        (await buyer.Caller.OkAsync(HttpMethod.Get, bids)).AsArray().Count.ShouldBe(4);
        (await suppliers[1].Caller.OkAsync(HttpMethod.Get, bids)).AsArray().Count.ShouldBe(1);
        (await suppliers[1].Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/auctions/{id}"))["mine"]!["rank"]!.GetValue<int>().ShouldBe(2);

        // The win is a deal between the buyer and the winner, at the price the winner pays; the losers have none.
        var deal = (await suppliers[0].Caller.OkAsync(HttpMethod.Get, "/api/v1/market/deals"))["items"]!.AsArray().Single()!;
        deal["source"]!.GetValue<string>().ShouldBe("auction");
        deal["sourceId"]!.GetValue<long>().ShouldBe(id);
        deal["buyer"]!["id"]!.GetValue<long>().ShouldBe(buyer.Organization);
        deal["supplier"]!["id"]!.GetValue<long>().ShouldBe(suppliers[0].Organization);
        deal["value"]!.GetValue<decimal>().ShouldBe(23500m * 200);
        (await buyer.Caller.OkAsync(HttpMethod.Get, "/api/v1/market/deals"))["items"]!.AsArray().Count.ShouldBe(1);
        (await suppliers[1].Caller.OkAsync(HttpMethod.Get, "/api/v1/market/deals"))["items"]!.AsArray().ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_organization_outside_an_auction_finds_nothing_of_it(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider, LongTokens);
        var market = new Marketplace(api);
        var buyer = await market.BuyerAsync();
        var invited = await market.SupplierAsync("Invited");
        var outsider = await market.SupplierAsync("Outsider");
        var otherBuyer = await market.BuyerAsync("Nordvolt", "SE");
        var now = api.Clock.GetUtcNow().UtcDateTime;
        var id = (await buyer.Caller.OkAsync(HttpMethod.Post, "/api/v1/market/auctions", new
        {
            title = "SC6 spodumene, 10,000 t", kind = "reverse", format = "english", material = "spodumene concentrate", quantity = 10000, unit = "t",
            currency = "USD", startingPrice = 1200, stepPercent = 0.5, startsAt = now, endsAt = now.AddHours(1), participants = new[] { invited.Organization },
        }))["id"]!.GetValue<long>();
        await invited.Caller.OkAsync(HttpMethod.Post, $"/api/v1/market/auctions/{id}/bids", new { price = 1150 });
        var missing = await SecurityFixtures.ReadAsync(await outsider.Caller.SendAsync(HttpMethod.Get, "/api/v1/market/auctions/999999"));
        missing.Status.ShouldBe(404);

        foreach (var stranger in new[] { outsider, otherBuyer })
        {
            (await stranger.Caller.OkAsync(HttpMethod.Get, "/api/v1/market/auctions")).AsArray().ShouldBeEmpty();
            foreach (var (method, url, body) in new (HttpMethod, string, object?)[]
            {
                (HttpMethod.Get, $"/api/v1/market/auctions/{id}", null),
                (HttpMethod.Get, $"/api/v1/market/auctions/{id}/bids", null),
                (HttpMethod.Get, $"/api/v1/market/auctions/{id}/bids.csv", null),
                (HttpMethod.Post, $"/api/v1/market/auctions/{id}/bids", new { price = 1000 }),
                (HttpMethod.Post, $"/api/v1/market/auctions/{id}/cancel", null),
            })
            {
                var answer = await SecurityFixtures.ReadAsync(await stranger.Caller.SendAsync(method, url, body));
                (answer.Status, answer.Code).ShouldBe((404, "auction_not_found"), $"{method} {url}");
            }
        }
        // The invited bidder sees it, but not the other bidders' side: the participants list shows itself only.
        (await invited.Caller.OkAsync(HttpMethod.Get, "/api/v1/market/auctions")).AsArray().Count.ShouldBe(1);
        (await buyer.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/auctions/{id}/bids")).AsArray().Count.ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Auctions_that_make_no_sense_are_refused_and_change_nothing(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider, LongTokens);
        var market = new Marketplace(api);
        var buyer = await market.BuyerAsync();
        var supplier = await market.SupplierAsync();
        var unverified = await market.SupplierAsync("Unverified", verified: false);
        var now = api.Clock.GetUtcNow().UtcDateTime;
        object Auction(object? participants = null, string format = "english", decimal? step = 100, string kind = "reverse", DateTime? ends = null) => new
        {
            title = "Lot", kind, format, material = "lithium carbonate", quantity = 10, unit = "t", currency = "USD", startingPrice = 100,
            stepAmount = step, startsAt = now, endsAt = ends ?? now.AddHours(1), participants = participants ?? new[] { supplier.Organization },
        };
        (await Problem(buyer, Auction(step: null))).ShouldBe((400, "validation_failed"));
        (await Problem(buyer, Auction(format: "sealed_first_price"))).ShouldBe((400, "validation_failed")); // a sealed auction has no step
        (await Problem(buyer, Auction(ends: now.AddMinutes(-1)))).ShouldBe((400, "validation_failed"));
        (await Problem(buyer, Auction(participants: new[] { 999999L }))).ShouldBe((422, "participant_not_found"));
        (await Problem(buyer, Auction(participants: new[] { unverified.Organization }))).ShouldBe((422, "supplier_not_verified"));
        (await Problem(buyer, Auction(participants: new[] { buyer.Organization }))).ShouldBe((422, "participant_invalid"));
        (await Problem(supplier, Auction(participants: new[] { supplier.Organization }))).ShouldBe((422, "wrong_organization_kind"));
        var staff = await SecurityFixtures.ReadAsync(await market.Staff.SendAsync(HttpMethod.Post, "/api/v1/market/auctions", Auction()));
        (staff.Status, staff.Code).ShouldBe((403, "member_only"));
        (await buyer.Caller.OkAsync(HttpMethod.Get, "/api/v1/market/auctions")).AsArray().ShouldBeEmpty();
        (await api.OkAsync(HttpMethod.Get, "/api/v1/graphs")).ToJsonString().ShouldNotContain("market-auction");

        // Invited while verified; the badge goes (an expired certificate): the supplier bids no more.
        var id = (await buyer.Caller.OkAsync(HttpMethod.Post, "/api/v1/market/auctions", Auction()))["id"]!.GetValue<long>();
        await api.Services.GetRequiredService<Weft.Market.MarketDb>().ChangeAsync(1, Weft.Market.Visibility.MarketViewer.System, async db =>
        {
            db.Organizations.First(o => o.Id == supplier.Organization).Verified = false;
            await db.SaveChangesAsync();
            return true;
        }, CancellationToken.None);
        (await Bid(supplier, $"/api/v1/market/auctions/{id}/bids", 90m)).ShouldBe((403, "supplier_not_verified"));
        (await buyer.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/auctions/{id}/bids")).AsArray().ShouldBeEmpty();
    }

    /// <summary>Fires the timers that are due and runs the automated work they release (the auctioneer's close), as the host's background services would.</summary>
    internal static async Task CloseDueAsync(WeftApi api)
    {
        await api.Engine.Upkeep.RunDueTimersAsync();
        var runner = api.Services.GetRequiredService<AutomationRunner>();
        while (await runner.RunDueAsync(1) > 0)
        {
        }
    }

    private static async Task<(int, string?)> Bid(Marketplace.Member bidder, string url, decimal price)
    {
        var answer = await SecurityFixtures.ReadAsync(await bidder.Caller.SendAsync(HttpMethod.Post, url, new { price }));
        return (answer.Status, answer.Code);
    }

    private static async Task<(int, string?)> Problem(Marketplace.Member caller, object body)
    {
        var answer = await SecurityFixtures.ReadAsync(await caller.Caller.SendAsync(HttpMethod.Post, "/api/v1/market/auctions", body));
        return (answer.Status, answer.Code);
    }

}
