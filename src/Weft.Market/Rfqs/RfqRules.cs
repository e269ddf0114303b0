using Weft.Market.Organizations;
using Weft.Market.Persistence;
using Weft.Market.Visibility;
using Weft.Platform.Errors;

namespace Weft.Market.Rfqs;

/// <summary>Who may do what to an RFQ, and the refusals every RFQ use case shares.</summary>
internal static class RfqRules
{
    public const int MaxLines = 20;
    public const int MaxSuppliers = 100;
    public const int MaxAttachments = 10;

    /// <summary>A member of a buyer organization (<c>buyers_only</c>, 403).</summary>
    public static void RequireBuyer(MarketViewer viewer)
    {
        if (!viewer.IsMember || !MarketRoles.RolesOf(MarketRoles.Buyer).Contains(viewer.Role!))
            throw WeftException.Forbidden("buyers_only", "Only a buyer organization's members may do this.");
    }

    /// <summary>A member of the buyer organization that wrote <paramref name="rfq"/>.</summary>
    public static void RequireBuyerOf(MarketViewer viewer, RfqRecord rfq)
    {
        RequireBuyer(viewer);
        // A buyer of another organization does not see the RFQ at all; this guards the staff and the invited suppliers.
        if (viewer.Organization != rfq.BuyerOrganizationId) throw NotFound(rfq.Id);
    }

    /// <summary>A member of a supplier organization (<c>suppliers_only</c>, 403).</summary>
    public static void RequireSupplier(MarketViewer viewer)
    {
        if (!viewer.IsMember || !MarketRoles.RolesOf(MarketRoles.Supplier).Contains(viewer.Role!))
            throw WeftException.Forbidden("suppliers_only", "Only a supplier organization's members may do this.");
    }

    /// <summary>Quoting and questions are open until the deadline, even before the engine's timer has closed the RFQ.</summary>
    public static void RequireQuoting(RfqRecord rfq, DateTime now)
    {
        if (rfq.State != RfqStates.Open || now >= rfq.ClosesAt)
            throw WeftException.Conflict("quoting_closed", $"{rfq.Number} closed for quotes at {rfq.ClosesAt:u}.");
    }

    public static WeftException NotFound(long id) => WeftException.NotFound("rfq_not_found", $"RFQ {id} does not exist.");

    public static WeftException QuoteNotFound(long id) => WeftException.NotFound("quote_not_found", $"Quote {id} does not exist.");

    public static NoticeRecord Notice(long organization, string kind, RfqRecord rfq, string text, DateTime now) =>
        new() { OrganizationId = organization, Kind = kind, RfqId = rfq.Id, Text = text.Length > 1000 ? text[..1000] : text, CreatedAt = now };
}
