using Microsoft.EntityFrameworkCore;
using Weft.Market.Deals;
using Weft.Market.Organizations;
using Weft.Market.Persistence;
using Weft.Market.Rfqs;
using Weft.Market.Suppliers;
using Weft.Market.Visibility;

namespace Weft.Market.Demo;

/// <summary>
/// The demo marketplace's past: deals its buyers made with most verified suppliers in the last months (an RFQ awarded
/// whole to one supplier, delivered), and the reviews each side wrote, through <see cref="Reviews"/>, so every rating in the
/// directory is what its reviews say. The past RFQs are records of what happened; their flows ended long ago.
/// </summary>
internal sealed class DealDemo(MarketDb data, Reviews reviews)
{
    private static readonly string[] Destinations = ["DEHAM", "SEGOT", "JPOSA", "USNYC", "KRPUS"];

    private static readonly string[] Praise =
    [
        "Assays matched the certificate of analysis; paperwork complete on arrival.",
        "Consistent quality across both lots, and the shipping documents came early.",
        "Good material. The vessel sailed a week late, but they told us in good time.",
        "Responsive sales team; answered our questions on sodium within a day.",
        "",
    ];

    private static readonly string[] Thanks = ["Clear specification and paid on time.", "Smooth process; the letter of credit opened promptly.", ""];

    public async Task SeedAsync(long tenant, IReadOnlyDictionary<string, long> ids, CancellationToken ct)
    {
        await using (var db = await data.OpenAsync(tenant, MarketViewer.System, ct))
            if (await db.Reviews.AnyAsync(ct)) return;
        var now = data.Now;
        var index = 0;
        var made = 0;
        foreach (var org in DemoOrganizations.Suppliers)
        {
            var i = index++;
            // Three suppliers in four have a record here; the rest are new to the marketplace.
            if (!org.Verified || i % 4 == 0) continue;
            var product = DemoSuppliers.For(org, i).Products[0];
            var target = 3.6 + i * 37 % 14 / 10.0;
            for (var n = 0; n < 1 + i % 3; n++)
            {
                var buyerOrg = DemoOrganizations.Buyers[(i + n) % DemoOrganizations.Buyers.Count];
                var buyer = ids[buyerOrg.Key];
                var supplier = ids[org.Key];
                var awardedAt = now.AddDays(-(40 + 25 * n + i));
                var deal = await PastDealAsync(tenant, buyer, supplier, buyerOrg.Name, product, Destinations[(i + n) % Destinations.Length], awardedAt, ct);
                made++;
                var score = (int)Math.Clamp(Math.Round(target + (n % 2 == 0 ? 0.2 : -0.3)), 1, 5);
                await reviews.ReviewAsync(tenant, MarketViewer.Member(buyer, MarketRoles.BuyerAdmin, 0, $"{buyerOrg.Name} purchasing"), deal,
                    new ReviewRequest(score, Math.Clamp(score - (i + n) % 2, 1, 5), Math.Clamp(score + n % 2, 1, 5), Praise[(i + n) % Praise.Length]), ct);
                if ((i + n) % 3 != 0)
                    await reviews.ReviewAsync(tenant, MarketViewer.Member(supplier, MarketRoles.SupplierAdmin, 0, $"{org.Name} sales"), deal,
                        new ReviewRequest(5, 4 + n % 2, 5, Thanks[(i + n) % Thanks.Length]), ct);
            }
        }
    }

    /// <summary>An RFQ awarded whole to one supplier and delivered a few weeks later; returns the deal's id.</summary>
    private Task<long> PastDealAsync(long tenant, long buyer, long supplier, string buyerName, DemoSuppliers.Product product, string destination, DateTime awardedAt,
        CancellationToken ct) =>
        data.ChangeAsync(tenant, MarketViewer.System, async db =>
        {
            var material = Materials.NameOf(product.Material).Split(" (")[0];
            var spodumene = product.Material == Materials.Spodumene;
            var (quantity, price) = spodumene ? (5_000m, 1_080m) : product.Material == Materials.LithiumHydroxide ? (200m, 12_400m) : (300m, 11_050m);
            var rfq = new RfqRecord
            {
                Number = "RFQ-" + Guid.NewGuid().ToString("N")[..12], BuyerOrganizationId = buyer, Title = $"{material}, {product.Grade} grade ({buyerName})",
                DeliveryFrom = awardedAt.AddDays(20), DeliveryTo = awardedAt.AddDays(60), Destination = destination, Incoterm = "CIF",
                PaymentTerms = "30 days after bill of lading", State = RfqStates.Awarded, ClosesAt = awardedAt.AddDays(-1), ClosedAt = awardedAt.AddDays(-1),
                AwardedAt = awardedAt, CreatedAt = awardedAt.AddDays(-15), UpdatedAt = awardedAt,
            };
            db.Rfqs.Add(rfq);
            await db.SaveChangesAsync(ct);
            rfq.Number = $"RFQ-{rfq.Id:D5}";
            var line = new RfqLineRecord
            {
                RfqId = rfq.Id, BuyerOrganizationId = buyer, Number = 1, Material = product.Material, Grade = product.Grade,
                Specification = $"Purity ≥ {product.Purity} %", Quantity = quantity, Unit = "t",
            };
            db.RfqLines.Add(line);
            db.RfqInvitations.Add(new RfqInvitationRecord { RfqId = rfq.Id, BuyerOrganizationId = buyer, SupplierOrganizationId = supplier, InvitedAt = rfq.CreatedAt });
            var quote = new QuoteRecord
            {
                RfqId = rfq.Id, BuyerOrganizationId = buyer, SupplierOrganizationId = supplier, Currency = "USD", Incoterm = "CIF", Origin = destination,
                ValidUntil = awardedAt.AddDays(30), LeadTimeDays = 35, State = QuoteStates.Awarded, SubmittedAt = awardedAt.AddDays(-5), UpdatedAt = awardedAt.AddDays(-5),
            };
            db.Quotes.Add(quote);
            await db.SaveChangesAsync(ct);
            db.QuoteLines.Add(new QuoteLineRecord { QuoteId = quote.Id, RfqId = rfq.Id, RfqLineId = line.Id, BuyerOrganizationId = buyer, SupplierOrganizationId = supplier, Price = price, Quantity = quantity });
            var award = new AwardRecord
            {
                RfqId = rfq.Id, RfqLineId = line.Id, QuoteId = quote.Id, BuyerOrganizationId = buyer, SupplierOrganizationId = supplier,
                Quantity = quantity, Price = price, Currency = "USD", LandedPrice = price, AwardedAt = awardedAt,
            };
            db.Awards.Add(award);
            await db.SaveChangesAsync(ct);
            await Deals.Deals.OpenForRfqAsync(db, rfq, [award], awardedAt, ct);
            var deal = await db.Deals.FirstAsync(d => d.Source == DealSources.Rfq && d.SourceId == rfq.Id, ct);
            deal.State = DealStates.Delivered;
            deal.DeliveredAt = awardedAt.AddDays(30);
            deal.DeliveredBy = $"{buyerName} purchasing";
            deal.UpdatedAt = deal.DeliveredAt.Value;
            await db.SaveChangesAsync(ct);
            return deal.Id;
        }, ct);
}
