using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Platform.Web.Security;

namespace Weft.Production.Products;

internal static class ProductEndpoints
{
    public static void MapProducts(this IEndpointRouteBuilder app)
    {
        var products = app.MapGroup("/api/v1/products").WithTags("Products").RequireAuthorization(ProductionPermissions.Read);
        products.MapGet("", (HttpContext http, ProductCatalog catalog, int? limit, string? cursor) =>
            catalog.ListAsync(http.User.TenantOf()!.Value, limit, cursor, http.RequestAborted));
        products.MapGet("/{key}", (HttpContext http, ProductCatalog catalog, string key) =>
            catalog.GetAsync(http.User.TenantOf()!.Value, key, http.RequestAborted));
        products.MapPost("", async (HttpContext http, ProductCatalog catalog, CreateProductRequest body) =>
        {
            var product = await catalog.CreateAsync(http.User.TenantOf()!.Value, body, http.RequestAborted);
            return TypedResults.Created($"/api/v1/products/{product.Key}", product);
        }).RequireAuthorization(ProductionPermissions.Manage);
        products.MapPatch("/{key}", (HttpContext http, ProductCatalog catalog, string key, UpdateProductRequest body) =>
            catalog.UpdateAsync(http.User.TenantOf()!.Value, key, body, http.RequestAborted)).RequireAuthorization(ProductionPermissions.Manage);
    }
}
