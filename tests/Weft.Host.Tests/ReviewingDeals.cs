using System.Text.Json.Nodes;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;
using static Weft.Host.Tests.Infrastructure.RfqDesk;

namespace Weft.Host.Tests;

/// <summary>
/// Deals and reviews: an RFQ's award opens a deal with each awarded supplier; once the buyer confirms delivery, each side
/// reviews the other once, only the parties may, and each review moves the subject's rating in the directory.
/// </summary>
public sealed class ReviewingDeals
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Only_the_parties_to_a_delivered_deal_review_each_other_once_and_the_ratings_feed_the_directory(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider, RunningAuctions.LongTokens);
        var market = new Marketplace(api);
        var desk = new RfqDesk(market);
        var buyer = await market.BuyerAsync("Lumen Cathodes", "DE");
        var otherBuyer = await market.BuyerAsync("Nordvolt Cells", "SE");
        var atacama = await market.SupplierAsync("Atacama Lithium", "CL");
        var jiangxi = await market.SupplierAsync("Jiangxi Lithium", "CN");
        var outsider = await market.SupplierAsync("Pilbara Spodumene", "AU");
        await market.Staff.OkAsync(HttpMethod.Put, "/api/v1/market/currency-rates/CNY", new { rate = 0.14 });

        var rfq = await desk.CreateAsync(buyer, [atacama.Organization, jiangxi.Organization]);
        var atacamaQuote = await desk.QuoteAsync(atacama, rfq, Quote("USD", "CIF", "CLMJS", (1, 11_000m, 300m)));
        var jiangxiQuote = await desk.QuoteAsync(jiangxi, rfq, Quote("CNY", "CIF", "CNSHA", (1, 78_000m, 500m), (2, 82_000m, 200m)));
        await desk.PassAsync(Deadline.AddMinutes(1), buyer, otherBuyer, atacama, jiangxi, outsider);
        await buyer.Caller.OkAsync(HttpMethod.Post, $"/api/v1/market/rfqs/{rfq}/awards", new
        {
            awards = new object[]
            {
                new { line = 1, quote = atacamaQuote, quantity = 300 }, new { line = 1, quote = jiangxiQuote, quantity = 200 },
                new { line = 2, quote = jiangxiQuote, quantity = 200 },
            },
        });

        // The split award made two deals, each worth its supplier's awarded lines; each supplier sees its own only.
        var deals = Items(await buyer.Caller.OkAsync(HttpMethod.Get, "/api/v1/market/deals")).ToList();
        deals.Count.ShouldBe(2);
        var withAtacama = deals.Single(d => d["supplier"]!["id"]!.GetValue<long>() == atacama.Organization);
        var withJiangxi = deals.Single(d => d["supplier"]!["id"]!.GetValue<long>() == jiangxi.Organization);
        withAtacama["value"]!.GetValue<decimal>().ShouldBe(300 * 11_000m);
        withAtacama["currency"]!.GetValue<string>().ShouldBe("USD");
        withJiangxi["value"]!.GetValue<decimal>().ShouldBe(200 * 78_000m + 200 * 82_000m);
        withJiangxi["state"]!.GetValue<string>().ShouldBe("awarded");
        var deal = withAtacama["id"]!.GetValue<long>();
        var url = $"/api/v1/market/deals/{deal}";
        Items(await atacama.Caller.OkAsync(HttpMethod.Get, "/api/v1/market/deals")).Select(d => d["id"]!.GetValue<long>()).ShouldBe([deal]);
        var detail = await atacama.Caller.OkAsync(HttpMethod.Get, url);
        detail["lines"]!.AsArray().Single()!["quantity"]!.GetValue<decimal>().ShouldBe(300m);
        detail["canReview"]!.GetValue<bool>().ShouldBeFalse();
        detail["canConfirmDelivery"]!.GetValue<bool>().ShouldBeFalse();

        // Nobody outside the deal finds it, in the list or by its id.
        foreach (var stranger in new[] { outsider, otherBuyer, jiangxi })
        {
            (await ProblemAsync(stranger.Caller, HttpMethod.Get, url)).ShouldBe((404, "deal_not_found"));
            (await ProblemAsync(stranger.Caller, HttpMethod.Post, $"{url}/delivered")).ShouldBe((404, "deal_not_found"));
            (await ProblemAsync(stranger.Caller, HttpMethod.Post, $"{url}/reviews", new { quality = 1, onTime = 1, communication = 1 })).ShouldBe((404, "deal_not_found"));
        }
        Items(await outsider.Caller.OkAsync(HttpMethod.Get, "/api/v1/market/deals")).ShouldBeEmpty();

        // Before delivery nobody reviews; the supplier cannot confirm its own delivery.
        (await ProblemAsync(atacama.Caller, HttpMethod.Post, $"{url}/reviews", new { quality = 5, onTime = 5, communication = 5 })).ShouldBe((409, "deal_not_delivered"));
        (await ProblemAsync(atacama.Caller, HttpMethod.Post, $"{url}/delivered")).ShouldBe((403, "buyer_confirms_delivery"));
        (await buyer.Caller.OkAsync(HttpMethod.Get, url))["canConfirmDelivery"]!.GetValue<bool>().ShouldBeTrue();
        var delivered = await buyer.Caller.OkAsync(HttpMethod.Post, $"{url}/delivered");
        delivered["state"]!.GetValue<string>().ShouldBe("delivered");
        delivered["canReview"]!.GetValue<bool>().ShouldBeTrue();
        (await ProblemAsync(buyer.Caller, HttpMethod.Post, $"{url}/delivered")).ShouldBe((409, "deal_already_delivered"));
        Items(await atacama.Caller.OkAsync(HttpMethod.Get, "/api/v1/market/notices")).ShouldContain(n => n["kind"]!.GetValue<string>() == "deal_delivered"
            && n["deal"]!.GetValue<long>() == deal);

        // A review that makes no sense is refused field by field and changes nothing.
        var refused = await SecurityFixtures.ReadAsync(await buyer.Caller.SendAsync(HttpMethod.Post, $"{url}/reviews",
            new { quality = 0, onTime = 6, comment = new string('x', 2001) }));
        refused.Status.ShouldBe(400);
        JsonNode.Parse(refused.Body)!["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["quality", "onTime", "communication", "comment"], ignoreOrder: true);
        (await buyer.Caller.OkAsync(HttpMethod.Get, url))["reviews"]!.AsArray().ShouldBeEmpty();
        // The staff run the marketplace; they are no party to review.
        (await ProblemAsync(market.Staff, HttpMethod.Post, $"{url}/reviews", new { quality = 3, onTime = 3, communication = 3 })).ShouldBe((403, "parties_only"));

        // Each side reviews the other, once.
        var ofAtacama = await buyer.Caller.SendAsync(HttpMethod.Post, $"{url}/reviews", new { quality = 4, onTime = 3, communication = 4, comment = "Good material; the vessel sailed a week late." });
        ofAtacama.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created);
        (await atacama.Caller.OkAsync(HttpMethod.Post, $"{url}/reviews", new { quality = 5, onTime = 5, communication = 4, comment = "Clear specification, paid on time." }))
            ["subject"]!.GetValue<long>().ShouldBe(buyer.Organization);
        (await ProblemAsync(buyer.Caller, HttpMethod.Post, $"{url}/reviews", new { quality = 1, onTime = 1, communication = 1 })).ShouldBe((409, "already_reviewed"));
        var done = await atacama.Caller.OkAsync(HttpMethod.Get, url);
        done["reviews"]!.AsArray().Count.ShouldBe(2);
        done["canReview"]!.GetValue<bool>().ShouldBeFalse();
        Items(await atacama.Caller.OkAsync(HttpMethod.Get, "/api/v1/market/notices")).ShouldContain(n => n["kind"]!.GetValue<string>() == "deal_reviewed");

        // The ratings are what the reviews say: in the directory, on the organization's reviews, read by anyone in the marketplace.
        (await outsider.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/suppliers/{atacama.Organization}"))["ratingAverage"]!.GetValue<double>().ShouldBe(3.67);
        var rating = await outsider.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/organizations/{atacama.Organization}/reviews");
        rating["count"]!.GetValue<int>().ShouldBe(1);
        rating["onTime"]!.GetValue<double>().ShouldBe(3.0);
        rating["reviews"]![0]!["comment"]!.GetValue<string>().ShouldBe("Good material; the vessel sailed a week late.");
        rating["reviews"]![0]!["reviewerName"]!.GetValue<string>().ShouldBe("Lumen Cathodes");
        (await otherBuyer.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/organizations/{buyer.Organization}/reviews"))["average"]!.GetValue<double>().ShouldBe(4.67);

        // A second supplier reviewed better ranks first by rating.
        var second = withJiangxi["id"]!.GetValue<long>();
        await buyer.Caller.OkAsync(HttpMethod.Post, $"/api/v1/market/deals/{second}/delivered");
        await buyer.Caller.OkAsync(HttpMethod.Post, $"/api/v1/market/deals/{second}/reviews", new { quality = 5, onTime = 5, communication = 5 });
        var ranked = Items(await outsider.Caller.OkAsync(HttpMethod.Get, "/api/v1/market/suppliers?sort=rating&q=lithium"))
            .Select(s => s["id"]!.GetValue<long>()).Where(s => s == atacama.Organization || s == jiangxi.Organization).ToList();
        ranked.ShouldBe([jiangxi.Organization, atacama.Organization]);

        // Reviews are taken for 90 days after delivery.
        api.Clock.Advance(TimeSpan.FromDays(91));
        await desk.SignInAgainAsync(jiangxi);
        (await ProblemAsync(jiangxi.Caller, HttpMethod.Post, $"/api/v1/market/deals/{second}/reviews", new { quality = 5, onTime = 5, communication = 5 }))
            .ShouldBe((409, "review_window_closed"));
    }
}
