using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Commerce.Catalog;
using Weft.Commerce.Counts;
using Weft.Commerce.Stock;
using Weft.Commerce.Warehouses;
using Weft.Platform.Web.Security;

namespace Weft.Commerce;

internal static class CommerceEndpoints
{
    public static void MapCommerce(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/commerce").WithTags("Commerce").RequireAuthorization(CommercePermissions.Read);

        api.MapGet("/products", (HttpContext http, Products products, string? search, string? category, int? limit, string? cursor) =>
            products.ListAsync(http.User.TenantOf()!.Value, search, category, limit, cursor, http.RequestAborted));
        api.MapGet("/products/{key}", (HttpContext http, Products products, string key) =>
            products.GetAsync(http.User.TenantOf()!.Value, key, http.RequestAborted));
        api.MapPost("/products", async (HttpContext http, Products products, CreateProductRequest body) =>
        {
            var created = await products.CreateAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, body, http.RequestAborted);
            return TypedResults.Created($"/api/v1/commerce/products/{created.Key}", created);
        }).RequireAuthorization(CommercePermissions.Manage);
        api.MapGet("/units", () => Units.All);
        api.MapCatalogCsv();

        api.MapGet("/warehouses", (HttpContext http, Warehouses.Warehouses warehouses) =>
            warehouses.ListAsync(http.User.TenantOf()!.Value, http.RequestAborted));
        api.MapPost("/warehouses", async (HttpContext http, Warehouses.Warehouses warehouses, CreateWarehouseRequest body) =>
        {
            var created = await warehouses.CreateAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, body, http.RequestAborted);
            return TypedResults.Created($"/api/v1/commerce/warehouses/{created.Key}", created);
        }).RequireAuthorization(CommercePermissions.Manage);
        api.MapGet("/warehouses/{key}/locations", (HttpContext http, Warehouses.Warehouses warehouses, string key) =>
            warehouses.LocationsAsync(http.User.TenantOf()!.Value, key, http.RequestAborted));
        api.MapPost("/warehouses/{key}/locations", async (HttpContext http, Warehouses.Warehouses warehouses, string key, CreateLocationRequest body) =>
        {
            var created = await warehouses.AddLocationAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, key, body, http.RequestAborted);
            return TypedResults.Created($"/api/v1/commerce/warehouses/{key}/locations", created);
        }).RequireAuthorization(CommercePermissions.Manage);

        api.MapPost("/moves", async (HttpContext http, StockLedger ledger, MoveRequest body) =>
            TypedResults.Created("/api/v1/commerce/moves", await ledger.MoveAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, body, http.RequestAborted)))
            .RequireAuthorization(CommercePermissions.Move);
        api.MapGet("/moves", (HttpContext http, StockLedger ledger, string? sku, string? location, string? reason, string? reference, int? limit, string? cursor) =>
            ledger.MovesAsync(http.User.TenantOf()!.Value, sku, location, reason, reference, limit, cursor, http.RequestAborted));
        api.MapPost("/reservations", async (HttpContext http, StockLedger ledger, ReserveRequest body) =>
        {
            var created = await ledger.ReserveAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, body, http.RequestAborted);
            return TypedResults.Created($"/api/v1/commerce/reservations/{created.Id}", created);
        }).RequireAuthorization(CommercePermissions.Move);
        api.MapPost("/reservations/{id:long}/release", (HttpContext http, StockLedger ledger, long id) =>
            ledger.ReleaseAsync(http.User.TenantOf()!.Value, id, http.RequestAborted)).RequireAuthorization(CommercePermissions.Move);
        api.MapGet("/reservations", (HttpContext http, StockLedger ledger, string? sku, string? reference, string? state) =>
            ledger.ReservationsAsync(http.User.TenantOf()!.Value, sku, reference, state, http.RequestAborted));
        api.MapPost("/counts", async (HttpContext http, StockCounts counts, CountRequest body) =>
        {
            var created = await counts.RecordAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, body, http.RequestAborted);
            return TypedResults.Created($"/api/v1/commerce/counts/{created.Id}", created);
        }).RequireAuthorization(CommercePermissions.Move);
        api.MapGet("/counts", (HttpContext http, StockCounts counts, string? state) => counts.ListAsync(http.User.TenantOf()!.Value, state, http.RequestAborted));
        api.MapGet("/counts/{id:long}", (HttpContext http, StockCounts counts, long id) => counts.GetAsync(http.User.TenantOf()!.Value, id, http.RequestAborted));
        api.MapPost("/counts/{id:long}/approve", (HttpContext http, StockCounts counts, long id, DecideCountRequest body) =>
            counts.ApproveAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, id, body, http.RequestAborted)).RequireAuthorization(CommercePermissions.Manage);
        api.MapPost("/counts/{id:long}/reject", (HttpContext http, StockCounts counts, long id, DecideCountRequest body) =>
            counts.RejectAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, id, body, http.RequestAborted)).RequireAuthorization(CommercePermissions.Manage);
        api.MapGet("/moves.csv", async (HttpContext http, StockLedger ledger, string? sku, string? location, string? reason, string? reference) =>
            Results.File(System.Text.Encoding.UTF8.GetBytes(await ledger.MovesCsvAsync(http.User.TenantOf()!.Value, sku, location, reason, reference, http.RequestAborted)),
                "text/csv; charset=utf-8", "moves.csv"));
        api.MapGet("/stock", (HttpContext http, StockLedger ledger, string? sku, string? location) =>
            ledger.StockAsync(http.User.TenantOf()!.Value, sku, location, http.RequestAborted));
    }
}
