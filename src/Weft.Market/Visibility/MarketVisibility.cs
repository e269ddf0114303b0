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
    }
}
