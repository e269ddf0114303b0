using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Weft.Commerce.Persistence;
using Weft.Platform.Audit;
using Weft.Platform.Errors;
using Weft.Platform.Paging;

namespace Weft.Commerce.Catalog;

/// <summary>The catalog: products and their variants (SKUs), created whole and read back with their stock in total.</summary>
internal sealed class Products(CommerceDb data)
{
    public const int MaxVariants = 200;
    public const string None = "none";
    public const string DefaultCurrency = "EUR";
    public static readonly IReadOnlyList<string> Trackings = [None, "lot", "serial"];

    public async Task<ProductDto> CreateAsync(long tenant, string actor, CreateProductRequest request, CancellationToken ct = default)
    {
        Check(request).ThrowIfAny();

        return await data.ChangeAsync(tenant, async db =>
        {
            if (await db.Products.AnyAsync(p => p.Key == request.Key, ct))
                throw WeftException.Conflict("product_exists", $"Product '{request.Key}' already exists.");
            var skus = request.Variants!.Select(v => v.Sku!).ToList();
            if (await db.Variants.Where(v => skus.Contains(v.Sku)).Select(v => v.Sku).FirstOrDefaultAsync(ct) is { } taken)
                throw WeftException.Conflict("sku_exists", $"SKU '{taken}' belongs to another product.");
            var barcodes = request.Variants!.Where(v => v.Barcode is not null).Select(v => v.Barcode!).ToList();
            if (barcodes.Count > 0 && await db.Variants.Where(v => v.Barcode != null && barcodes.Contains(v.Barcode)).Select(v => v.Barcode).FirstOrDefaultAsync(ct) is { } used)
                throw WeftException.Conflict("barcode_exists", $"Barcode '{used}' belongs to another SKU.");
            var product = Apply(new ProductRecord { Key = request.Key!, CreatedAt = data.Now }, request);
            product.UpdatedAt = data.Now;
            db.Products.Add(product);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            var variants = request.Variants!.Select(v => Apply(new VariantRecord { ProductId = product.Id, Sku = v.Sku! }, v)).ToList();
            db.Variants.AddRange(variants);
            db.Publish(new AuditRecorded("commerce_product_created", data.Now, actor,
                AuditRecorded.DataOf(new { key = product.Key, skus })), AuditRecorded.Stream);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            return ToDto(product, variants);
        }, ct);
    }

    public async Task<ProductDto> GetAsync(long tenant, string key, CancellationToken ct = default)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Key == key, ct)
            ?? throw WeftException.NotFound("product_not_found", $"There is no product '{key}'.");
        var variants = await db.Variants.AsNoTracking().Where(v => v.ProductId == product.Id).OrderBy(v => v.Id).ToListAsync(ct);
        return ToDto(product, variants);
    }

    /// <param name="search">Part of the key, the name, a SKU or a barcode.</param>
    /// <param name="category">A category and everything under it.</param>
    public Task<Page<ProductDto>> ListAsync(long tenant, string? search, string? category, int? limit, string? cursor, CancellationToken ct = default) =>
        SearchAsync(tenant, search, category, tracking: null, limit, cursor, ct);

    /// <param name="tracking"><c>none</c>, <c>lot</c> or <c>serial</c>: only the products tracked so.</param>
    public async Task<Page<ProductDto>> SearchAsync(long tenant, string? search, string? category, string? tracking, int? limit, string? cursor,
        CancellationToken ct = default)
    {
        var (take, after) = PageCursor.Parse(limit, cursor);
        if (search is { Length: > 200 } || category is { Length: > 200 })
            throw FieldErrors.Of("search", "At most 200 characters.");
        if (tracking is not null && !Trackings.Contains(tracking))
            throw FieldErrors.Of("tracking", "'tracking' must be none, lot or serial.");
        await using var db = await data.OpenAsync(tenant, ct);
        var query = db.Products.AsNoTracking().Where(p => p.Id > after);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim();
            var bySku = db.Variants.Where(v => v.Sku.Contains(s) || v.Barcode == s).Select(v => v.ProductId);
            query = query.Where(p => p.Key.Contains(s) || p.Name.Contains(s) || bySku.Contains(p.Id));
        }
        if (!string.IsNullOrWhiteSpace(category))
        {
            var c = NormalizeCategory(category);
            var under = c + " / ";
            query = query.Where(p => p.Category == c || p.Category.StartsWith(under));
        }
        if (tracking is not null) query = query.Where(p => p.Tracking == tracking);
        var rows = await query.OrderBy(p => p.Id).Take(take + 1).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var variants = (await db.Variants.AsNoTracking().Where(v => ids.Contains(v.ProductId)).OrderBy(v => v.Id).ToListAsync(ct)).ToLookup(v => v.ProductId);
        return PageCursor.Of(rows, take, r => r.Id, r => ToDto(r, [.. variants[r.Id]]));
    }

    /// <summary>The categories products are in, each level too ("Apparel / T-shirts" gives "Apparel" as well), in order.</summary>
    public async Task<IReadOnlyList<string>> CategoriesAsync(long tenant, CancellationToken ct = default)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var categories = await db.Products.AsNoTracking().Where(p => p.Category != "").Select(p => p.Category).Distinct().ToListAsync(ct);
        return [.. categories.SelectMany(c => c.Split(" / ").Select((_, i) => string.Join(" / ", c.Split(" / ").Take(i + 1)))).Distinct().Order(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Everything wrong with a product as given, before the data is asked: the rules the API and the CSV import share.</summary>
    internal static FieldErrors Check(CreateProductRequest request)
    {
        var errors = new FieldErrors();
        errors.RequireKey(request.Key, "key");
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > 200) errors.Add("name", "'name' is required, at most 200 characters.");
        if (Units.Find(request.Unit) is null) errors.Add("unit", $"'unit' must be one of: {string.Join(", ", Units.All.Select(u => u.Code))}.");
        if (request.Category is { Length: > 200 }) errors.Add("category", "'category' is at most 200 characters (levels separated by ' / ').");
        if (request.Description is { Length: > 4000 }) errors.Add("description", "'description' is at most 4,000 characters.");
        var tracking = request.Tracking ?? None;
        if (!Trackings.Contains(tracking)) errors.Add("tracking", "'tracking' must be none, lot or serial.");
        if (tracking == "serial" && request.Unit is not null && !Units.IsCounted(request.Unit)) errors.Add("tracking", "Serial numbers are for products counted in units.");
        if (request.ShelfLifeDays is < 1 or > 36_500) errors.Add("shelfLifeDays", "'shelfLifeDays' must be between 1 and 36,500.");
        if (request.Variants is not { Count: > 0 and <= MaxVariants }) errors.Add("variants", $"Give 1-{MaxVariants} variants, each with its SKU.");
        else
        {
            for (var i = 0; i < request.Variants.Count; i++) CheckVariant(errors, $"variants[{i}]", request.Variants[i]);
            foreach (var dup in request.Variants.Where(v => v?.Sku is not null).GroupBy(v => v.Sku, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
                errors.Add("variants", $"SKU '{dup.Key}' is given twice.");
            foreach (var dup in request.Variants.Where(v => v?.Barcode is not null).GroupBy(v => v.Barcode).Where(g => g.Count() > 1))
                errors.Add("variants", $"Barcode '{dup.Key}' is given twice.");
        }
        return errors;
    }

    /// <summary>Sets a product's fields from a checked request (its key and creation time aside).</summary>
    internal static ProductRecord Apply(ProductRecord product, CreateProductRequest request)
    {
        (product.Name, product.Description, product.Category) = (request.Name!.Trim(), request.Description?.Trim() ?? "", NormalizeCategory(request.Category));
        (product.Unit, product.Tracking, product.ShelfLifeDays) = (request.Unit!, request.Tracking ?? None, request.ShelfLifeDays);
        return product;
    }

    /// <summary>Sets a variant's fields from a checked request (its SKU and product aside).</summary>
    internal static VariantRecord Apply(VariantRecord variant, VariantRequest request)
    {
        (variant.AttributesJson, variant.Barcode) = ((request.Attributes ?? []).ToJsonString(), request.Barcode);
        (variant.WeightGrams, variant.LengthMm, variant.WidthMm, variant.HeightMm) = (request.WeightGrams, request.LengthMm, request.WidthMm, request.HeightMm);
        (variant.Cost, variant.Price, variant.Currency) = (request.Cost ?? 0, request.Price ?? 0, request.Currency ?? DefaultCurrency);
        return variant;
    }

    private static void CheckVariant(FieldErrors errors, string at, VariantRequest? v)
    {
        if (v is null)
        {
            errors.Add(at, "A variant is an object with its 'sku'.");
            return;
        }
        if (!IsSku(v.Sku)) errors.Add(at + ".sku", "'sku' is required: 1-64 letters, digits, '-', '_', '.' or '/'.");
        if (v.Barcode is not null && !Gtin.IsValid(v.Barcode))
            errors.Add(at + ".barcode", $"'{v.Barcode}' is not a GTIN: 8, 12, 13 or 14 digits ending in the right check digit.");
        foreach (var (name, value) in new[] { ("weightGrams", v.WeightGrams), ("lengthMm", v.LengthMm), ("widthMm", v.WidthMm), ("heightMm", v.HeightMm) })
            if (value is < 0 or > 100_000_000) errors.Add($"{at}.{name}", $"'{name}' must be between 0 and 100,000,000.");
        if (v.Cost is < 0 or > 1_000_000_000) errors.Add(at + ".cost", "'cost' must be between 0 and 1,000,000,000.");
        if (v.Price is < 0 or > 1_000_000_000) errors.Add(at + ".price", "'price' must be between 0 and 1,000,000,000.");
        if (v.Currency is not null && (v.Currency.Length != 3 || !v.Currency.All(char.IsAsciiLetterUpper)))
            errors.Add(at + ".currency", "'currency' is an ISO 4217 code: three capital letters.");
        if (v.Attributes is { } attributes)
        {
            if (attributes.Count > 20) errors.Add(at + ".attributes", "At most 20 attributes.");
            foreach (var (name, value) in attributes)
            {
                if (name.Length is 0 or > 40 || value is not JsonValue text || text.GetValueKind() != JsonValueKind.String || text.GetValue<string>().Length > 100)
                {
                    errors.Add(at + ".attributes", "Each attribute is a name (1-40 characters) with a text value (at most 100).");
                    break;
                }
            }
        }
    }

    private static bool IsSku(string? sku) =>
        sku is { Length: >= 1 and <= 64 } && sku.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/');

    /// <summary>Levels separated by " / ", each trimmed: "Apparel/ T-shirts" is "Apparel / T-shirts".</summary>
    internal static string NormalizeCategory(string? category) =>
        string.Join(" / ", (category ?? "").Split('/', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    internal static ProductDto ToDto(ProductRecord p, IReadOnlyList<VariantRecord> variants) =>
        new(p.Id, p.Key, p.Name, p.Description, p.Category, p.Unit, p.Tracking, p.ShelfLifeDays, [.. variants.Select(ToDto)], p.CreatedAt, p.UpdatedAt, p.Version);

    internal static VariantDto ToDto(VariantRecord v) =>
        new(v.Id, v.Sku, AttributesOf(v.AttributesJson), v.Barcode, v.WeightGrams, v.LengthMm, v.WidthMm, v.HeightMm, v.Cost, v.Price, v.Currency,
            v.OnHand, v.AverageCost);

    private static Dictionary<string, string> AttributesOf(string json) =>
        JsonNode.Parse(json) is JsonObject o ? o.ToDictionary(a => a.Key, a => a.Value?.GetValue<string>() ?? "", StringComparer.Ordinal) : [];
}
