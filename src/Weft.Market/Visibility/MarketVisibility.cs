using Microsoft.EntityFrameworkCore;
using Weft.Market.Organizations;
using Weft.Market.Persistence;

namespace Weft.Market.Visibility;

/// <summary>
/// What each organization sees, in one place, as query filters on the market's context (beside the tenant's): every
/// read of the module, lists and exports included, goes through them, so a foreign row is missing, not forbidden. The
/// module's own background work reads as <see cref="MarketViewer.System"/>; the operator's staff see everything but
/// sealed bids before their auction closes; a member sees their organization's rows and what was shared with it.
/// </summary>
internal static class MarketVisibility
{
    public const string Filter = "visibility";

    public static void Apply(ModelBuilder b, MarketDbContext db)
    {
        // Organizations are the directory: every member of the marketplace sees them. Their people are their own business.
        b.Entity<MemberRecord>().HasQueryFilter(Filter, m => db.IsStaff || m.OrganizationId == db.ViewerOrganization);

        // An RFQ: its buyer's; an invited supplier's; every verified supplier's when it is open to them. Nobody else's.
        b.Entity<RfqRecord>().HasQueryFilter(Filter, r => db.IsStaff || r.BuyerOrganizationId == db.ViewerOrganization
            || db.RfqInvitations.Any(i => i.RfqId == r.Id && i.SupplierOrganizationId == db.ViewerOrganization)
            || (r.OpenToVerified && db.Organizations.Any(o => o.Id == db.ViewerOrganization && o.Kind == MarketRoles.Supplier && o.Verified)));
        // An invitation: the buyer's, and the invited supplier's own (a supplier never learns whom else the buyer invited).
        b.Entity<RfqInvitationRecord>().HasQueryFilter(Filter, i => db.IsStaff || i.BuyerOrganizationId == db.ViewerOrganization
            || i.SupplierOrganizationId == db.ViewerOrganization);
        // Its lines and its questions and answers: whoever sees the RFQ (a question's asker is left out of what is shown).
        b.Entity<RfqLineRecord>().HasQueryFilter(Filter, l => db.IsStaff || l.BuyerOrganizationId == db.ViewerOrganization
            || db.Rfqs.Any(r => r.Id == l.RfqId));
        b.Entity<RfqQuestionRecord>().HasQueryFilter(Filter, q => db.IsStaff || q.BuyerOrganizationId == db.ViewerOrganization
            || db.Rfqs.Any(r => r.Id == q.RfqId));

        // A quote, its lines and its awards: the supplier who made it and the buyer it was made to. No other supplier.
        b.Entity<QuoteRecord>().HasQueryFilter(Filter, q => db.IsStaff || q.BuyerOrganizationId == db.ViewerOrganization
            || q.SupplierOrganizationId == db.ViewerOrganization);
        b.Entity<QuoteLineRecord>().HasQueryFilter(Filter, l => db.IsStaff || l.BuyerOrganizationId == db.ViewerOrganization
            || l.SupplierOrganizationId == db.ViewerOrganization);
        b.Entity<AwardRecord>().HasQueryFilter(Filter, a => db.IsStaff || a.BuyerOrganizationId == db.ViewerOrganization
            || a.SupplierOrganizationId == db.ViewerOrganization);

        // An organization's inbox is its own.
        b.Entity<NoticeRecord>().HasQueryFilter(Filter, n => db.IsStaff || n.OrganizationId == db.ViewerOrganization);

        // The freight table and the currency rates are the operator's, read by every buyer to compare quotes: no filter.

        // An auction: its owner and the organizations invited to bid. Its participants: the owner sees them all, a bidder itself.
        b.Entity<AuctionRecord>().HasQueryFilter(Filter, a => db.IsStaff || a.OwnerOrganization == db.ViewerOrganization
            || db.AuctionParticipants.Any(p => p.AuctionId == a.Id && p.OrganizationId == db.ViewerOrganization));
        b.Entity<AuctionParticipantRecord>().HasQueryFilter(Filter, p => db.IsStaff || p.OrganizationId == db.ViewerOrganization
            || p.OwnerOrganization == db.ViewerOrganization);
        // A bid: its bidder always; the owner and the staff once it is revealed (at once in an English auction, at the close
        // when sealed); other bidders never (they see what the auction's bidder view shows: their rank, or the best price).
        // (The same rule as Shows, for rows read as the system and pushed live.)
        b.Entity<BidRecord>().HasQueryFilter(Filter, x => db.SeesEverything || x.BidderOrganization == db.ViewerOrganization
            || (x.Revealed && (db.IsStaff || x.OwnerOrganization == db.ViewerOrganization)));
        // Profiles, products and certifications are the supplier directory: everyone sees them (no filter beyond the tenant's).
        // A supplier's documents are its own and the staff's, but for those it made public (specification sheets).
        b.Entity<SupplierDocumentRecord>().HasQueryFilter(Filter, d => db.IsStaff || d.Public || d.OrganizationId == db.ViewerOrganization);
        b.Entity<SupplierDocumentContentRecord>().HasQueryFilter(Filter, c => db.IsStaff || c.Public || c.OrganizationId == db.ViewerOrganization);
        // An application for the badge is between the supplier and the staff.
        b.Entity<ApplicationRecord>().HasQueryFilter(Filter, a => db.IsStaff || a.OrganizationId == db.ViewerOrganization);
        // A deal: its buyer's and its supplier's. Their reviews of each other are the directory's: everyone reads them.
        b.Entity<DealRecord>().HasQueryFilter(Filter, d => db.IsStaff || d.BuyerOrganizationId == db.ViewerOrganization
            || d.SupplierOrganizationId == db.ViewerOrganization);
        // An RFQ's files and their bytes: whoever sees the RFQ, like its lines.
        b.Entity<RfqFileRecord>().HasQueryFilter(Filter, f => db.IsStaff || f.BuyerOrganizationId == db.ViewerOrganization
            || db.Rfqs.Any(r => r.Id == f.RfqId));
        b.Entity<RfqFileContentRecord>().HasQueryFilter(Filter, c => db.IsStaff || c.BuyerOrganizationId == db.ViewerOrganization
            || db.Rfqs.Any(r => r.Id == c.RfqId));
        // A thread between a buyer and a supplier, its messages, their files, its meetings and their invitation mails: the two
        // organizations', and the staff's to read (disputes); a third organization's never. (Only the two sides post: Messages.Threads.)
        b.Entity<ThreadRecord>().HasQueryFilter(Filter, t => db.IsStaff || t.BuyerOrganizationId == db.ViewerOrganization
            || t.SupplierOrganizationId == db.ViewerOrganization);
        b.Entity<ThreadMessageRecord>().HasQueryFilter(Filter, m => db.IsStaff || m.BuyerOrganizationId == db.ViewerOrganization
            || m.SupplierOrganizationId == db.ViewerOrganization);
        b.Entity<MessageAttachmentRecord>().HasQueryFilter(Filter, a => db.IsStaff || a.BuyerOrganizationId == db.ViewerOrganization
            || a.SupplierOrganizationId == db.ViewerOrganization);
        b.Entity<MessageAttachmentContentRecord>().HasQueryFilter(Filter, c => db.IsStaff || c.BuyerOrganizationId == db.ViewerOrganization
            || c.SupplierOrganizationId == db.ViewerOrganization);
        b.Entity<MeetingRecord>().HasQueryFilter(Filter, m => db.IsStaff || m.BuyerOrganizationId == db.ViewerOrganization
            || m.SupplierOrganizationId == db.ViewerOrganization);
        b.Entity<MeetingMailRecord>().HasQueryFilter(Filter, m => db.IsStaff || m.BuyerOrganizationId == db.ViewerOrganization
            || m.SupplierOrganizationId == db.ViewerOrganization);
        // The marketplace's settings (its video service) are read by every member who proposes a meeting; the staff set them.
    }

    /// <summary>
    /// Whether <paramref name="viewer"/> may see a bid read as the system (what the live push sends each watcher): the
    /// bid filter above, for one row in memory.
    /// </summary>
    public static bool Shows(MarketViewer viewer, BidRecord bid) => viewer.Kind switch
    {
        MarketViewerKind.System => true,
        MarketViewerKind.Staff => bid.Revealed,
        MarketViewerKind.Member => bid.BidderOrganization == viewer.Organization || (bid.Revealed && bid.OwnerOrganization == viewer.Organization),
        _ => false,
    };
}
