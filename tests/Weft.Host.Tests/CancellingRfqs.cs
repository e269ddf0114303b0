using Weft.Host.Tests.Infrastructure;
using Weft.Testing;
using static Weft.Host.Tests.Infrastructure.RfqDesk;

namespace Weft.Host.Tests;

/// <summary>
/// A buyer cancels an RFQ before awarding it: its quotes are cancelled, every supplier invited or quoting is told why,
/// and its flow job ends with it, so that no reminder or close comes afterwards; nothing more happens on it.
/// </summary>
public sealed class CancellingRfqs
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_buyer_cancels_an_open_rfq_the_suppliers_are_told_and_neither_quotes_nor_timers_touch_it_afterwards(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var market = new Marketplace(api);
        var desk = new RfqDesk(market);
        var buyer = await market.BuyerAsync();
        var other = await market.BuyerAsync("Nordvolt", "SE");
        var atacama = await market.SupplierAsync("Atacama Lithium", "CL");
        var jiangxi = await market.SupplierAsync("Jiangxi Lithium", "CN");
        var uninvited = await market.SupplierAsync("Puna Resources", "AR");
        var rfq = await desk.CreateAsync(buyer, [atacama.Organization, jiangxi.Organization]);
        var quote = await desk.QuoteAsync(atacama, rfq, Quote("USD", "CIF", "CLMJS", (1, 11_000m, 500m)));
        var job = (await buyer.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/rfqs/{rfq}"))["job"]!.GetValue<long>();

        // Who may cancel: the buyer only; refusals change nothing.
        var cancel = $"/api/v1/market/rfqs/{rfq}/cancel";
        (await ProblemAsync(other.Caller, HttpMethod.Post, cancel, new { reason = "Not mine" })).ShouldBe((404, "rfq_not_found"));
        (await ProblemAsync(uninvited.Caller, HttpMethod.Post, cancel, new { reason = "Not mine" })).ShouldBe((404, "rfq_not_found"));
        (await ProblemAsync(atacama.Caller, HttpMethod.Post, cancel, new { reason = "Not mine" })).ShouldBe((403, "buyers_only"));
        (await ProblemAsync(market.Staff, HttpMethod.Post, cancel, new { reason = "Staff" })).ShouldBe((403, "buyers_only"));
        (await ProblemAsync(buyer.Caller, HttpMethod.Post, cancel, new { reason = "  " })).ShouldBe((400, "validation_failed"));
        (await ProblemAsync(buyer.Caller, HttpMethod.Post, cancel, new { reason = new string('x', 501) })).ShouldBe((400, "validation_failed"));
        (await ProblemAsync(buyer.Caller, HttpMethod.Post, "/api/v1/market/rfqs/999999/cancel", new { reason = "Gone" })).ShouldBe((404, "rfq_not_found"));
        (await buyer.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/rfqs/{rfq}"))["state"]!.GetValue<string>().ShouldBe("open");

        var cancelled = await buyer.Caller.OkAsync(HttpMethod.Post, cancel, new { reason = "The cell line project was shelved." });
        cancelled["state"]!.GetValue<string>().ShouldBe("cancelled");
        cancelled["cancelReason"]!.GetValue<string>().ShouldBe("The cell line project was shelved.");
        cancelled["cancelledAt"].ShouldNotBeNull();

        // Every supplier invited or quoting is told why; the quote went with the RFQ; the flow's job is cancelled.
        foreach (var supplier in new[] { atacama, jiangxi })
        {
            var notice = Items(await supplier.Caller.OkAsync(HttpMethod.Get, "/api/v1/market/notices")).First();
            notice["kind"]!.GetValue<string>().ShouldBe("rfq_cancelled");
            notice["text"]!.GetValue<string>().ShouldContain("The cell line project was shelved.");
        }
        Items(await uninvited.Caller.OkAsync(HttpMethod.Get, "/api/v1/market/notices")).ShouldNotContain(n => n["kind"]!.GetValue<string>() == "rfq_cancelled");
        (await atacama.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/quotes/{quote}"))["state"]!.GetValue<string>().ShouldBe("cancelled");
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{job}"))["state"]!.GetValue<string>().ShouldBe("cancelled");

        // Nothing more happens on it: quotes, questions, awards, invitations, deadlines and a second cancel answer 409.
        (await ProblemAsync(jiangxi.Caller, HttpMethod.Put, $"/api/v1/market/rfqs/{rfq}/quote", Quote("USD", "CIF", "CNSHA", (1, 9_000m, 500m)))).ShouldBe((409, "quoting_closed"));
        (await ProblemAsync(jiangxi.Caller, HttpMethod.Post, $"/api/v1/market/rfqs/{rfq}/questions", new { text = "Why?" })).ShouldBe((409, "quoting_closed"));
        (await ProblemAsync(buyer.Caller, HttpMethod.Post, $"/api/v1/market/rfqs/{rfq}/awards", new { awards = new[] { new { line = 1, quote, quantity = 100 } } }))
            .ShouldBe((409, "rfq_not_awardable"));
        (await ProblemAsync(buyer.Caller, HttpMethod.Post, $"/api/v1/market/rfqs/{rfq}/invitations", new { suppliers = new[] { uninvited.Organization } })).ShouldBe((409, "quoting_closed"));
        (await ProblemAsync(buyer.Caller, HttpMethod.Put, $"/api/v1/market/rfqs/{rfq}/deadline", new { closesAt = Deadline.AddDays(3) })).ShouldBe((409, "quoting_closed"));
        (await ProblemAsync(buyer.Caller, HttpMethod.Post, cancel, new { reason = "Again" })).ShouldBe((409, "rfq_not_cancellable"));

        // The reminder's and the deadline's timers come due: the job is gone, so nothing fires and nobody is told anything more.
        var before = Items(await jiangxi.Caller.OkAsync(HttpMethod.Get, "/api/v1/market/notices")).Count();
        var buyerBefore = Items(await buyer.Caller.OkAsync(HttpMethod.Get, "/api/v1/market/notices")).Count();
        await desk.PassAsync(Deadline.AddDays(31), buyer, jiangxi);
        (await buyer.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/rfqs/{rfq}"))["state"]!.GetValue<string>().ShouldBe("cancelled");
        Items(await jiangxi.Caller.OkAsync(HttpMethod.Get, "/api/v1/market/notices")).Count().ShouldBe(before);
        Items(await buyer.Caller.OkAsync(HttpMethod.Get, "/api/v1/market/notices")).Count().ShouldBe(buyerBefore);
        var nodes = Items(await api.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{job}/events?limit=200")).Select(e => e["node"]?.GetValue<string>()).ToList();
        nodes.ShouldNotContain("remind");
        nodes.ShouldNotContain("close");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_closed_rfq_may_be_cancelled_an_awarded_one_may_not(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var market = new Marketplace(api);
        var desk = new RfqDesk(market);
        var buyer = await market.BuyerAsync();
        var supplier = await market.SupplierAsync();
        var closed = await desk.CreateAsync(buyer, [supplier.Organization]);
        var awarded = await desk.CreateAsync(buyer, [supplier.Organization]);
        await desk.QuoteAsync(supplier, closed, Quote("USD", "CIF", "CLMJS", (1, 11_000m, 500m)));
        var won = await desk.QuoteAsync(supplier, awarded, Quote("USD", "CIF", "CLMJS", (1, 11_000m, 500m)));
        await desk.PassAsync(Deadline.AddMinutes(1), buyer, supplier);
        await buyer.Caller.OkAsync(HttpMethod.Post, $"/api/v1/market/rfqs/{awarded}/awards", new { awards = new[] { new { line = 1, quote = won, quantity = 500 } } });

        (await ProblemAsync(buyer.Caller, HttpMethod.Post, $"/api/v1/market/rfqs/{awarded}/cancel", new { reason = "Too late" })).ShouldBe((409, "rfq_not_cancellable"));
        (await buyer.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/rfqs/{awarded}"))["state"]!.GetValue<string>().ShouldBe("awarded");
        (await buyer.Caller.OkAsync(HttpMethod.Post, $"/api/v1/market/rfqs/{closed}/cancel", new { reason = "Budget withdrawn" }))["state"]!.GetValue<string>().ShouldBe("cancelled");

        // The award's wait would have lapsed it: it stays cancelled.
        await desk.PassAsync(Deadline.AddDays(31), buyer, supplier);
        (await buyer.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/rfqs/{closed}"))["state"]!.GetValue<string>().ShouldBe("cancelled");
        Items(await supplier.Caller.OkAsync(HttpMethod.Get, "/api/v1/market/notices")).ShouldNotContain(n => n["kind"]!.GetValue<string>() == "rfq_lapsed");
    }
}
