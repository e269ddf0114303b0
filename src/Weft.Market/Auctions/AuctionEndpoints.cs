using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Market.Organizations;

namespace Weft.Market.Auctions;

internal static class AuctionEndpoints
{
    public static void MapAuctions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/market/auctions").WithTags("Market auctions").RequireAuthorization(MarketPermissions.Read);
        group.MapGet("", async (HttpContext http, Auctions auctions, string? status) =>
            await auctions.ListAsync(http.Tenant(), await http.ViewerAsync(), status, http.RequestAborted));
        group.MapGet("/{id:long}", async (HttpContext http, Auctions auctions, long id) =>
            await auctions.GetAsync(http.Tenant(), await http.ViewerAsync(), id, http.RequestAborted));
        group.MapPost("", async (HttpContext http, Auctions auctions, CreateAuctionRequest body) =>
        {
            var created = await auctions.CreateAsync(http.Tenant(), await http.ViewerAsync(), body, http.RequestAborted);
            return TypedResults.Created($"/api/v1/market/auctions/{created.Id}", created);
        }).RequireAuthorization(MarketPermissions.Trade);
        group.MapPost("/{id:long}/cancel", async (HttpContext http, Auctions auctions, long id) =>
            await auctions.CancelAsync(http.Tenant(), await http.ViewerAsync(), id, http.RequestAborted)).RequireAuthorization(MarketPermissions.Trade);
        group.MapGet("/{id:long}/bids", async (HttpContext http, Auctions auctions, long id) =>
            await auctions.BidsAsync(http.Tenant(), await http.ViewerAsync(), id, http.RequestAborted));
        group.MapGet("/{id:long}/bids.csv", async (HttpContext http, Auctions auctions, long id) =>
            Results.File(Encoding.UTF8.GetBytes(await auctions.ExportAsync(http.Tenant(), await http.ViewerAsync(), id, http.RequestAborted)),
                "text/csv; charset=utf-8", $"auction-{id}-bids.csv"));
        group.MapPost("/{id:long}/bids", async (HttpContext http, Auctions auctions, long id, PlaceBidRequest body) =>
        {
            var placed = await auctions.PlaceBidAsync(http.Tenant(), await http.ViewerAsync(), id, body, http.RequestAborted);
            return TypedResults.Created($"/api/v1/market/auctions/{id}/bids/{placed.Bid.Id}", placed);
        }).RequireAuthorization(MarketPermissions.Trade);
    }
}
