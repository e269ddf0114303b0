using System.Text.Json.Nodes;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;
using static Weft.Host.Tests.Infrastructure.RfqDesk;

namespace Weft.Host.Tests;

/// <summary>
/// An RFQ's history: what its flow job did, as the engine recorded it, merged with what people did on it, oldest first;
/// the buyer reads all of it, an invited supplier what is public and its own quotes, nobody else anything.
/// </summary>
public sealed class TracingRfqHistory
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_buyer_reads_the_whole_story_a_supplier_the_public_part_and_its_own_quotes(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var market = new Marketplace(api);
        var desk = new RfqDesk(market);
        var buyer = await market.BuyerAsync("Lumen Cathodes", "DE");
        var other = await market.BuyerAsync("Nordvolt", "SE");
        var atacama = await market.SupplierAsync("Atacama Lithium", "CL");
        var jiangxi = await market.SupplierAsync("Jiangxi Lithium", "CN");
        var uninvited = await market.SupplierAsync("Puna Resources", "AR");
        var rfq = await desk.CreateAsync(buyer, [atacama.Organization, jiangxi.Organization]);
        var start = api.Clock.GetUtcNow().UtcDateTime;

        var question = await atacama.Caller.OkAsync(HttpMethod.Post, $"/api/v1/market/rfqs/{rfq}/questions", new { text = "Bags or bulk?" });
        await buyer.Caller.OkAsync(HttpMethod.Post, $"/api/v1/market/rfqs/{rfq}/questions/{question["id"]}/answer", new { answer = "1 t jumbo bags." });
        var atacamaQuote = await desk.QuoteAsync(atacama, rfq, Quote("USD", "CIF", "CLMJS", (1, 11_000m, 500m)));
        await desk.PassAsync(start.AddHours(1), buyer, atacama, jiangxi);
        await desk.QuoteAsync(atacama, rfq, Quote("USD", "CIF", "CLMJS", (1, 10_900m, 500m)));
        var jiangxiQuote = await desk.QuoteAsync(jiangxi, rfq, Quote("USD", "CIF", "CNSHA", (1, 10_800m, 500m)));
        var extended = Deadline.AddDays(1);
        await buyer.Caller.OkAsync(HttpMethod.Put, $"/api/v1/market/rfqs/{rfq}/deadline", new { closesAt = extended });
        await desk.PassAsync(extended.AddHours(-23), buyer, atacama, jiangxi);
        await desk.PassAsync(extended.AddMinutes(1), buyer, atacama, jiangxi, uninvited, other);
        await buyer.Caller.OkAsync(HttpMethod.Post, $"/api/v1/market/rfqs/{rfq}/awards", new { awards = new[] { new { line = 1, quote = jiangxiQuote, quantity = 500 } } });

        async Task<List<JsonNode>> HistoryOf(WeftCaller caller) =>
            (await caller.OkAsync(HttpMethod.Get, $"/api/v1/market/rfqs/{rfq}/history")).AsArray().Select(e => e!).ToList();
        static List<string> Kinds(List<JsonNode> events) => events.Select(e => e["kind"]!.GetValue<string>()).ToList();

        // The buyer: everything, oldest first, with the suppliers' names.
        var seenByBuyer = await HistoryOf(buyer.Caller);
        var at = seenByBuyer.Select(e => e["at"]!.GetValue<DateTime>()).ToList();
        at.ShouldBe(at.Order().ToList());
        var kinds = Kinds(seenByBuyer);
        kinds[0].ShouldBe("created");
        kinds.Count(k => k == "invited").ShouldBe(2);
        kinds.Count(k => k == "quote_submitted").ShouldBe(2);
        kinds.Count(k => k == "quote_revised").ShouldBe(1);
        foreach (var kind in new[] { "question_asked", "question_answered", "deadline_extended", "reminders_sent", "closed", "awarded" }) kinds.Count(k => k == kind).ShouldBe(1, kind);
        kinds.IndexOf("deadline_extended").ShouldBeLessThan(kinds.IndexOf("reminders_sent"));
        kinds.IndexOf("reminders_sent").ShouldBeLessThan(kinds.IndexOf("closed"));
        kinds.IndexOf("closed").ShouldBeLessThan(kinds.IndexOf("awarded"));
        seenByBuyer.Single(e => e["kind"]!.GetValue<string>() == "quote_revised")["supplierName"]!.GetValue<string>().ShouldBe("Atacama Lithium");
        seenByBuyer.Single(e => e["kind"]!.GetValue<string>() == "awarded")["text"]!.GetValue<string>().ShouldContain("Jiangxi Lithium");
        seenByBuyer.Single(e => e["kind"]!.GetValue<string>() == "deadline_extended")["text"]!.GetValue<string>().ShouldContain("2026-11-10 12:00 UTC");
        // The question is as anonymous here as on the RFQ.
        seenByBuyer.Single(e => e["kind"]!.GetValue<string>() == "question_asked").ToJsonString().ShouldNotContain("Atacama");
        (await HistoryOf(market.Staff)).Count.ShouldBe(seenByBuyer.Count);

        // A supplier: the public events and its own quotes; never the other supplier's quotes, nor whom the buyer invited.
        var seenByAtacama = await HistoryOf(atacama.Caller);
        var theirs = Kinds(seenByAtacama);
        foreach (var kind in new[] { "created", "question_asked", "question_answered", "deadline_extended", "closed", "awarded" }) theirs.ShouldContain(kind);
        theirs.ShouldNotContain("invited");
        theirs.ShouldNotContain("reminders_sent");
        var quotes = seenByAtacama.Where(e => e["kind"]!.GetValue<string>().StartsWith("quote_", StringComparison.Ordinal)).ToList();
        quotes.Count.ShouldBe(2);
        quotes.ShouldAllBe(e => e["supplier"]!.GetValue<long>() == atacama.Organization);
        quotes[0]["text"]!.GetValue<string>().ShouldContain(atacamaQuote.ToString(System.Globalization.CultureInfo.InvariantCulture));
        string.Join("\n", seenByAtacama.Select(e => e.ToJsonString())).ShouldNotContain("Jiangxi");
        seenByAtacama.Single(e => e["kind"]!.GetValue<string>() == "awarded")["text"]!.GetValue<string>().ShouldContain("another supplier");
        var seenByJiangxi = await HistoryOf(jiangxi.Caller);
        seenByJiangxi.Where(e => e["kind"]!.GetValue<string>().StartsWith("quote_", StringComparison.Ordinal)).ShouldAllBe(e => e["supplier"]!.GetValue<long>() == jiangxi.Organization);
        string.Join("\n", seenByJiangxi.Select(e => e.ToJsonString())).ShouldNotContain("Atacama");

        // Nobody else reads it.
        (await ProblemAsync(uninvited.Caller, HttpMethod.Get, $"/api/v1/market/rfqs/{rfq}/history")).ShouldBe((404, "rfq_not_found"));
        (await ProblemAsync(other.Caller, HttpMethod.Get, $"/api/v1/market/rfqs/{rfq}/history")).ShouldBe((404, "rfq_not_found"));
        (await ProblemAsync(buyer.Caller, HttpMethod.Get, "/api/v1/market/rfqs/999999/history")).ShouldBe((404, "rfq_not_found"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_cancelled_rfq_ends_its_history_with_the_reason_and_nothing_after(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var market = new Marketplace(api);
        var desk = new RfqDesk(market);
        var buyer = await market.BuyerAsync();
        var supplier = await market.SupplierAsync();
        var rfq = await desk.CreateAsync(buyer, [supplier.Organization]);
        await buyer.Caller.OkAsync(HttpMethod.Post, $"/api/v1/market/rfqs/{rfq}/cancel", new { reason = "Demand moved to Q3." });
        await desk.PassAsync(Deadline.AddDays(31), buyer, supplier);

        var events = (await supplier.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/rfqs/{rfq}/history")).AsArray().Select(e => e!).ToList();
        events.Select(e => e["kind"]!.GetValue<string>()).ShouldBe(["created", "cancelled"]);
        events[^1]["text"]!.GetValue<string>().ShouldContain("Demand moved to Q3.");
    }
}
