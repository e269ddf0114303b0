using System.Text.Json.Nodes;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;
using static Weft.Host.Tests.Infrastructure.RfqDesk;

namespace Weft.Host.Tests;

/// <summary>
/// Requests for quotation: a buyer writes one and invites suppliers, answers their questions for all to read, the
/// suppliers quote line by line in their currencies until the engine's timer closes quoting, and the buyer compares the
/// quotes in landed cost and awards each line whole or split; every supplier that quoted is told how it went.
/// </summary>
public sealed class TradingByRfq
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_rfq_end_to_end_through_the_API_invite_QA_quotes_in_two_currencies_deadline_comparison_in_landed_cost_split_award(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var market = new Marketplace(api);
        var desk = new RfqDesk(market);
        var buyer = await market.BuyerAsync("Lumen Cathodes", "DE");
        var atacama = await market.SupplierAsync("Atacama Lithium", "CL");
        var jiangxi = await market.SupplierAsync("Jiangxi Lithium", "CN");
        var altiplano = await market.SupplierAsync("Altiplano Litio", "AR");

        // The operator keeps the rates: one yuan is 0.14 dollars; FOB from Mejillones to Hamburg the buyer adds 95 $/t.
        await market.Staff.OkAsync(HttpMethod.Put, "/api/v1/market/currency-rates/CNY", new { rate = 0.14 });
        await market.Staff.OkAsync(HttpMethod.Put, "/api/v1/market/freight-rates", new { origin = "CLMJS", destination = "DEHAM", incoterm = "FOB", perTonne = 95 });

        // The buyer writes the RFQ for two suppliers, then invites a third.
        var rfq = await desk.CreateAsync(buyer, [atacama.Organization, jiangxi.Organization]);
        var written = await buyer.Caller.OkAsync(HttpMethod.Post, $"/api/v1/market/rfqs/{rfq}/invitations", new { suppliers = new[] { altiplano.Organization } });
        written["state"]!.GetValue<string>().ShouldBe("open");
        written["number"]!.GetValue<string>().ShouldStartWith("RFQ-");
        written["invited"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()).ShouldBe(["Atacama Lithium", "Jiangxi Lithium", "Altiplano Litio"]);
        written["lines"]!.AsArray().Count.ShouldBe(2);
        written["attachments"]![0]!["url"]!.GetValue<string>().ShouldBe("https://lumen.example/spec.pdf");
        var job = written["job"]!.GetValue<long>();
        Items(await altiplano.Caller.OkAsync(HttpMethod.Get, "/api/v1/market/notices")).ShouldContain(n => n["kind"]!.GetValue<string>() == "rfq_invited");

        // A supplier asks; the buyer answers; every invitee reads both, without who asked.
        var question = await atacama.Caller.OkAsync(HttpMethod.Post, $"/api/v1/market/rfqs/{rfq}/questions", new { text = "Is 99.2 % Li2CO3 acceptable for line 1?" });
        await buyer.Caller.OkAsync(HttpMethod.Post, $"/api/v1/market/rfqs/{rfq}/questions/{question["id"]}/answer", new { answer = "No: 99.5 % minimum." });
        var seenByJiangxi = await jiangxi.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/rfqs/{rfq}");
        var shared = seenByJiangxi["questions"]!.AsArray().Single()!;
        shared["text"]!.GetValue<string>().ShouldBe("Is 99.2 % Li2CO3 acceptable for line 1?");
        shared["answer"]!.GetValue<string>().ShouldBe("No: 99.5 % minimum.");
        shared["mine"]!.GetValue<bool>().ShouldBeFalse();
        shared.ToJsonString().ShouldNotContain("Atacama");
        (await atacama.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/rfqs/{rfq}"))["questions"]![0]!["mine"]!.GetValue<bool>().ShouldBeTrue();
        // A supplier sees that it is invited, not whom else the buyer invited.
        seenByJiangxi["invited"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()).ShouldBe(["Jiangxi Lithium"]);
        Items(await jiangxi.Caller.OkAsync(HttpMethod.Get, "/api/v1/market/notices")).ShouldContain(n => n["kind"]!.GetValue<string>() == "rfq_question_answered");

        // Quotes in two currencies and three incoterms.
        await desk.QuoteAsync(atacama, rfq, Quote("USD", "FOB", "CLMJS", (1, 11_000m, 300m)));
        var jiangxiQuote = await desk.QuoteAsync(jiangxi, rfq, Quote("CNY", "CIF", "CNSHA", (1, 78_000m, 500m), (2, 82_000m, 200m)));

        // A day before the deadline the engine reminds the invitee who has not quoted; then it quotes too.
        await desk.PassAsync(Deadline.AddHours(-23), buyer, atacama, jiangxi, altiplano);
        Items(await altiplano.Caller.OkAsync(HttpMethod.Get, "/api/v1/market/notices")).ShouldContain(n => n["kind"]!.GetValue<string>() == "rfq_reminder");
        Items(await atacama.Caller.OkAsync(HttpMethod.Get, "/api/v1/market/notices")).ShouldNotContain(n => n["kind"]!.GetValue<string>() == "rfq_reminder");
        await desk.QuoteAsync(altiplano, rfq, Quote("USD", "CFR", "ARBUE", (1, 11_200m, 500m)));

        // The deadline passes: the engine's timer closes quoting, and the buyer is told.
        await desk.PassAsync(Deadline.AddMinutes(1), buyer, atacama, jiangxi, altiplano);
        (await buyer.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/rfqs/{rfq}"))["state"]!.GetValue<string>().ShouldBe("closed");
        Items(await buyer.Caller.OkAsync(HttpMethod.Get, "/api/v1/market/notices")).First()["kind"]!.GetValue<string>().ShouldBe("rfq_closed");
        (await ProblemAsync(atacama.Caller, HttpMethod.Put, $"/api/v1/market/rfqs/{rfq}/quote", Quote("USD", "FOB", "CLMJS", (1, 10_500m, 300m))))
            .ShouldBe((409, "quoting_closed"));

        // Side by side in dollars landed in Hamburg: 78,000 CNY CIF is 10,920 $; 11,000 $ FOB plus 95 $ freight is 11,095 $; 11,200 $ CFR.
        var comparison = await buyer.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/rfqs/{rfq}/comparison");
        comparison["reportingCurrency"]!.GetValue<string>().ShouldBe("USD");
        var line1 = comparison["lines"]![0]!["offers"]!.AsArray();
        line1.Select(o => o!["supplierName"]!.GetValue<string>()).ShouldBe(["Jiangxi Lithium", "Atacama Lithium", "Altiplano Litio"]);
        line1.Select(o => o!["landedPerUnit"]!.GetValue<decimal>()).ShouldBe([10_920m, 11_095m, 11_200m]);
        line1[0]!["cheapest"]!.GetValue<bool>().ShouldBeTrue();
        line1[1]!["freightPerUnit"]!.GetValue<decimal>().ShouldBe(95m);
        line1[1]!["landedTotal"]!.GetValue<decimal>().ShouldBe(11_095m * 300);
        comparison["lines"]![1]!["offers"]!.AsArray().Single()!["landedPerUnit"]!.GetValue<decimal>().ShouldBe(11_480m);

        // Line 1 split: 300 t to Jiangxi, 200 t to Atacama; line 2 whole to Jiangxi. Altiplano loses.
        var atacamaQuote = line1[1]!["quote"]!.GetValue<long>();
        var awards = (await buyer.Caller.OkAsync(HttpMethod.Post, $"/api/v1/market/rfqs/{rfq}/awards", new
        {
            awards = new object[]
            {
                new { line = 1, quote = jiangxiQuote, quantity = 300 },
                new { line = 1, quote = atacamaQuote, quantity = 200 },
                new { line = 2, quote = jiangxiQuote, quantity = 200 },
            },
        })).AsArray();
        awards.Count.ShouldBe(3);
        awards.Where(a => a!["line"]!.GetValue<int>() == 1).Sum(a => a!["quantity"]!.GetValue<decimal>()).ShouldBe(500m);
        awards.Single(a => a!["quote"]!.GetValue<long>() == atacamaQuote)!["landedPrice"]!.GetValue<decimal>().ShouldBe(11_095m);
        var after = await buyer.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/rfqs/{rfq}");
        after["state"]!.GetValue<string>().ShouldBe("awarded");
        (await buyer.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/rfqs/{rfq}/comparison"))["lines"]![0]!["offers"]![1]!["awarded"]!.GetValue<decimal>().ShouldBe(200m);

        // Everyone who quoted is told; a supplier sees its own award only.
        Items(await atacama.Caller.OkAsync(HttpMethod.Get, "/api/v1/market/notices")).First()["kind"]!.GetValue<string>().ShouldBe("rfq_awarded");
        Items(await jiangxi.Caller.OkAsync(HttpMethod.Get, "/api/v1/market/notices")).First()["kind"]!.GetValue<string>().ShouldBe("rfq_awarded");
        Items(await altiplano.Caller.OkAsync(HttpMethod.Get, "/api/v1/market/notices")).First()["kind"]!.GetValue<string>().ShouldBe("rfq_not_awarded");
        (await atacama.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/rfqs/{rfq}/awards")).AsArray().Single()!["quantity"]!.GetValue<decimal>().ShouldBe(200m);
        Items(await altiplano.Caller.OkAsync(HttpMethod.Get, "/api/v1/market/quotes")).Single()["state"]!.GetValue<string>().ShouldBe("lost");

        // The RFQ's life is its flow's history: reminded, closed, awarded, ended.
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{job}"))["state"]!.GetValue<string>().ShouldBe("completed");
        var nodes = Items(await api.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{job}/events?limit=200")).Select(e => e["node"]?.GetValue<string>()).ToList();
        nodes.ShouldContain("remind");
        nodes.ShouldContain("close");
        nodes.ShouldContain("awarded");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Foreign_rfqs_and_quotes_answer_like_missing_ones_in_reads_writes_lists_and_exports(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var market = new Marketplace(api);
        var desk = new RfqDesk(market);
        var lumen = await market.BuyerAsync("Lumen Cathodes", "DE");
        var nordvolt = await market.BuyerAsync("Nordvolt", "SE");
        var invited = await market.SupplierAsync("Atacama Lithium", "CL");
        var verified = await market.SupplierAsync("Puna Resources", "AR");
        var unverified = await market.SupplierAsync("Catamarca Minerals", "AR", verified: false);

        var closed = await desk.CreateAsync(lumen, [invited.Organization]);
        var open = await desk.CreateAsync(lumen, [], openToVerified: true);
        var theirs = await desk.CreateAsync(nordvolt, [verified.Organization]);
        var invitedQuote = await desk.QuoteAsync(invited, closed, Quote("USD", "CIF", "CLMJS", (1, 11_000m, 500m)));
        var openQuote = await desk.QuoteAsync(verified, open, Quote("USD", "CIF", "ARBUE", (1, 11_100m, 500m)));
        var question = await invited.Caller.OkAsync(HttpMethod.Post, $"/api/v1/market/rfqs/{closed}/questions", new { text = "Bags or bulk?" });

        // Lists: each sees its own RFQs, those it is invited to, and open ones when verified.
        async Task<long[]> RfqsOf(WeftCaller caller) => Items(await caller.OkAsync(HttpMethod.Get, "/api/v1/market/rfqs")).Select(r => r["id"]!.GetValue<long>()).Order().ToArray();
        (await RfqsOf(lumen.Caller)).ShouldBe([closed, open]);
        (await RfqsOf(nordvolt.Caller)).ShouldBe([theirs]);
        (await RfqsOf(invited.Caller)).ShouldBe([closed, open]);
        (await RfqsOf(verified.Caller)).ShouldBe([open, theirs]);
        (await RfqsOf(unverified.Caller)).ShouldBeEmpty();
        (await RfqsOf(market.Staff)).ShouldBe([closed, open, theirs]);
        async Task<long[]> QuotesOf(WeftCaller caller, string url = "/api/v1/market/quotes") =>
            Items(await caller.OkAsync(HttpMethod.Get, url)).Select(r => r["id"]!.GetValue<long>()).Order().ToArray();
        (await QuotesOf(lumen.Caller)).ShouldBe([invitedQuote, openQuote]);
        (await QuotesOf(nordvolt.Caller)).ShouldBeEmpty();
        (await QuotesOf(invited.Caller)).ShouldBe([invitedQuote]);
        (await QuotesOf(verified.Caller)).ShouldBe([openQuote]);
        (await QuotesOf(invited.Caller, $"/api/v1/market/rfqs/{open}/quotes")).ShouldBeEmpty();
        Items(await verified.Caller.OkAsync(HttpMethod.Get, "/api/v1/market/notices")).ShouldNotContain(n => n["rfq"]!.GetValue<long>() == closed);

        // A foreign RFQ answers exactly like a missing one, to every read and write.
        var missing = 999_999L;
        foreach (var (caller, who) in new[] { (nordvolt.Caller, "another buyer"), (verified.Caller, "an uninvited supplier"), (unverified.Caller, "an unverified supplier") })
            foreach (var id in new[] { closed, missing })
            {
                var expected = (404, "rfq_not_found");
                (await ProblemAsync(caller, HttpMethod.Get, $"/api/v1/market/rfqs/{id}")).ShouldBe(expected, who);
                (await ProblemAsync(caller, HttpMethod.Get, $"/api/v1/market/rfqs/{id}/quotes")).ShouldBe(expected, who);
                (await ProblemAsync(caller, HttpMethod.Get, $"/api/v1/market/rfqs/{id}/comparison")).ShouldBe(expected, who);
                (await ProblemAsync(caller, HttpMethod.Get, $"/api/v1/market/rfqs/{id}/comparison.csv")).ShouldBe(expected, who);
                (await ProblemAsync(caller, HttpMethod.Get, $"/api/v1/market/rfqs/{id}/awards")).ShouldBe(expected, who);
                (await ProblemAsync(caller, HttpMethod.Put, $"/api/v1/market/rfqs/{id}/quote", Quote("USD", "CIF", "ARBUE", (1, 9_000m, 500m)))).ShouldBe(expected, who);
                (await ProblemAsync(caller, HttpMethod.Post, $"/api/v1/market/rfqs/{id}/questions", new { text = "Hello?" })).ShouldBe(expected, who);
                (await ProblemAsync(caller, HttpMethod.Post, $"/api/v1/market/rfqs/{id}/questions/{question["id"]}/answer", new { answer = "Mine" })).ShouldBe(expected, who);
                (await ProblemAsync(caller, HttpMethod.Post, $"/api/v1/market/rfqs/{id}/invitations", new { suppliers = new[] { verified.Organization } })).ShouldBe(expected, who);
                (await ProblemAsync(caller, HttpMethod.Post, $"/api/v1/market/rfqs/{id}/awards",
                    new { awards = new[] { new { line = 1, quote = invitedQuote, quantity = 100 } } })).ShouldBe(expected, who);
            }
        // An open RFQ is nobody's but the verified suppliers' and its buyer's.
        (await ProblemAsync(unverified.Caller, HttpMethod.Put, $"/api/v1/market/rfqs/{open}/quote", Quote("USD", "CIF", "ARBUE", (1, 9_000m, 500m)))).ShouldBe((404, "rfq_not_found"));
        (await ProblemAsync(nordvolt.Caller, HttpMethod.Get, $"/api/v1/market/rfqs/{open}")).ShouldBe((404, "rfq_not_found"));

        // A foreign quote answers like a missing one too: to the competitor and to another buyer.
        foreach (var caller in new[] { verified.Caller, nordvolt.Caller, unverified.Caller })
        {
            (await ProblemAsync(caller, HttpMethod.Get, $"/api/v1/market/quotes/{invitedQuote}")).ShouldBe((404, "quote_not_found"));
            (await ProblemAsync(caller, HttpMethod.Get, $"/api/v1/market/quotes/{missing}")).ShouldBe((404, "quote_not_found"));
        }
        (await invited.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/quotes/{invitedQuote}"))["supplierName"]!.GetValue<string>().ShouldBe("Atacama Lithium");
        (await lumen.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/quotes/{openQuote}"))["lines"]![0]!["price"]!.GetValue<decimal>().ShouldBe(11_100m);
        // A supplier never compares its competitors' prices, even on an RFQ it sees.
        (await ProblemAsync(invited.Caller, HttpMethod.Get, $"/api/v1/market/rfqs/{closed}/comparison")).ShouldBe((403, "buyers_only"));
        (await ProblemAsync(verified.Caller, HttpMethod.Get, $"/api/v1/market/rfqs/{open}/comparison.csv")).ShouldBe((403, "buyers_only"));
        var csv = await (await lumen.Caller.SendAsync(HttpMethod.Get, $"/api/v1/market/rfqs/{closed}/comparison.csv")).Content.ReadAsStringAsync();
        csv.ShouldContain("Atacama Lithium");
        csv.ShouldNotContain("Puna Resources");

        // What the refused writes left: the RFQ as it was.
        var unchanged = await lumen.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/rfqs/{closed}");
        unchanged["invited"]!.AsArray().Count.ShouldBe(1);
        unchanged["questions"]!.AsArray().Single()!["answer"].ShouldBeNull();
        (await QuotesOf(lumen.Caller, $"/api/v1/market/rfqs/{closed}/quotes")).ShouldBe([invitedQuote]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_rules_of_quoting_and_awarding_refuse_what_breaks_them_and_change_nothing(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var market = new Marketplace(api);
        var desk = new RfqDesk(market);
        var buyer = await market.BuyerAsync();
        var atacama = await market.SupplierAsync("Atacama Lithium", "CL");
        var jiangxi = await market.SupplierAsync("Jiangxi Lithium", "CN");
        var uninvited = await market.SupplierAsync("Puna Resources", "AR");
        var rfq = await desk.CreateAsync(buyer, [atacama.Organization, jiangxi.Organization]);
        var other = await desk.CreateAsync(buyer, [uninvited.Organization]);
        var otherQuote = await desk.QuoteAsync(uninvited, other, Quote("USD", "CIF", "ARBUE", (1, 10_000m, 500m)));

        // Who may do what.
        (await ProblemAsync(atacama.Caller, HttpMethod.Post, "/api/v1/market/rfqs", Request([jiangxi.Organization]))).ShouldBe((403, "buyers_only"));
        (await ProblemAsync(market.Staff, HttpMethod.Post, "/api/v1/market/rfqs", Request([jiangxi.Organization]))).ShouldBe((403, "buyers_only"));
        (await ProblemAsync(buyer.Caller, HttpMethod.Put, $"/api/v1/market/rfqs/{rfq}/quote", Quote("USD", "CIF", "DEHAM", (1, 1m, 1m)))).ShouldBe((403, "suppliers_only"));
        (await ProblemAsync(uninvited.Caller, HttpMethod.Put, $"/api/v1/market/rfqs/{rfq}/quote", Quote("USD", "CIF", "ARBUE", (1, 9_000m, 500m)))).ShouldBe((404, "rfq_not_found"));
        (await ProblemAsync(buyer.Caller, HttpMethod.Put, "/api/v1/market/freight-rates", new { origin = "CLMJS", destination = "DEHAM", incoterm = "FOB", perTonne = 1 }))
            .ShouldBe((403, "forbidden"));

        // Bad RFQs and quotes are refused for their fields, or for what the RFQ holds.
        var bad = await SecurityFixtures.ReadAsync(await buyer.Caller.SendAsync(HttpMethod.Post, "/api/v1/market/rfqs", new
        {
            title = "", lines = new[] { new { material = "gold", grade = "", quantity = -1, unit = "barrels" } }, destination = "DEHAM", incoterm = "XYZ",
            closesAt = "2020-01-01T00:00:00Z", suppliers = Array.Empty<long>(),
        }));
        (bad.Status, bad.Code).ShouldBe((400, "validation_failed"));
        foreach (var field in new[] { "title", "lines[0].material", "lines[0].grade", "lines[0].quantity", "lines[0].unit", "incoterm", "closesAt", "suppliers", "deliveryFrom", "paymentTerms" })
            bad.Body.ShouldContain($"\"{field}\"");
        (await ProblemAsync(buyer.Caller, HttpMethod.Post, "/api/v1/market/rfqs", Request([999_999]))).ShouldBe((422, "supplier_not_found"));
        (await ProblemAsync(buyer.Caller, HttpMethod.Post, "/api/v1/market/rfqs", Request([buyer.Organization]))).ShouldBe((422, "supplier_not_found"));
        (await ProblemAsync(atacama.Caller, HttpMethod.Put, $"/api/v1/market/rfqs/{rfq}/quote", Quote("EUR", "CIF", "CLMJS", (1, 10_000m, 500m)))).ShouldBe((422, "currency_unknown"));
        (await ProblemAsync(atacama.Caller, HttpMethod.Put, $"/api/v1/market/rfqs/{rfq}/quote", Quote("USD", "CIF", "CLMJS", (3, 10_000m, 500m)))).ShouldBe((422, "line_not_found"));
        (await ProblemAsync(atacama.Caller, HttpMethod.Put, $"/api/v1/market/rfqs/{rfq}/quote", Quote("USD", "CIF", "CLMJS", (1, 10_000m, 501m)))).ShouldBe((422, "quote_exceeds_quantity"));
        (await ProblemAsync(atacama.Caller, HttpMethod.Put, $"/api/v1/market/rfqs/{rfq}/quote", Quote("USD", "CIF", "CLMJS", (1, 10_000m, 100m), (1, 9_000m, 100m)))).ShouldBe((400, "validation_failed"));
        (await ProblemAsync(atacama.Caller, HttpMethod.Put, $"/api/v1/market/rfqs/{rfq}/quote", Quote("usd", "ZZZ", "", (1, 0m, 100m)))).ShouldBe((400, "validation_failed"));
        (await ProblemAsync(atacama.Caller, HttpMethod.Post, $"/api/v1/market/rfqs/{rfq}/questions", new { text = "" })).ShouldBe((400, "validation_failed"));
        (await ProblemAsync(buyer.Caller, HttpMethod.Post, $"/api/v1/market/rfqs/{rfq}/questions/999999/answer", new { answer = "Yes" })).ShouldBe((404, "question_not_found"));
        (await buyer.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/rfqs/{rfq}/quotes"))["items"]!.AsArray().ShouldBeEmpty();

        // A quote may be replaced while quoting is open; awarding waits for the deadline.
        var first = await desk.QuoteAsync(atacama, rfq, Quote("USD", "CIF", "CLMJS", (1, 11_000m, 500m)));
        (await desk.QuoteAsync(atacama, rfq, Quote("USD", "CIF", "CLMJS", (1, 10_800m, 400m)))).ShouldBe(first);
        var replaced = await atacama.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/quotes/{first}");
        replaced["lines"]!.AsArray().Single()!["price"]!.GetValue<decimal>().ShouldBe(10_800m);
        var jiangxiQuote = await desk.QuoteAsync(jiangxi, rfq, Quote("USD", "CIF", "CNSHA", (2, 12_000m, 150m)));
        (await ProblemAsync(buyer.Caller, HttpMethod.Post, $"/api/v1/market/rfqs/{rfq}/awards", new { awards = new[] { new { line = 1, quote = first, quantity = 100 } } }))
            .ShouldBe((409, "rfq_still_open"));

        // At the deadline quoting closes, even before the engine's timer has run.
        api.Clock.Advance(Deadline - api.Clock.GetUtcNow().UtcDateTime);
        await desk.SignInAgainAsync(buyer, atacama, jiangxi, uninvited);
        (await ProblemAsync(jiangxi.Caller, HttpMethod.Put, $"/api/v1/market/rfqs/{rfq}/quote", Quote("USD", "CIF", "CNSHA", (1, 9_000m, 500m)))).ShouldBe((409, "quoting_closed"));
        (await ProblemAsync(jiangxi.Caller, HttpMethod.Post, $"/api/v1/market/rfqs/{rfq}/questions", new { text = "Late?" })).ShouldBe((409, "quoting_closed"));
        (await ProblemAsync(buyer.Caller, HttpMethod.Post, $"/api/v1/market/rfqs/{rfq}/invitations", new { suppliers = new[] { uninvited.Organization } })).ShouldBe((409, "quoting_closed"));
        await desk.PassAsync(Deadline.AddMinutes(1), buyer, atacama, jiangxi);

        // Awards: never more than the line asks, nor than the quote offers, nor to a quote of another RFQ or for a line it did not price.
        async Task<(int, string?)> AwardAsync(params object[] awards) =>
            await ProblemAsync(buyer.Caller, HttpMethod.Post, $"/api/v1/market/rfqs/{rfq}/awards", new { awards });
        (await AwardAsync(new { line = 1, quote = first, quantity = 401 })).ShouldBe((422, "award_exceeds_quote"));
        (await AwardAsync(new { line = 2, quote = jiangxiQuote, quantity = 150 }, new { line = 1, quote = first, quantity = 400 }, new { line = 2, quote = first, quantity = 1 }))
            .ShouldBe((422, "line_not_quoted"));
        (await AwardAsync(new { line = 1, quote = otherQuote, quantity = 100 })).ShouldBe((422, "quote_not_found"));
        (await AwardAsync(new { line = 3, quote = first, quantity = 100 })).ShouldBe((422, "line_not_found"));
        (await AwardAsync(new { line = 1, quote = first, quantity = 0 })).ShouldBe((400, "validation_failed"));
        (await AwardAsync(new { line = 1, quote = first, quantity = 100 }, new { line = 1, quote = first, quantity = 100 })).ShouldBe((400, "validation_failed"));
        (await ProblemAsync(atacama.Caller, HttpMethod.Post, $"/api/v1/market/rfqs/{rfq}/awards", new { awards = new[] { new { line = 1, quote = first, quantity = 100 } } }))
            .ShouldBe((403, "buyers_only"));
        (await buyer.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/rfqs/{rfq}/awards")).AsArray().ShouldBeEmpty();
        (await buyer.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/rfqs/{rfq}"))["state"]!.GetValue<string>().ShouldBe("closed");

        // An award within the quantities goes through, once.
        (await buyer.Caller.OkAsync(HttpMethod.Post, $"/api/v1/market/rfqs/{rfq}/awards", new { awards = new[] { new { line = 1, quote = first, quantity = 400 } } })).AsArray().Count.ShouldBe(1);
        (await AwardAsync(new { line = 2, quote = jiangxiQuote, quantity = 150 })).ShouldBe((409, "rfq_not_awardable"));
        Items(await jiangxi.Caller.OkAsync(HttpMethod.Get, "/api/v1/market/notices")).First()["kind"]!.GetValue<string>().ShouldBe("rfq_not_awarded");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_rfq_not_awarded_in_time_lapses_and_its_suppliers_are_told(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var market = new Marketplace(api);
        var desk = new RfqDesk(market);
        var buyer = await market.BuyerAsync();
        var supplier = await market.SupplierAsync();
        var rfq = await desk.CreateAsync(buyer, [supplier.Organization]);
        await desk.QuoteAsync(supplier, rfq, Quote("USD", "CIF", "CLMJS", (1, 11_000m, 500m)));
        await desk.PassAsync(Deadline.AddMinutes(1));
        await desk.PassAsync(Deadline.AddDays(30).AddMinutes(2), buyer, supplier);
        (await buyer.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/rfqs/{rfq}"))["state"]!.GetValue<string>().ShouldBe("lapsed");
        Items(await supplier.Caller.OkAsync(HttpMethod.Get, "/api/v1/market/notices")).First()["kind"]!.GetValue<string>().ShouldBe("rfq_lapsed");
        (await ProblemAsync(buyer.Caller, HttpMethod.Post, $"/api/v1/market/rfqs/{rfq}/awards", new { awards = new[] { new { line = 1, quote = 1, quantity = 1 } } }))
            .ShouldBe((409, "rfq_not_awardable"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_buyer_extends_the_deadline_and_the_engine_closes_quoting_at_the_new_one(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var market = new Marketplace(api);
        var desk = new RfqDesk(market);
        var buyer = await market.BuyerAsync();
        var other = await market.BuyerAsync("Nordvolt", "SE");
        var supplier = await market.SupplierAsync();
        var rfq = await desk.CreateAsync(buyer, [supplier.Organization]);
        var extended = Deadline.AddDays(2);

        (await ProblemAsync(supplier.Caller, HttpMethod.Put, $"/api/v1/market/rfqs/{rfq}/deadline", new { closesAt = extended })).ShouldBe((403, "buyers_only"));
        (await ProblemAsync(other.Caller, HttpMethod.Put, $"/api/v1/market/rfqs/{rfq}/deadline", new { closesAt = extended })).ShouldBe((404, "rfq_not_found"));
        (await ProblemAsync(buyer.Caller, HttpMethod.Put, $"/api/v1/market/rfqs/{rfq}/deadline", new { closesAt = Deadline.AddHours(-1) })).ShouldBe((422, "deadline_not_extended"));
        (await buyer.Caller.OkAsync(HttpMethod.Put, $"/api/v1/market/rfqs/{rfq}/deadline", new { closesAt = extended }))["closesAt"]!.GetValue<DateTime>().ShouldBe(extended);
        Items(await supplier.Caller.OkAsync(HttpMethod.Get, "/api/v1/market/notices")).First()["kind"]!.GetValue<string>().ShouldBe("rfq_extended");

        // The old deadline passes: the engine's timer moved with it, so quoting stays open.
        await desk.PassAsync(Deadline.AddMinutes(1), buyer, supplier);
        (await buyer.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/rfqs/{rfq}"))["state"]!.GetValue<string>().ShouldBe("open");
        await desk.QuoteAsync(supplier, rfq, Quote("USD", "CIF", "CLMJS", (1, 11_000m, 500m)));

        await desk.PassAsync(extended.AddMinutes(1), buyer, supplier);
        (await buyer.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/rfqs/{rfq}"))["state"]!.GetValue<string>().ShouldBe("closed");
    }
}
