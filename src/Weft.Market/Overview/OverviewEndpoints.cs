using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Market.Organizations;

namespace Weft.Market.Overview;

internal static class OverviewEndpoints
{
    public static void MapOverview(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/market/overview", async (HttpContext http, MarketOverview service) =>
            await service.GetAsync(http.Tenant(), await http.ViewerAsync(), http.RequestAborted))
            .WithTags("Market overview").RequireAuthorization(MarketPermissions.Operate)
            .WithDescription("The operator's overview: RFQs taking quotes and awaiting an award, auctions live, scheduled and closed this week, the verification backlog, certificates expiring within 30 days, suppliers that lost their badge.");
}
