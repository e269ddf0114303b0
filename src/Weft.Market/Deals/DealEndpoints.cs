using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Market.Organizations;

namespace Weft.Market.Deals;

internal static class DealEndpoints
{
    public static void MapDeals(this IEndpointRouteBuilder app)
    {
        var deals = app.MapGroup("/api/v1/market/deals").WithTags("Market deals").RequireAuthorization(MarketPermissions.Read);
        deals.MapGet("", async (HttpContext http, Deals service, string? state, int? limit, string? cursor) =>
            await service.ListAsync(http.Tenant(), await http.ViewerAsync(), state, limit, cursor, http.RequestAborted))
            .WithDescription("The deals the caller's organization is a party to (all of them for the staff), newest first.");
        deals.MapGet("/{id:long}", async (HttpContext http, Deals service, long id) =>
            await service.GetAsync(http.Tenant(), await http.ViewerAsync(), id, http.RequestAborted));
        deals.MapPost("/{id:long}/delivered", async (HttpContext http, Deals service, long id) =>
            await service.ConfirmDeliveryAsync(http.Tenant(), await http.ViewerAsync(), id, http.RequestAborted))
            .RequireAuthorization(MarketPermissions.Trade)
            .WithDescription("The buyer (or the staff) confirms the goods arrived; both sides may then review each other.");
        deals.MapPost("/{id:long}/reviews", async (HttpContext http, Reviews service, long id, ReviewRequest body) =>
        {
            var review = await service.ReviewAsync(http.Tenant(), await http.ViewerAsync(), id, body, http.RequestAborted);
            return TypedResults.Created($"/api/v1/market/organizations/{review.Subject}/reviews", review);
        }).RequireAuthorization(MarketPermissions.Trade);

        app.MapGet("/api/v1/market/organizations/{id:long}/reviews", async (HttpContext http, Reviews service, long id, int? limit, string? cursor) =>
            await service.OfAsync(http.Tenant(), await http.ViewerAsync(), id, limit, cursor, http.RequestAborted))
            .WithTags("Market deals").RequireAuthorization(MarketPermissions.Read)
            .WithDescription("An organization's rating and its reviews, newest first.");
    }
}
