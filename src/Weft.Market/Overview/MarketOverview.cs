using Microsoft.EntityFrameworkCore;
using Weft.Market.Auctions;
using Weft.Market.Onboarding;
using Weft.Market.Organizations;
using Weft.Market.Rfqs;
using Weft.Market.Suppliers;
using Weft.Market.Visibility;

namespace Weft.Market.Overview;

/// <summary>
/// The operator's overview of the marketplace, for its staff: RFQs taking quotes and awaiting an award, auctions live,
/// coming and just closed, the verification backlog (oldest first, with the verification flow's open step), certificates
/// expiring soon and suppliers that lost their badge. Each list shows its first <see cref="MaxRows"/>, each count all.
/// </summary>
internal sealed class MarketOverview(MarketDb data, Auctions.Auctions auctions, Applications applications)
{
    public const int MaxRows = 50;
    public const int ExpiryDays = 30;
    public const int ClosedDays = 7;

    public async Task<OverviewDto> GetAsync(long tenant, MarketViewer viewer, CancellationToken ct)
    {
        Organizations.Organizations.RequireStaff(viewer);
        var now = data.Now;
        List<OverviewRfqDto> open, awaiting;
        int openCount, awaitingCount, expiringCount, removedCount;
        List<OverviewCertificateDto> expiring;
        List<OverviewBadgeDto> removed;
        await using (var db = await data.OpenAsync(tenant, viewer, ct))
        {
            openCount = await db.Rfqs.CountAsync(r => r.State == RfqStates.Open, ct);
            awaitingCount = await db.Rfqs.CountAsync(r => r.State == RfqStates.Closed, ct);
            var openRows = await db.Rfqs.AsNoTracking().Where(r => r.State == RfqStates.Open).OrderBy(r => r.ClosesAt).ThenBy(r => r.Id).Take(MaxRows).ToListAsync(ct);
            var awaitingRows = await db.Rfqs.AsNoTracking().Where(r => r.State == RfqStates.Closed).OrderBy(r => r.ClosedAt).ThenBy(r => r.Id).Take(MaxRows).ToListAsync(ct);
            var ids = openRows.Concat(awaitingRows).Select(r => r.Id).ToList();
            var quotes = await db.Quotes.AsNoTracking().Where(q => ids.Contains(q.RfqId)).GroupBy(q => q.RfqId)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
            var invited = await db.RfqInvitations.AsNoTracking().Where(i => ids.Contains(i.RfqId)).GroupBy(i => i.RfqId)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
            var buyers = await Rfqs.Rfqs.NamesAsync(db, openRows.Concat(awaitingRows).Select(r => r.BuyerOrganizationId), ct);
            OverviewRfqDto Row(Persistence.RfqRecord r) => new(r.Id, r.Number, r.Title, r.BuyerOrganizationId, buyers.GetValueOrDefault(r.BuyerOrganizationId, ""), r.State,
                r.ClosesAt, r.ClosedAt, invited.GetValueOrDefault(r.Id), quotes.GetValueOrDefault(r.Id), r.OpenToVerified);
            (open, awaiting) = (openRows.Select(Row).ToList(), awaitingRows.Select(Row).ToList());

            var until = now.AddDays(ExpiryDays);
            expiringCount = await db.Certifications.CountAsync(c => c.ExpiresOn >= now && c.ExpiresOn <= until, ct);
            removedCount = await db.SupplierProfiles.Where(p => p.BadgeRemovedAt != null).Join(db.Organizations.Where(o => !o.Verified), p => p.OrganizationId, o => o.Id, (p, o) => o.Id)
                .CountAsync(ct);
            var certificates = await db.Certifications.AsNoTracking().Where(c => c.ExpiresOn >= now && c.ExpiresOn <= until)
                .OrderBy(c => c.ExpiresOn).ThenBy(c => c.Id).Take(MaxRows).ToListAsync(ct);
            var profiles = await db.SupplierProfiles.AsNoTracking().Where(p => p.BadgeRemovedAt != null)
                .Join(db.Organizations.Where(o => !o.Verified), p => p.OrganizationId, o => o.Id, (p, o) => new { o.Id, o.Name, o.Country, p.BadgeRemovedAt, p.BadgeNote })
                .OrderByDescending(x => x.BadgeRemovedAt).Take(MaxRows).ToListAsync(ct);
            var holders = await Rfqs.Rfqs.NamesAsync(db, certificates.Select(c => c.OrganizationId), ct);
            var verified = await db.Organizations.AsNoTracking().Where(o => certificates.Select(c => c.OrganizationId).Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Verified, ct);
            expiring = certificates.Select(c => new OverviewCertificateDto(c.Id, c.OrganizationId, holders.GetValueOrDefault(c.OrganizationId, ""), verified.GetValueOrDefault(c.OrganizationId),
                c.Kind, CertificationKinds.NameOf(c.Kind), c.ExpiresOn, (int)Math.Ceiling((c.ExpiresOn - now).TotalDays))).ToList();
            removed = profiles.Select(p => new OverviewBadgeDto(p.Id, p.Name, p.Country, p.BadgeRemovedAt!.Value, p.BadgeNote)).ToList();
        }

        var all = await auctions.ListAsync(tenant, viewer, null, ct);
        var live = all.Where(a => a.Status is Auctions.Auctions.Statuses.Live or Auctions.Auctions.Statuses.Closing).OrderBy(a => a.EndsAt).ToList();
        var scheduled = all.Where(a => a.Status == Auctions.Auctions.Statuses.Scheduled).OrderBy(a => a.StartsAt).ToList();
        var closed = all.Where(a => a.Status == Auctions.Auctions.Statuses.Closed && a.EndsAt >= now.AddDays(-ClosedDays)).OrderByDescending(a => a.EndsAt).ToList();
        OverviewAuctionDto Auction(AuctionSummaryDto a) => new(a.Id, a.Number, a.Title, a.Kind, a.Format, a.OwnerOrganization, a.OwnerName, a.Status, a.StartsAt, a.EndsAt,
            a.BidCount, a.Status is Auctions.Auctions.Statuses.Live or Auctions.Auctions.Statuses.Closing ? Math.Max(0, (long)(a.EndsAt - now).TotalSeconds) : null, a.Outcome);

        // The backlog is the verification queue's waiting applications, with the step the verification flow is at.
        var backlog = new List<ApplicationDto>();
        string? cursor = null;
        do
        {
            var page = await applications.ListAsync(tenant, viewer, ApplicationStates.Submitted, Applications.MaxPage, cursor, ct);
            backlog.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null && backlog.Count < 1000);
        var waiting = backlog.OrderBy(a => a.SubmittedAt).ThenBy(a => a.Id).Take(MaxRows).Select(a => new OverviewApplicationDto(a.Id, a.Organization, a.OrganizationName, a.Country,
            a.SubmittedAt, Math.Round((now - a.SubmittedAt).TotalDays, 1), a.Step, OpenChecks(a.Step), a.DueAt, a.DueAt < now, a.Documents)).ToList();

        return new OverviewDto(now,
            new OverviewCountsDto(openCount, awaitingCount, live.Count, scheduled.Count, closed.Count, backlog.Count, expiringCount, removedCount),
            open, awaiting, live.Take(MaxRows).Select(Auction).ToList(), scheduled.Take(MaxRows).Select(Auction).ToList(), closed.Take(MaxRows).Select(Auction).ToList(),
            waiting, expiring, removed);
    }

    /// <summary>The verification flow's checks not done yet, from the step it is at: the documents, then the decision.</summary>
    private static IReadOnlyList<string> OpenChecks(string? step) => step switch
    {
        VerificationFlow.CheckDocuments => [VerificationFlow.CheckDocuments, VerificationFlow.Decide],
        VerificationFlow.Decide => [VerificationFlow.Decide],
        _ => [],
    };
}

public sealed record OverviewCountsDto(int OpenRfqs, int RfqsAwaitingAward, int LiveAuctions, int ScheduledAuctions, int AuctionsClosedThisWeek, int ApplicationsWaiting,
    int CertificatesExpiring, int BadgesRemoved);

public sealed record OverviewRfqDto(long Id, string Number, string Title, long Buyer, string BuyerName, string State, DateTime ClosesAt, DateTime? ClosedAt, int Invited,
    int Quotes, bool OpenToVerified);

/// <param name="SecondsLeft">Until a live auction's end (as it stands: a late bid may extend it); null for the others.</param>
public sealed record OverviewAuctionDto(long Id, string Number, string Title, string Kind, string Format, long Owner, string OwnerName, string Status, DateTime StartsAt,
    DateTime EndsAt, int Bids, long? SecondsLeft, string? Outcome);

/// <param name="Step">The verification flow's open step (check-documents or decide); null when the flow has none open.</param>
/// <param name="OpenChecks">The steps not done yet, in order.</param>
public sealed record OverviewApplicationDto(long Id, long Organization, string OrganizationName, string Country, DateTime SubmittedAt, double AgeDays, string? Step,
    IReadOnlyList<string> OpenChecks, DateTime? DueAt, bool Overdue, int Documents);

public sealed record OverviewCertificateDto(long Id, long Organization, string OrganizationName, bool Verified, string Kind, string KindName, DateTime ExpiresOn, int DaysLeft);

public sealed record OverviewBadgeDto(long Organization, string Name, string Country, DateTime RemovedAt, string? Note);

public sealed record OverviewDto(DateTime At, OverviewCountsDto Counts, IReadOnlyList<OverviewRfqDto> OpenRfqs, IReadOnlyList<OverviewRfqDto> AwaitingAward,
    IReadOnlyList<OverviewAuctionDto> LiveAuctions, IReadOnlyList<OverviewAuctionDto> ScheduledAuctions, IReadOnlyList<OverviewAuctionDto> RecentlyClosedAuctions,
    IReadOnlyList<OverviewApplicationDto> Backlog, IReadOnlyList<OverviewCertificateDto> ExpiringCertificates, IReadOnlyList<OverviewBadgeDto> BadgesRemoved);
