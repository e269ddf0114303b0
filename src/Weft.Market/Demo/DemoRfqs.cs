using Microsoft.EntityFrameworkCore;
using Weft.Market.Freight;
using Weft.Market.Organizations;
using Weft.Market.Rfqs;
using Weft.Market.Visibility;

namespace Weft.Market.Demo;

/// <summary>
/// The demo's RFQs: Lumen Cathodes' lithium carbonate RFQ, quoted by three suppliers in two currencies and closed, ready
/// to compare and award; its lithium hydroxide RFQ, open, with a question answered; and Nordvolt's spodumene RFQ, awarded.
/// The operator's freight table to Hamburg and Gothenburg and its currency rates make the quotes comparable.
/// </summary>
internal sealed class DemoRfqs(MarketDb data, FreightTables tables, Rfqs.Rfqs rfqs, Quotes quotes, RfqQuestions questions, Awards awards)
{
    public const string CarbonateTitle = "Lithium carbonate for Q2 2027";

    public async Task SeedAsync(long tenant, IReadOnlyDictionary<string, long> ids, CancellationToken ct)
    {
        var staff = MarketViewer.System;
        foreach (var (currency, rate) in new[] { ("CNY", 0.14m), ("EUR", 1.08m), ("AUD", 0.66m) })
            await tables.SetRateAsync(tenant, staff, currency, new CurrencyRateRequest(rate), ct);
        foreach (var (origin, destination, incoterm, perTonne) in new[]
        {
            ("CLMJS", "DEHAM", "FOB", 95m), ("CL", "DEHAM", "FOB", 105m), ("AR", "DEHAM", "FOB", 110m), ("CNSHA", "DEHAM", "FOB", 70m),
            ("CL", "DEHAM", "EXW", 140m), ("AUPHE", "SEGOT", "FOB", 48m), ("AUEPR", "SEGOT", "FOB", 52m), ("CNSHA", "SEGOT", "FOB", 68m),
        })
            await tables.SetFreightAsync(tenant, staff, new FreightRateRequest(origin, destination, incoterm, perTonne), ct);

        var now = data.Now;
        var lumen = Member(ids["lumen-cathodes"], MarketRoles.BuyerAdmin, "Bea Buyer");
        Marketplace(ids, out var atacama, out var altiplano, out var jiangxi, out var sichuan);

        // Closed and ready to award: three quotes, two currencies, three incoterms.
        var carbonate = await rfqs.CreateAsync(tenant, lumen, Rfq(CarbonateTitle, "lithium-carbonate", "Battery grade", "Li2CO3 ≥ 99.5 %, Na ≤ 250 ppm, magnetic impurities ≤ 50 ppb", 500,
            "DEHAM", now.AddMinutes(5), [atacama.Organization, altiplano.Organization, jiangxi.Organization], false, now), ct);
        await quotes.SubmitAsync(tenant, atacama, carbonate.Id, Quote("USD", "FOB", "CLMJS", 11_000m, 300m, now, null), ct);
        await quotes.SubmitAsync(tenant, altiplano, carbonate.Id, Quote("USD", "CFR", "ARBUE", 11_350m, 500m, now, null), ct);
        await quotes.SubmitAsync(tenant, jiangxi, carbonate.Id, Quote("CNY", "CIF", "CNSHA", 78_000m, 250m, now, "Na ≤ 300 ppm"), ct);
        await CloseNowAsync(tenant, carbonate.Id, ct);

        // Open: a week to quote, a question answered for everyone.
        var hydroxide = await rfqs.CreateAsync(tenant, lumen, Rfq("Lithium hydroxide, H2 2027", "lithium-hydroxide", "Battery grade LiOH·H2O", "LiOH ≥ 56.5 %, CO3 ≤ 0.7 %", 200,
            "DEHAM", now.AddDays(7), [jiangxi.Organization, sichuan.Organization], true, now), ct);
        var question = await questions.AskAsync(tenant, jiangxi, hydroxide.Id, new QuestionRequest("May the hydroxide ship in 500 kg bags instead of 1 t bags?"), ct);
        await questions.AnswerAsync(tenant, lumen, hydroxide.Id, question.Id, new AnswerRequest("Yes, 500 kg bags on pallets are fine."), ct);
        await quotes.SubmitAsync(tenant, sichuan, hydroxide.Id, Quote("CNY", "CIF", "CNSHA", 82_000m, 200m, now, null), ct);

        // Awarded: Nordvolt's spodumene, split between two Australian suppliers.
        var nordvolt = Member(ids["nordvolt-gigafactory"], MarketRoles.BuyerAdmin, "Nordvolt sourcing");
        var pilbara = Member(ids["pilbara-spodumene"], MarketRoles.SupplierAdmin, "Pilbara sales");
        var greenbushes = Member(ids["greenbushes-minerals"], MarketRoles.SupplierAdmin, "Greenbushes sales");
        var spodumene = await rfqs.CreateAsync(tenant, nordvolt, Rfq("Spodumene SC6 for the 2027 conversion", "spodumene-concentrate", "SC6", "Li2O ≥ 6.0 %, Fe2O3 ≤ 1.0 %", 20_000,
            "SEGOT", now.AddMinutes(5), [pilbara.Organization, greenbushes.Organization], false, now), ct);
        var first = await quotes.SubmitAsync(tenant, pilbara, spodumene.Id, Quote("USD", "FOB", "AUPHE", 1_050m, 12_000m, now, null), ct);
        var second = await quotes.SubmitAsync(tenant, greenbushes, spodumene.Id, Quote("AUD", "FOB", "AUEPR", 1_620m, 20_000m, now, null), ct);
        await CloseNowAsync(tenant, spodumene.Id, ct);
        await awards.AwardAsync(tenant, nordvolt, spodumene.Id, new AwardRequest([new AwardLineRequest(1, first.Id, 12_000m), new AwardLineRequest(1, second.Id, 8_000m)]), ct);
    }

    private static void Marketplace(IReadOnlyDictionary<string, long> ids, out MarketViewer atacama, out MarketViewer altiplano, out MarketViewer jiangxi, out MarketViewer sichuan)
    {
        atacama = Member(ids["atacama-lithium"], MarketRoles.SupplierAdmin, "Sam Sales");
        altiplano = Member(ids["altiplano-litio"], MarketRoles.SupplierAdmin, "Sol Sales");
        jiangxi = Member(ids["jiangxi-lithium"], MarketRoles.SupplierAdmin, "Sid Sales");
        sichuan = Member(ids["sichuan-hydroxide"], MarketRoles.SupplierAdmin, "Sichuan sales");
    }

    private static MarketViewer Member(long organization, string role, string name) => MarketViewer.Member(organization, role, 0, name);

    /// <summary>The demo's past: quoting ended a moment ago (the flow's timer, when it comes, finds the RFQ closed already).</summary>
    private Task CloseNowAsync(long tenant, long id, CancellationToken ct) =>
        data.ChangeAsync(tenant, MarketViewer.System, async db =>
        {
            var rfq = await db.Rfqs.FirstAsync(r => r.Id == id, ct);
            rfq.State = RfqStates.Closed;
            rfq.ClosesAt = data.Now;
            rfq.ClosedAt = data.Now;
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);

    private static CreateRfqRequest Rfq(string title, string material, string grade, string specification, decimal quantity, string destination, DateTime closesAt,
        IReadOnlyList<long> suppliers, bool open, DateTime now) =>
        new(title, [new RfqLineRequest(material, grade, specification, quantity, "t")], now.AddMonths(4), now.AddMonths(7), destination, "CIF",
            "30 days after bill of lading", [new AttachmentRequest("Specification sheet", "https://example.com/specifications/" + material + ".pdf")], closesAt, open, suppliers);

    private static QuoteRequest Quote(string currency, string incoterm, string origin, decimal price, decimal quantity, DateTime now, string? deviations) =>
        new(currency, incoterm, origin, now.AddMonths(2), 45, null, [new QuoteLineRequest(1, price, quantity, deviations)]);
}
