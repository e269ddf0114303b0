using Microsoft.EntityFrameworkCore;
using Weft.Market.Persistence;
using Weft.Market.Visibility;

namespace Weft.Market.Rfqs;

/// <summary>What the RFQ flow's steps do to an RFQ, as the market itself (<see cref="MarketViewer.System"/>).</summary>
internal sealed class RfqLifecycle(MarketDb data)
{
    /// <summary>Reminds the invited suppliers who have not quoted yet, once each.</summary>
    public Task RemindAsync(long tenant, long id, CancellationToken ct) =>
        data.ChangeAsync(tenant, MarketViewer.System, async db =>
        {
            var rfq = await db.Rfqs.FirstOrDefaultAsync(r => r.Id == id, ct);
            if (rfq is null || rfq.State != RfqStates.Open) return false;
            var invited = await db.RfqInvitations.Where(i => i.RfqId == id).Select(i => i.SupplierOrganizationId).ToListAsync(ct);
            var quoted = await db.Quotes.Where(q => q.RfqId == id).Select(q => q.SupplierOrganizationId).ToListAsync(ct);
            var reminded = await db.Notices.Where(n => n.RfqId == id && n.Kind == NoticeKinds.Reminder).Select(n => n.OrganizationId).ToListAsync(ct);
            foreach (var supplier in invited.Except(quoted).Except(reminded))
                db.Notices.Add(RfqRules.Notice(supplier, NoticeKinds.Reminder, rfq, $"{rfq.Number} \"{rfq.Title}\" closes for quotes at {rfq.ClosesAt:u}; you have not quoted yet.", data.Now));
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);

    /// <summary>Closes quoting and tells the buyer how many quotes came.</summary>
    public Task CloseAsync(long tenant, long id, CancellationToken ct) =>
        data.ChangeAsync(tenant, MarketViewer.System, async db =>
        {
            var rfq = await db.Rfqs.FirstOrDefaultAsync(r => r.Id == id, ct);
            if (rfq is null || rfq.State != RfqStates.Open) return false;
            rfq.State = RfqStates.Closed;
            rfq.ClosedAt = data.Now;
            rfq.UpdatedAt = data.Now;
            var quotes = await db.Quotes.CountAsync(q => q.RfqId == id, ct);
            db.Notices.Add(RfqRules.Notice(rfq.BuyerOrganizationId, NoticeKinds.QuotingClosed, rfq,
                $"{rfq.Number} \"{rfq.Title}\" closed with {quotes} quote{(quotes == 1 ? "" : "s")}: compare them and award.", data.Now));
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);

    /// <summary>Lapses an RFQ the buyer did not award in time; the suppliers who quoted are told.</summary>
    public Task LapseAsync(long tenant, long id, CancellationToken ct) =>
        data.ChangeAsync(tenant, MarketViewer.System, async db =>
        {
            var rfq = await db.Rfqs.FirstOrDefaultAsync(r => r.Id == id, ct);
            if (rfq is null || rfq.State != RfqStates.Closed) return false;
            rfq.State = RfqStates.Lapsed;
            rfq.UpdatedAt = data.Now;
            var quotes = await db.Quotes.Where(q => q.RfqId == id).ToListAsync(ct);
            foreach (var quote in quotes)
            {
                quote.State = QuoteStates.Lost;
                db.Notices.Add(RfqRules.Notice(quote.SupplierOrganizationId, NoticeKinds.Lapsed, rfq, $"{rfq.Number} \"{rfq.Title}\" lapsed without an award.", data.Now));
            }
            db.Notices.Add(RfqRules.Notice(rfq.BuyerOrganizationId, NoticeKinds.Lapsed, rfq, $"{rfq.Number} \"{rfq.Title}\" lapsed: it was not awarded within {RfqFlow.AwardDays} days.", data.Now));
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);
}
