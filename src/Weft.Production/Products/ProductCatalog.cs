using Microsoft.EntityFrameworkCore;
using Weft.Flow;
using Weft.Platform.Errors;
using Weft.Platform.Paging;
using Weft.Production.Persistence;

namespace Weft.Production.Products;

/// <summary>A manager adds and changes products; each names the routing its orders are released on by default.</summary>
internal sealed class ProductCatalog(ProductionDb data, FlowEngines engines)
{
    public async Task<ProductDto> CreateAsync(long tenant, CreateProductRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        errors.RequireKey(request.Key, "key");
        ProductRules.CheckFields(errors, request.Name, request.Routing, request.BatchSize, creating: true);
        errors.ThrowIfAny();
        await ProductRules.RequireRoutingAsync(engines.For(tenant), request.Routing!, ct);
        return await data.ChangeAsync(tenant, async (db, _) =>
        {
            if (await db.Products.AnyAsync(p => p.Key == request.Key, ct))
                throw WeftException.Conflict("product_exists", $"Product '{request.Key}' already exists.");
            var product = new ProductRecord
            {
                Key = request.Key!,
                Name = request.Name!.Trim(),
                Routing = request.Routing!,
                BatchSize = request.BatchSize ?? 1,
                CreatedAt = data.Now,
                UpdatedAt = data.Now,
            };
            db.Products.Add(product);
            await db.SaveChangesAsync(ct);
            return product.ToDto();
        }, ct);
    }

    /// <summary>Changes a product; orders already made keep the routing they were given.</summary>
    public async Task<ProductDto> UpdateAsync(long tenant, string key, UpdateProductRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        ProductRules.CheckFields(errors, request.Name, request.Routing, request.BatchSize, creating: false);
        errors.ThrowIfAny();
        if (request.Routing is not null) await ProductRules.RequireRoutingAsync(engines.For(tenant), request.Routing, ct);
        return await data.ChangeAsync(tenant, async (db, _) =>
        {
            var product = await db.Products.FirstOrDefaultAsync(p => p.Key == key, ct) ?? throw ProductRules.NotFound(key);
            if (request.Version is { } v && v != product.Version)
                throw WeftException.Conflict("stale_version", $"Product '{key}' is at version {product.Version}, not {v}.");
            if (request.Name is not null) product.Name = request.Name.Trim();
            if (request.Routing is not null) product.Routing = request.Routing;
            if (request.BatchSize is { } size) product.BatchSize = size;
            product.UpdatedAt = data.Now;
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            return product.ToDto();
        }, ct);
    }

    public async Task<Page<ProductDto>> ListAsync(long tenant, int? limit, string? cursor, CancellationToken ct = default)
    {
        var (take, after) = PageCursor.Parse(limit, cursor);
        await using var db = await data.OpenAsync(tenant, ct);
        var rows = await db.Products.AsNoTracking().Where(p => p.Id > after).OrderBy(p => p.Id).Take(take + 1).ToListAsync(ct);
        return PageCursor.Of(rows, take, p => p.Id, p => p.ToDto());
    }

    public async Task<ProductDto> GetAsync(long tenant, string key, CancellationToken ct = default)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Key == key, ct) ?? throw ProductRules.NotFound(key);
        return product.ToDto();
    }
}
