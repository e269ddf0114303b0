using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Platform.Web.Security;
using Weft.Production.Persistence;

namespace Weft.Production.Orders;

/// <summary>Manufacturing orders under <c>/api/v1/manufacturing-orders</c>, atelier jobs under <c>/api/v1/atelier-jobs</c>: the same commands.</summary>
internal static class OrderEndpoints
{
    public static void MapOrders(this IEndpointRouteBuilder app)
    {
        Map(app, "/api/v1/manufacturing-orders", "Manufacturing orders", OrderKinds.Oem);
        Map(app, "/api/v1/atelier-jobs", "Atelier jobs", OrderKinds.Craft);
    }

    private static void Map(IEndpointRouteBuilder app, string path, string tag, string kind)
    {
        var orders = app.MapGroup(path).WithTags(tag).RequireAuthorization(ProductionPermissions.Read);
        orders.MapGet("", (HttpContext http, OrderQueries queries, string? state, string? product, string? q, int? limit, string? cursor) =>
            queries.ListAsync(Tenant(http), kind, new OrderFilter(state, product, q), limit, cursor, http.RequestAborted));
        orders.MapGet("/{id:long}", (HttpContext http, OrderQueries queries, long id) =>
            queries.GetAsync(Tenant(http), kind, id, http.RequestAborted));
        orders.MapPost("", async (HttpContext http, ProductionOrders commands, CreateOrderRequest body) =>
        {
            var order = await commands.CreateAsync(Tenant(http), kind, http.User.ActorOf()!, body, http.RequestAborted);
            return TypedResults.Created($"{path}/{order.Id}", order);
        }).RequireAuthorization(ProductionPermissions.Manage);
        orders.MapPatch("/{id:long}", (HttpContext http, ProductionOrders commands, long id, UpdateOrderRequest body) =>
            commands.UpdateAsync(Tenant(http), kind, http.User.ActorOf()!, id, body, http.RequestAborted)).RequireAuthorization(ProductionPermissions.Manage);
        orders.MapPost("/{id:long}/release", (HttpContext http, ProductionOrders commands, long id, OrderCommandRequest? body) =>
            commands.ReleaseAsync(Tenant(http), kind, http.User.ActorOf()!, id, body ?? new(null), http.RequestAborted))
            .RequireAuthorization(ProductionPermissions.Manage);
        orders.MapPost("/{id:long}/cancel", (HttpContext http, ProductionOrders commands, long id, OrderCommandRequest? body) =>
            commands.CancelAsync(Tenant(http), kind, http.User.ActorOf()!, id, body ?? new(null), http.RequestAborted))
            .RequireAuthorization(ProductionPermissions.Manage);
    }

    private static long Tenant(HttpContext http) => http.User.TenantOf()!.Value;
}
