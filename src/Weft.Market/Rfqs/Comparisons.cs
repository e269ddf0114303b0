using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Weft.Market.Persistence;
using Weft.Market.Visibility;

namespace Weft.Market.Rfqs;

/// <summary>
/// The buyer's comparison of an RFQ's quotes: per line, every supplier's offer side by side in the reporting currency
/// and in landed cost (<see cref="LandedCost"/>), cheapest first, with what was awarded. The buyer's (and the staff's)
/// only: a supplier never sees its competitors' prices.
/// </summary>
internal sealed class Comparisons(MarketDb data)
{
    public async Task<ComparisonDto> CompareAsync(long tenant, MarketViewer viewer, long id, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, viewer, ct);
        var rfq = await db.Rfqs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw RfqRules.NotFound(id);
        if (!viewer.IsStaff && viewer.Kind != MarketViewerKind.System) RfqRules.RequireBuyerOf(viewer, rfq);
        return await CompareAsync(db, rfq, ct);
    }

    public static async Task<ComparisonDto> CompareAsync(MarketDbContext db, RfqRecord rfq, CancellationToken ct)
    {
        var lines = await db.RfqLines.AsNoTracking().Where(l => l.RfqId == rfq.Id).OrderBy(l => l.Number).ToListAsync(ct);
        var quotes = await db.Quotes.AsNoTracking().Where(q => q.RfqId == rfq.Id).ToListAsync(ct);
        var quoteLines = await db.QuoteLines.AsNoTracking().Where(l => l.RfqId == rfq.Id).ToListAsync(ct);
        var awards = await db.Awards.AsNoTracking().Where(a => a.RfqId == rfq.Id).ToListAsync(ct);
        var supplierIds = quotes.Select(q => q.SupplierOrganizationId).ToList();
        var suppliers = await db.Organizations.AsNoTracking().Where(o => supplierIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        var costs = await CostsAsync(db, rfq.Destination, ct);
        var result = new List<ComparisonLineDto>();
        foreach (var line in lines)
        {
            var offers = new List<OfferDto>();
            foreach (var offered in quoteLines.Where(l => l.RfqLineId == line.Id))
            {
                var quote = quotes.First(q => q.Id == offered.QuoteId);
                var supplier = suppliers[quote.SupplierOrganizationId];
                var cost = costs.Of(offered.Price, quote.Currency, quote.Incoterm, quote.Origin, supplier.Country, rfq.Destination, line.Unit);
                offers.Add(new OfferDto(quote.Id, supplier.Id, supplier.Name, supplier.Verified, offered.Price, quote.Currency, quote.Incoterm, quote.Origin,
                    offered.Quantity, cost.PriceInReporting, cost.FreightPerUnit, cost.LandedPerUnit, cost.LandedPerUnit * offered.Quantity, offered.Deviations,
                    quote.LeadTimeDays, quote.ValidUntil, false, cost.Missing,
                    awards.Where(a => a.RfqLineId == line.Id && a.QuoteId == quote.Id).Sum(a => a.Quantity)));
            }
            var ordered = offers.OrderBy(o => o.LandedPerUnit ?? decimal.MaxValue).ThenBy(o => o.Quote).ToList();
            if (ordered.Count > 0 && ordered[0].LandedPerUnit is not null) ordered[0] = ordered[0] with { Cheapest = true };
            result.Add(new ComparisonLineDto(line.Number, line.Material, line.Grade, line.Quantity, line.Unit, ordered));
        }
        return new ComparisonDto(rfq.Id, rfq.Number, rfq.State, TradeTerms.ReportingCurrency, rfq.Destination, result);
    }

    /// <summary>The operator's rates and the freight to <paramref name="destination"/>.</summary>
    public static async Task<LandedCost> CostsAsync(MarketDbContext db, string destination, CancellationToken ct)
    {
        var rates = await db.CurrencyRates.AsNoTracking().ToDictionaryAsync(r => r.Currency, r => r.Rate, ct);
        var freight = await db.FreightRates.AsNoTracking().Where(f => f.Destination == destination).ToListAsync(ct);
        return new LandedCost(rates, freight);
    }

    /// <summary>The comparison as CSV, one offer a row (the same rows the caller sees).</summary>
    public async Task<string> ExportAsync(long tenant, MarketViewer viewer, long id, CancellationToken ct)
    {
        var comparison = await CompareAsync(tenant, viewer, id, ct);
        var csv = new StringBuilder("rfq,line,material,grade,supplier,price,currency,incoterm,origin,quantity,price_" + comparison.ReportingCurrency.ToLowerInvariant()
            + ",freight_per_unit,landed_per_unit,landed_total,lead_time_days,valid_until,awarded\n");
        foreach (var line in comparison.Lines)
            foreach (var o in line.Offers)
                csv.AppendLine(string.Join(',', comparison.Number, line.Line.ToString(CultureInfo.InvariantCulture), line.Material, Quote(line.Grade), Quote(o.SupplierName),
                    Number(o.Price), o.Currency, o.Incoterm, Quote(o.Origin), Number(o.Quantity), Number(o.PriceInReportingCurrency), Number(o.FreightPerUnit),
                    Number(o.LandedPerUnit), Number(o.LandedTotal), o.LeadTimeDays.ToString(CultureInfo.InvariantCulture),
                    o.ValidUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Number(o.Awarded)));
        return csv.ToString();
    }

    private static string Number(decimal? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";

    private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
