using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Market.Organizations;

namespace Weft.Market.Freight;

internal static class FreightEndpoints
{
    public static void MapFreight(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/market").WithTags("Market freight and currencies").RequireAuthorization(MarketPermissions.Read);
        group.MapGet("/freight-rates", async (HttpContext http, FreightTables tables) =>
            await tables.FreightAsync(http.Tenant(), await http.ViewerAsync(), http.RequestAborted));
        group.MapPut("/freight-rates", async (HttpContext http, FreightTables tables, FreightRateRequest body) =>
            await tables.SetFreightAsync(http.Tenant(), await http.ViewerAsync(), body, http.RequestAborted)).RequireAuthorization(MarketPermissions.Operate);
        group.MapDelete("/freight-rates/{id:long}", async (HttpContext http, FreightTables tables, long id) =>
        {
            await tables.DeleteFreightAsync(http.Tenant(), await http.ViewerAsync(), id, http.RequestAborted);
            return TypedResults.NoContent();
        }).RequireAuthorization(MarketPermissions.Operate);
        group.MapGet("/currency-rates", async (HttpContext http, FreightTables tables) =>
            await tables.RatesAsync(http.Tenant(), await http.ViewerAsync(), http.RequestAborted));
        group.MapPut("/currency-rates/{currency}", async (HttpContext http, FreightTables tables, string currency, CurrencyRateRequest body) =>
            await tables.SetRateAsync(http.Tenant(), await http.ViewerAsync(), currency, body, http.RequestAborted)).RequireAuthorization(MarketPermissions.Operate);
    }
}
