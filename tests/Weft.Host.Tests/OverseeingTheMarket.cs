using System.Text.Json.Nodes;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;
using static Weft.Host.Tests.Infrastructure.DirectoryKit;
using static Weft.Host.Tests.Infrastructure.RfqDesk;

namespace Weft.Host.Tests;

/// <summary>
/// The operator's overview: the RFQs and auctions trading now, the verification backlog, certificates about to expire
/// and suppliers that lost their badge, each row as the market holds it; the operator's staff read it, nobody else.
/// </summary>
public sealed class OverseeingTheMarket
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_staff_see_what_trades_and_what_waits_and_members_are_refused(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var market = new Marketplace(api);
        var desk = new RfqDesk(market);
        DateTime Now() => api.Clock.GetUtcNow().UtcDateTime;

        // A supplier verified through the flow loses its badge when its ISO 9001 expires.
        var copiapo = await market.SupplierAsync("Copiapó Refining", "CL", verified: false);
        var scan = await DocumentAsync(copiapo.Caller, copiapo.Organization, "iso-9001.pdf", "certificate");
        await CertificateAsync(api, copiapo.Caller, copiapo.Organization, "iso-9001", 2, scan);
        var application = (await copiapo.Caller.OkAsync(HttpMethod.Post, "/api/v1/market/applications", new { message = "Please verify us." }))["id"]!.GetValue<long>();
        await market.Staff.OkAsync(HttpMethod.Post, $"/api/v1/market/applications/{application}/check", new { passed = true });
        await market.Staff.OkAsync(HttpMethod.Post, $"/api/v1/market/applications/{application}/decision", new { decision = "approve" });
        api.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
        await RunToRestAsync(api);

        // Another applies and waits; a verified one's ISO 9001 expires in 20 days, its REACH in 40.
        var salar = await market.SupplierAsync("Salar Minerals", "AR", verified: false);
        await DocumentAsync(salar.Caller, salar.Organization);
        await salar.Caller.OkAsync(HttpMethod.Post, "/api/v1/market/applications", new { });
        var atacama = await market.SupplierAsync("Atacama Lithium", "CL");
        await CertificateAsync(api, atacama.Caller, atacama.Organization, "iso-9001", 20);
        await CertificateAsync(api, atacama.Caller, atacama.Organization, "reach", 40);
        var buyer = await market.BuyerAsync("Lumen Cathodes", "DE");

        // RFQs: two open (the later one quoted), one to close soon, one cancelled; an auction ending within the hour.
        var later = await desk.CreateAsync(buyer, [atacama.Organization], closesAt: Now().AddDays(3));
        var sooner = await desk.CreateAsync(buyer, [atacama.Organization], closesAt: Now().AddDays(2));
        var closing = await desk.CreateAsync(buyer, [atacama.Organization], closesAt: Now().AddHours(2));
        var cancelled = await desk.CreateAsync(buyer, [atacama.Organization], closesAt: Now().AddDays(2));
        await desk.QuoteAsync(atacama, later, Quote("USD", "CIF", "CLMJS", (1, 11_000m, 500m)));
        await desk.QuoteAsync(atacama, closing, Quote("USD", "CIF", "CLMJS", (1, 11_000m, 500m)));
        await buyer.Caller.OkAsync(HttpMethod.Post, $"/api/v1/market/rfqs/{cancelled}/cancel", new { reason = "Duplicate request." });
        async Task<long> AuctionAsync(string title, DateTime startsAt, DateTime endsAt) =>
            (await buyer.Caller.OkAsync(HttpMethod.Post, "/api/v1/market/auctions", new
            {
                title, kind = "reverse", format = "english", material = "lithium carbonate", quantity = 500, unit = "t", currency = "USD", startingPrice = 20000,
                stepAmount = 100, extendWithinSeconds = 0, extendBySeconds = 0, bidderView = "rank", startsAt, endsAt, participants = new[] { atacama.Organization },
            }))["id"]!.GetValue<long>();
        var finished = await AuctionAsync("Li2CO3, closed", Now().AddMinutes(-1), Now().AddHours(1));
        await atacama.Caller.OkAsync(HttpMethod.Post, $"/api/v1/market/auctions/{finished}/bids", new { price = 19_900 });

        // Three hours on: the soon RFQ closed and awaits its award, the auction closed; then one auction goes live and one is set for tomorrow.
        await desk.PassAsync(Now().AddHours(3), buyer, atacama, salar, copiapo);
        var live = await AuctionAsync("Li2CO3, live", Now().AddMinutes(-1), Now().AddHours(1));
        await atacama.Caller.OkAsync(HttpMethod.Post, $"/api/v1/market/auctions/{live}/bids", new { price = 19_900 });
        await atacama.Caller.OkAsync(HttpMethod.Post, $"/api/v1/market/auctions/{live}/bids", new { price = 19_800 });
        var scheduled = await AuctionAsync("Li2CO3, tomorrow", Now().AddDays(1), Now().AddDays(1).AddHours(1));

        var overview = await market.Staff.OkAsync(HttpMethod.Get, "/api/v1/market/overview");
        static long[] Ids(JsonNode? rows) => rows!.AsArray().Select(r => r!["id"]!.GetValue<long>()).ToArray();
        var counts = overview["counts"]!;
        Ids(overview["openRfqs"]).ShouldBe([sooner, later]);
        counts["openRfqs"]!.GetValue<int>().ShouldBe(2);
        overview["openRfqs"]![1]!["quotes"]!.GetValue<int>().ShouldBe(1);
        overview["openRfqs"]![1]!["buyerName"]!.GetValue<string>().ShouldBe("Lumen Cathodes");
        Ids(overview["awaitingAward"]).ShouldBe([closing]);
        counts["rfqsAwaitingAward"]!.GetValue<int>().ShouldBe(1);

        Ids(overview["liveAuctions"]).ShouldBe([live]);
        overview["liveAuctions"]![0]!["bids"]!.GetValue<int>().ShouldBe(2);
        overview["liveAuctions"]![0]!["secondsLeft"]!.GetValue<long>().ShouldBeInRange(1, 3600);
        Ids(overview["scheduledAuctions"]).ShouldBe([scheduled]);
        Ids(overview["recentlyClosedAuctions"]).ShouldBe([finished]);
        overview["recentlyClosedAuctions"]![0]!["bids"]!.GetValue<int>().ShouldBe(1);

        var backlog = overview["backlog"]!.AsArray().Single()!;
        backlog["organizationName"]!.GetValue<string>().ShouldBe("Salar Minerals");
        backlog["step"]!.GetValue<string>().ShouldBe("check-documents");
        backlog["openChecks"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe(["check-documents", "decide"]);
        counts["applicationsWaiting"]!.GetValue<int>().ShouldBe(1);

        var expiring = overview["expiringCertificates"]!.AsArray().Single()!;
        (expiring["organizationName"]!.GetValue<string>(), expiring["kind"]!.GetValue<string>()).ShouldBe(("Atacama Lithium", "iso-9001"));
        expiring["daysLeft"]!.GetValue<int>().ShouldBe(20);

        var removed = overview["badgesRemoved"]!.AsArray().Single()!;
        removed["organization"]!.GetValue<long>().ShouldBe(copiapo.Organization);
        removed["note"]!.GetValue<string>().ShouldStartWith("ISO 9001 expired on");

        // The operator's, nobody else's.
        (await RfqDesk.ProblemAsync(buyer.Caller, HttpMethod.Get, "/api/v1/market/overview")).Status.ShouldBe(403);
        (await RfqDesk.ProblemAsync(atacama.Caller, HttpMethod.Get, "/api/v1/market/overview")).Status.ShouldBe(403);
    }
}
