using Microsoft.EntityFrameworkCore;
using Weft.Flow;
using Weft.Flow.Contracts;
using Weft.Market.Persistence;
using Weft.Market.Visibility;
using Weft.Platform.Errors;

namespace Weft.Market.Rfqs;

/// <summary>
/// The buyer's award of a closed RFQ: each line in full to one quote or split between several, never more than the line
/// asks nor than a quote offers. Quotes with a share are awarded, the others lost; every supplier that quoted is told,
/// a deal is opened with each awarded supplier (<see cref="Deals.Deals"/>), and the RFQ's flow ends, in the same transaction.
/// </summary>
internal sealed class Awards(MarketDb data, FlowEngines engines)
{
    public async Task<IReadOnlyList<AwardDto>> AwardAsync(long tenant, MarketViewer viewer, long id, AwardRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        Check(request).ThrowIfAny();
        var engine = engines.For(tenant);
        await data.ChangeAsync(tenant, viewer, async (db, unit) =>
        {
            var rfq = await db.Rfqs.FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw RfqRules.NotFound(id);
            RfqRules.RequireBuyerOf(viewer, rfq);
            if (rfq.State == RfqStates.Open)
                throw WeftException.Conflict("rfq_still_open", $"{rfq.Number} takes quotes until {rfq.ClosesAt:u}; award it once quoting has closed.");
            if (rfq.State != RfqStates.Closed) throw WeftException.Conflict("rfq_not_awardable", $"{rfq.Number} is {rfq.State}.");
            var lines = await db.RfqLines.AsNoTracking().Where(l => l.RfqId == id).ToDictionaryAsync(l => l.Number, ct);
            var quotes = await db.Quotes.Where(q => q.RfqId == id).ToDictionaryAsync(q => q.Id, ct);
            var offered = await db.QuoteLines.AsNoTracking().Where(l => l.RfqId == id).ToListAsync(ct);
            var supplierIds = quotes.Values.Select(q => q.SupplierOrganizationId).ToList();
            var suppliers = await db.Organizations.AsNoTracking().Where(o => supplierIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
            var costs = await Comparisons.CostsAsync(db, rfq.Destination, ct);
            var now = data.Now;
            var made = new List<AwardRecord>();
            foreach (var award in request.Awards!)
            {
                var (number, quoteId, quantity) = (award!.Line!.Value, award.Quote!.Value, award.Quantity!.Value);
                var line = lines.GetValueOrDefault(number) ?? throw WeftException.Rule("line_not_found", $"{rfq.Number} has no line {number}.");
                // A quote of another RFQ, or one the buyer cannot see, is a missing one.
                var quote = quotes.GetValueOrDefault(quoteId) ?? throw WeftException.Rule("quote_not_found", $"{rfq.Number} has no quote {quoteId}.");
                var price = offered.FirstOrDefault(l => l.QuoteId == quoteId && l.RfqLineId == line.Id)
                    ?? throw WeftException.Rule("line_not_quoted", $"Quote {quoteId} has no price for line {number}.");
                if (quantity > price.Quantity)
                    throw WeftException.Rule("award_exceeds_quote", $"Quote {quoteId} offers {price.Quantity} {line.Unit} of line {number}; {quantity} cannot be awarded to it.");
                if (quote.ValidUntil < now) throw WeftException.Rule("quote_expired", $"Quote {quoteId} was valid until {quote.ValidUntil:u}.");
                var landed = costs.Of(price.Price, quote.Currency, quote.Incoterm, quote.Origin, suppliers[quote.SupplierOrganizationId].Country, rfq.Destination, line.Unit);
                made.Add(new AwardRecord
                {
                    RfqId = id, RfqLineId = line.Id, QuoteId = quoteId, BuyerOrganizationId = rfq.BuyerOrganizationId, SupplierOrganizationId = quote.SupplierOrganizationId,
                    Quantity = quantity, Price = price.Price, Currency = quote.Currency, LandedPrice = landed.LandedPerUnit, AwardedAt = now,
                });
                db.Awards.Add(made[^1]);
            }
            foreach (var line in request.Awards!.GroupBy(a => a!.Line!.Value))
            {
                var total = line.Sum(a => a!.Quantity!.Value);
                if (total > lines[line.Key].Quantity)
                    throw WeftException.Rule("award_exceeds_quantity", $"Line {line.Key} asks for {lines[line.Key].Quantity} {lines[line.Key].Unit}; {total} cannot be awarded.");
            }
            var winners = request.Awards!.Select(a => a!.Quote!.Value).ToHashSet();
            foreach (var quote in quotes.Values)
            {
                var won = winners.Contains(quote.Id);
                quote.State = won ? QuoteStates.Awarded : QuoteStates.Lost;
                db.Notices.Add(RfqRules.Notice(quote.SupplierOrganizationId, won ? NoticeKinds.Awarded : NoticeKinds.NotAwarded, rfq, won
                    ? $"You were awarded {rfq.Number} \"{rfq.Title}\" (quote {quote.Id}); the buyer will be in touch for the contract."
                    : $"{rfq.Number} \"{rfq.Title}\" was awarded to another supplier. Thank you for quoting.", now));
            }
            rfq.State = RfqStates.Awarded;
            rfq.AwardedAt = now;
            rfq.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            await Deals.Deals.OpenForRfqAsync(db, rfq, made, now, ct);
            await engine.Jobs.SendMessageAsync(new CommandContext(Rfqs.Actor(viewer)) { Unit = unit },
                new SendMessageRequest(RfqFlow.AwardedMessage, rfq.Number, new System.Text.Json.Nodes.JsonObject { ["awards"] = request.Awards!.Count }), ct);
            return true;
        }, ct);
        return await ListAsync(tenant, viewer, id, ct);
    }

    public async Task<IReadOnlyList<AwardDto>> ListAsync(long tenant, MarketViewer viewer, long id, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, viewer, ct);
        if (!await db.Rfqs.AnyAsync(r => r.Id == id, ct)) throw RfqRules.NotFound(id);
        var awards = await db.Awards.AsNoTracking().Where(a => a.RfqId == id).OrderBy(a => a.Id).ToListAsync(ct);
        var numbers = await db.RfqLines.AsNoTracking().Where(l => l.RfqId == id).ToDictionaryAsync(l => l.Id, l => l.Number, ct);
        var names = await Rfqs.NamesAsync(db, awards.Select(a => a.SupplierOrganizationId), ct);
        return awards.Select(a => new AwardDto(numbers.GetValueOrDefault(a.RfqLineId), a.QuoteId, a.SupplierOrganizationId, names.GetValueOrDefault(a.SupplierOrganizationId, ""),
            a.Quantity, a.Price, a.Currency, a.LandedPrice, a.AwardedAt)).OrderBy(a => a.Line).ToList();
    }

    private static FieldErrors Check(AwardRequest request)
    {
        var errors = new FieldErrors();
        if (request.Awards is null || request.Awards.Count == 0 || request.Awards.Count > 200) { errors.Add("awards", "'awards' lists 1-200 shares: a line, a quote and a quantity."); return errors; }
        for (var i = 0; i < request.Awards.Count; i++)
        {
            var a = request.Awards[i];
            var at = $"awards[{i}]";
            if (a is null) { errors.Add(at, "A share is an object."); continue; }
            if (a.Line is not (> 0 and <= RfqRules.MaxLines)) errors.Add($"{at}.line", "'line' is the number of one of the RFQ's lines.");
            if (a.Quote is not > 0) errors.Add($"{at}.quote", "'quote' is the id of one of the RFQ's quotes.");
            if (a.Quantity is not (> 0 and <= 10_000_000m)) errors.Add($"{at}.quantity", "'quantity' is more than 0 and at most 10,000,000.");
        }
        if (errors.Count == 0 && request.Awards.GroupBy(a => (a!.Line, a.Quote)).Any(g => g.Count() > 1)) errors.Add("awards", "A line is awarded to a quote once.");
        return errors;
    }
}
