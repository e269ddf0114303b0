using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Weft.Market.Persistence;
using Weft.Market.Visibility;
using Weft.Platform.Errors;
using Weft.Platform.Paging;

namespace Weft.Market.Rfqs;

/// <summary>
/// Suppliers' quotes: one per supplier and RFQ, priced line by line, submitted and replaced until the deadline. A
/// supplier sees its own quotes, a buyer the quotes made to it; any other quote is a missing one.
/// </summary>
internal sealed class Quotes(MarketDb data)
{
    public async Task<QuoteDto> SubmitAsync(long tenant, MarketViewer viewer, long id, QuoteRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        Check(request, data.Now).ThrowIfAny();
        var quoteId = await data.ChangeAsync(tenant, viewer, async db =>
        {
            var rfq = await db.Rfqs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw RfqRules.NotFound(id);
            RfqRules.RequireSupplier(viewer);
            // One instant for the whole change: a new quote's submission and update are the same moment.
            var now = data.Now;
            RfqRules.RequireQuoting(rfq, now);
            var currency = request.Currency!.Trim().ToUpperInvariant();
            if (currency != TradeTerms.ReportingCurrency && !await db.CurrencyRates.AnyAsync(c => c.Currency == currency, ct))
                throw WeftException.Rule("currency_unknown", $"The marketplace has no rate for {currency}; quote in {TradeTerms.ReportingCurrency} or a currency it lists.");
            var lines = await db.RfqLines.AsNoTracking().Where(l => l.RfqId == id).ToDictionaryAsync(l => l.Number, ct);
            foreach (var line in request.Lines!)
            {
                if (!lines.TryGetValue(line!.Line!.Value, out var asked))
                    throw WeftException.Rule("line_not_found", $"{rfq.Number} has no line {line.Line}.");
                if (line.Quantity!.Value > asked.Quantity)
                    throw WeftException.Rule("quote_exceeds_quantity", $"Line {asked.Number} asks for {asked.Quantity} {asked.Unit}; a quote offers at most that.");
            }
            var quote = await db.Quotes.FirstOrDefaultAsync(q => q.RfqId == id && q.SupplierOrganizationId == viewer.Organization, ct);
            if (quote is null)
            {
                // First submitted when made; a replacement moves UpdatedAt only (the RFQ's history tells the two apart).
                quote = new QuoteRecord
                {
                    RfqId = id, BuyerOrganizationId = rfq.BuyerOrganizationId, SupplierOrganizationId = viewer.Organization, State = QuoteStates.Submitted, SubmittedAt = now,
                };
                db.Quotes.Add(quote);
            }
            else
            {
                db.QuoteLines.RemoveRange(await db.QuoteLines.Where(l => l.QuoteId == quote.Id).ToListAsync(ct));
            }
            quote.Currency = currency;
            quote.Incoterm = request.Incoterm!.Trim().ToUpperInvariant();
            quote.Origin = request.Origin!.Trim().ToUpperInvariant();
            quote.ValidUntil = request.ValidUntil!.Value.ToUniversalTime();
            quote.LeadTimeDays = request.LeadTimeDays!.Value;
            quote.Notes = string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim();
            quote.SubmittedBy = viewer.UserId;
            quote.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            foreach (var line in request.Lines!)
                db.QuoteLines.Add(new QuoteLineRecord
                {
                    QuoteId = quote.Id, RfqId = id, RfqLineId = lines[line!.Line!.Value].Id, BuyerOrganizationId = rfq.BuyerOrganizationId,
                    SupplierOrganizationId = viewer.Organization, Price = line.Price!.Value, Quantity = line.Quantity!.Value,
                    Deviations = string.IsNullOrWhiteSpace(line.Deviations) ? null : line.Deviations.Trim(),
                });
            await db.SaveChangesAsync(ct);
            return quote.Id;
        }, ct);
        return await GetAsync(tenant, viewer, quoteId, ct);
    }

    public async Task<QuoteDto> GetAsync(long tenant, MarketViewer viewer, long id, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, viewer, ct);
        var quote = await db.Quotes.AsNoTracking().FirstOrDefaultAsync(q => q.Id == id, ct) ?? throw RfqRules.QuoteNotFound(id);
        return (await ToDtosAsync(db, [quote], ct))[0];
    }

    /// <summary>The quotes the caller sees, newest first, of one RFQ or of all.</summary>
    public async Task<Page<QuoteDto>> ListAsync(long tenant, MarketViewer viewer, long? rfq, int? limit, string? cursor, CancellationToken ct)
    {
        var take = Math.Clamp(limit ?? 50, 1, Rfqs.MaxPage);
        var before = cursor is null ? long.MaxValue
            : long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c > 0 ? c : throw WeftException.Invalid("cursor_invalid", "'cursor' is not one this list gave.");
        await using var db = await data.OpenAsync(tenant, viewer, ct);
        if (rfq is { } r && !await db.Rfqs.AnyAsync(x => x.Id == r, ct)) throw RfqRules.NotFound(r);
        var query = db.Quotes.AsNoTracking().Where(q => q.Id < before);
        if (rfq is { } only) query = query.Where(q => q.RfqId == only);
        var rows = await query.OrderByDescending(q => q.Id).Take(take + 1).ToListAsync(ct);
        var page = rows.Take(take).ToList();
        return new Page<QuoteDto>(await ToDtosAsync(db, page, ct), rows.Count > take ? page[^1].Id.ToString(CultureInfo.InvariantCulture) : null);
    }

    private static async Task<List<QuoteDto>> ToDtosAsync(MarketDbContext db, List<QuoteRecord> quotes, CancellationToken ct)
    {
        var ids = quotes.Select(q => q.Id).ToList();
        var lines = await db.QuoteLines.AsNoTracking().Where(l => ids.Contains(l.QuoteId))
            .Join(db.RfqLines.IgnoreQueryFilters([MarketVisibility.Filter]), l => l.RfqLineId, r => r.Id, (l, r) => new { l.QuoteId, r.Number, l.Price, l.Quantity, l.Deviations })
            .ToListAsync(ct);
        var names = await Rfqs.NamesAsync(db, quotes.Select(q => q.SupplierOrganizationId), ct);
        return quotes.Select(q => new QuoteDto(q.Id, q.RfqId, q.SupplierOrganizationId, names.GetValueOrDefault(q.SupplierOrganizationId, ""), q.Currency, q.Incoterm,
            q.Origin, q.ValidUntil, q.LeadTimeDays, q.Notes, q.State,
            lines.Where(l => l.QuoteId == q.Id).OrderBy(l => l.Number).Select(l => new QuoteLineDto(l.Number, l.Price, l.Quantity, l.Deviations)).ToList(),
            q.SubmittedAt, q.UpdatedAt, q.Version)).ToList();
    }

    private static FieldErrors Check(QuoteRequest request, DateTime now)
    {
        var errors = new FieldErrors();
        if (!TradeTerms.IsCurrency(request.Currency?.Trim().ToUpperInvariant())) errors.Add("currency", "'currency' is a three-letter ISO 4217 code (e.g. USD, CNY).");
        if (request.Incoterm is null || !TradeTerms.Incoterms.Contains(request.Incoterm.Trim().ToUpperInvariant()))
            errors.Add("incoterm", $"'incoterm' is one of: {string.Join(", ", TradeTerms.Incoterms)}.");
        if (string.IsNullOrWhiteSpace(request.Origin) || request.Origin.Trim().Length > 64) errors.Add("origin", "'origin' is required: the port the goods ship from, at most 64 characters.");
        if (request.ValidUntil is not { } valid) errors.Add("validUntil", "'validUntil' is required: until when the prices hold.");
        else if (valid.ToUniversalTime() <= now || valid.ToUniversalTime() > now.AddYears(2)) errors.Add("validUntil", "'validUntil' is in the future, within two years.");
        if (request.LeadTimeDays is not (>= 0 and <= 730)) errors.Add("leadTimeDays", "'leadTimeDays' is 0-730 days.");
        if (request.Notes is { Length: > 4000 }) errors.Add("notes", "'notes' is at most 4,000 characters.");
        if (request.Lines is null || request.Lines.Count == 0 || request.Lines.Count > RfqRules.MaxLines)
            errors.Add("lines", $"'lines' prices 1-{RfqRules.MaxLines} of the RFQ's lines.");
        else
        {
            for (var i = 0; i < request.Lines.Count; i++)
            {
                var line = request.Lines[i];
                var at = $"lines[{i}]";
                if (line is null) { errors.Add(at, "A line is an object."); continue; }
                if (line.Line is not (> 0 and <= RfqRules.MaxLines)) errors.Add($"{at}.line", "'line' is the number of one of the RFQ's lines.");
                if (line.Price is not (> 0 and <= 100_000_000m)) errors.Add($"{at}.price", "'price' is more than 0 and at most 100,000,000 per unit.");
                if (line.Quantity is not (> 0 and <= 10_000_000m)) errors.Add($"{at}.quantity", "'quantity' is more than 0 and at most 10,000,000.");
                if (line.Deviations is { Length: > 2000 }) errors.Add($"{at}.deviations", "'deviations' is at most 2,000 characters.");
            }
            if (request.Lines.Where(l => l?.Line is not null).GroupBy(l => l!.Line).Any(g => g.Count() > 1)) errors.Add("lines", "Each line is priced once.");
        }
        return errors;
    }
}
