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
        // Profiles, products and certifications are the supplier directory: everyone sees them (no filter beyond the tenant's).
        // A supplier's documents are its own and the staff's, but for those it made public (specification sheets).
        b.Entity<SupplierDocumentRecord>().HasQueryFilter(Filter, d => db.IsStaff || d.Public || d.OrganizationId == db.ViewerOrganization);
        b.Entity<SupplierDocumentContentRecord>().HasQueryFilter(Filter, c => db.IsStaff || c.Public || c.OrganizationId == db.ViewerOrganization);
        // An application for the badge is between the supplier and the staff.
        b.Entity<ApplicationRecord>().HasQueryFilter(Filter, a => db.IsStaff || a.OrganizationId == db.ViewerOrganization);
    }
}
