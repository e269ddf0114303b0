using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Commerce.Replenishment.Planning;
using Weft.Commerce.Suppliers;
using Weft.Platform.Web.Security;

namespace Weft.Commerce.Purchasing;

/// <summary>Suppliers, replenishment (rules, planning runs, suggestions) and purchase orders under /api/v1/commerce.</summary>
internal static class PurchasingEndpoints
{
    public static void MapPurchasing(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/commerce").WithTags("Commerce").RequireAuthorization(CommercePermissions.Read);

        api.MapGet("/suppliers", (HttpContext http, Suppliers.Suppliers suppliers, string? search, int? limit, string? cursor) =>
            suppliers.ListAsync(http.User.TenantOf()!.Value, search, limit, cursor, http.RequestAborted));
        api.MapGet("/suppliers/{key}", (HttpContext http, Suppliers.Suppliers suppliers, string key) =>
            suppliers.GetAsync(http.User.TenantOf()!.Value, key, http.RequestAborted));
        api.MapPost("/suppliers", async (HttpContext http, Suppliers.Suppliers suppliers, CreateSupplierRequest body) =>
        {
            var created = await suppliers.CreateAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, body, http.RequestAborted);
            return TypedResults.Created($"/api/v1/commerce/suppliers/{created.Key}", created);
        }).RequireAuthorization(CommercePermissions.Purchase);
        api.MapPut("/suppliers/{key}", (HttpContext http, Suppliers.Suppliers suppliers, string key, UpdateSupplierRequest body) =>
            suppliers.UpdateAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, key, body, http.RequestAborted)).RequireAuthorization(CommercePermissions.Purchase);
        api.MapPut("/suppliers/{key}/products", (HttpContext http, Suppliers.Suppliers suppliers, string key, SupplierProductRequest body) =>
            suppliers.SetProductAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, key, body, http.RequestAborted)).RequireAuthorization(CommercePermissions.Purchase);

        api.MapGet("/replenishment/rules", (HttpContext http, ReplenishmentRules rules, string? warehouse, string? sku) =>
            rules.ListAsync(http.User.TenantOf()!.Value, warehouse, sku, http.RequestAborted));
        api.MapPut("/replenishment/rules", (HttpContext http, ReplenishmentRules rules, ReplenishmentRuleRequest body) =>
            rules.SetAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, body, http.RequestAborted)).RequireAuthorization(CommercePermissions.Purchase);
        api.MapPost("/replenishment/schedule", (HttpContext http, ReplenishmentRules rules, ScheduleRequest body) =>
            rules.ScheduleAsync(http.User.TenantOf()!.Value, body, http.RequestAborted)).RequireAuthorization(CommercePermissions.Purchase);
        api.MapPost("/replenishment/plan", (HttpContext http, ReplenishmentPlanner planner, TimeProvider clock, PlanRequest body) =>
            planner.PlanAsync(http.User.TenantOf()!.Value, "manual-" + clock.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture), body,
                http.RequestAborted)).RequireAuthorization(CommercePermissions.Purchase);
        api.MapGet("/replenishment/suggestions", (HttpContext http, Replenishment.Planning.Suggestions suggestions, string? state, string? run, string? warehouse,
            int? limit, string? cursor) => suggestions.ListAsync(http.User.TenantOf()!.Value, state, run, warehouse, limit, cursor, http.RequestAborted));
        api.MapGet("/replenishment/suggestions/{id:long}", (HttpContext http, Replenishment.Planning.Suggestions suggestions, long id) =>
            suggestions.GetAsync(http.User.TenantOf()!.Value, id, http.RequestAborted));
        api.MapPost("/replenishment/suggestions/{id:long}/approve", (HttpContext http, Replenishment.Planning.Suggestions suggestions, long id,
            DecideSuggestionRequest body) => suggestions.ApproveAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, id, body, http.RequestAborted))
            .RequireAuthorization(CommercePermissions.Purchase);
        api.MapPost("/replenishment/suggestions/{id:long}/reject", (HttpContext http, Replenishment.Planning.Suggestions suggestions, long id,
            DecideSuggestionRequest body) => suggestions.RejectAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, id, body, http.RequestAborted))
            .RequireAuthorization(CommercePermissions.Purchase);
        api.MapPost("/replenishment/suggestions/order", (HttpContext http, Replenishment.Planning.Suggestions suggestions, OrderSuggestionsRequest body) =>
            suggestions.OrderAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, body, http.RequestAborted)).RequireAuthorization(CommercePermissions.Purchase);

        api.MapGet("/purchase-orders", (HttpContext http, PurchaseOrders orders, string? state, string? supplier, int? limit, string? cursor) =>
            orders.ListAsync(http.User.TenantOf()!.Value, state, supplier, limit, cursor, http.RequestAborted));
        api.MapGet("/purchase-orders/{id:long}", (HttpContext http, PurchaseOrders orders, long id) =>
            orders.GetAsync(http.User.TenantOf()!.Value, id, http.RequestAborted));
        api.MapGet("/purchase-orders/{id:long}/pdf", async (HttpContext http, PurchaseOrders orders, long id) =>
        {
            var (order, pdf) = await orders.PdfAsync(http.User.TenantOf()!.Value, id, http.RequestAborted);
            return Results.File(pdf, "application/pdf", $"{order.Number}.pdf");
        });
        api.MapPost("/purchase-orders", async (HttpContext http, PurchaseOrders orders, CreatePurchaseOrderRequest body) =>
        {
            var created = await orders.CreateAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, body, http.RequestAborted);
            return TypedResults.Created($"/api/v1/commerce/purchase-orders/{created.Id}", created);
        }).RequireAuthorization(CommercePermissions.Purchase);
        api.MapPost("/purchase-orders/{id:long}/approve", (HttpContext http, PurchaseOrders orders, long id, PurchaseOrderCommand body) =>
            orders.ApproveAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, id, body, http.RequestAborted)).RequireAuthorization(CommercePermissions.Purchase);
        api.MapPost("/purchase-orders/{id:long}/send", (HttpContext http, PurchaseOrders orders, long id, SendPurchaseOrderRequest body) =>
            orders.SendAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, id, body, http.RequestAborted)).RequireAuthorization(CommercePermissions.Purchase);
        api.MapPost("/purchase-orders/{id:long}/cancel", (HttpContext http, PurchaseOrders orders, long id, PurchaseOrderCommand body) =>
            orders.CancelAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, id, body, http.RequestAborted)).RequireAuthorization(CommercePermissions.Purchase);
        api.MapPost("/purchase-orders/{id:long}/close", (HttpContext http, PurchaseOrders orders, long id, PurchaseOrderCommand body) =>
            orders.CloseAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, id, body, http.RequestAborted)).RequireAuthorization(CommercePermissions.Purchase);
    }
}
