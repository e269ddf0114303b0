namespace Weft.E2E;

/// <summary>
/// What the accessibility sweep visits as each demo person, besides the sign-in form, home and every link of
/// the person's navigation (found on the page). Adding a page is one line in one of these lists.
/// </summary>
public static class SweptPages
{
    /// <summary>The key of the knowledge base the sweep makes before it starts, so that a base's page has a document to show.</summary>
    public const string KnowledgeBase = "handbook";

    /// <summary>The warehouse, product and count the sweep makes before it starts, so that the commerce pages have something to show.</summary>
    public const string Warehouse = "main", Product = "tee", Count = "1";

    /// <summary>The advance shipping notice the sweep makes (waiting to be received), for the inbound pages.</summary>
    public const string Notice = "1";
    /// <summary>The supplier of the product and the draft purchase order the sweep makes (with an open replenishment suggestion for the board; order 1 is the notice's).</summary>
    public const string Supplier = "acme", PurchaseOrder = "2";

    /// <summary>The demo market's first RFQ: Lumen Cathodes' lithium carbonate, closed with three quotes.</summary>
    public const string Rfq = "1";

    /// <summary>Pages outside the navigation, checked in the light theme.</summary>
    public static IReadOnlyList<string> BeyondTheNavigation =>
    [
        "/no-such-page",
        "/forbidden",
        // What the installed app shows when the server is out of reach (served by the server too).
        "/offline",
        // The demo plant's first manufacturing order (released) and its hybrid atelier job.
        "/production/orders/1",
        "/production/atelier-jobs/3",
        // A product's page, and the routing designer on the demo's atelier routing.
        "/production/products/wallet",
        "/routings/atelier-bag",
        // The new AI agent wizard (an admin's; the others are sent to /forbidden).
        "/ai/agents/new",
        // A knowledge base with a document (the sweep's admin makes it first): its documents, upload and retrieval test.
        "/ai/knowledge/" + KnowledgeBase,
        // The catalog's import (a manager's; the others are sent to /forbidden), a product with stock and moves, a warehouse's location tree,
        // its printable labels, the moves of a location, and a pending count with its variances (and, for a manager, approve and reject).
        "/commerce/products/import",
        "/commerce/products/" + Product,
        "/commerce/warehouses/" + Warehouse,
        "/commerce/warehouses/" + Warehouse + "/labels",
        "/commerce/moves?location=" + Warehouse,
        "/commerce/counts/" + Count,
        // A notice, its receiving screen (an operator's and a manager's; the others are sent to /forbidden) and its putaway screen, not yet ready.
        "/commerce/inbound/" + Notice,
        "/commerce/inbound/" + Notice + "/receive",
        "/commerce/inbound/" + Notice + "/putaway",
        // A supplier with its products and scorecard, and a draft purchase order with its lines (and, for a manager, approve and cancel).
        "/commerce/suppliers/" + Supplier,
        "/commerce/purchase-orders/" + PurchaseOrder,
        // The demo help desk's first customer (Ines Duarte): contact, conversations, and (for an operator and up) edit and merge.
        "/support/customers/1",
        // The demo's closed lithium carbonate RFQ (the staff see its comparison) and the new RFQ form (a buyer's; the others are told so).
        "/market/rfqs/" + Rfq,
        "/market/rfqs/new",
        // The demo marketplace's first supplier's profile in the directory (Atacama Lithium: products, certificates, public documents).
        "/market/suppliers/1",
        // The demo market's finished auction (its room after the close: outcome, bids, chart; a person outside the market is told it does not exist)
        // and the one opening a few minutes after the start (its countdown).
        "/market/auctions/1",
        "/market/auctions/2",
        // The demo's first deal (Nordvolt's spodumene from Pilbara, awaiting delivery: the staff may confirm it) with its lines and reviews.
        "/market/deals/1",
        // The operator's market overview (the staff's; the others are sent to /forbidden).
        "/market/overview",
        // The demo's thread between Lumen Cathodes and Atacama Lithium with its proposed meeting (others are told it is not theirs), a new thread's
        // compose box (a buyer's deep link from an RFQ), and the operator's market settings (the video service; others are sent to /forbidden).
        "/market/messages?thread=1",
        "/market/messages?subject=rfq&id=1&with=3",
        "/market/settings",
        // The sweep switches the theme on the last page it visits: it is a page of the app, with the switch.
        "/profile",
    ];

    /// <summary>Pages checked again once the person has switched to the dark theme.</summary>
    public static IReadOnlyList<string> InTheDarkTheme =>
    [
        "/",
        "/profile",
        "/jobs",
        // The charts, the graph and the Gantt chart in the dark palette.
        "/control/inspect",
        "/production/plan",
        // The AI module's tables, filters and the admin's buttons.
        "/ai/providers",
        "/ai/models",
        "/ai/agents",
        "/ai/agents/new",
        "/ai/knowledge",
        "/ai/knowledge/" + KnowledgeBase,
        // The console's form (a viewer, who may not ask, meets the forbidden page), the runs' filters and the costs.
        "/ai/console",
        "/ai/runs",
        "/ai/costs",
        // The commerce pages' tables, tree, labels (black on white in either theme) and filters.
        "/commerce/products",
        "/commerce/products/" + Product,
        "/commerce/warehouses/" + Warehouse,
        "/commerce/warehouses/" + Warehouse + "/labels",
        "/commerce/moves",
        "/commerce/counts/" + Count,
        // The scanner screens' large input and coloured result.
        "/commerce/inbound/" + Notice,
        "/commerce/inbound/" + Notice + "/receive",
        "/commerce/replenishment",
        "/commerce/suppliers/" + Supplier,
        "/commerce/purchase-orders/" + PurchaseOrder,
        // The support settings' three tables and, for a manager, their buttons.
        "/support/settings",
        // An RFQ's comparison matrix.
        "/market/rfqs/" + Rfq,
        // The auctions' status chips, and an auction room's chart, ladder and outcome.
        "/market/auctions",
        "/market/auctions/1",
        // A thread's messages and meeting card.
        "/market/messages?thread=1",
    ];
}
