using Microsoft.EntityFrameworkCore;
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
