using Microsoft.EntityFrameworkCore;
using Weft.Commerce.Persistence;
using Weft.Platform.Audit;
using Weft.Platform.Errors;

namespace Weft.Commerce.Catalog;

/// <summary>
/// The catalog in and out of a CSV file (<see cref="ProductCsv"/>). An import is all or nothing: every row is checked
/// with the rules of <see cref="Products"/>, with the file's other rows and with the catalog, and one wrong row means
/// nothing is written and every error is listed by row and column (422 <c>catalog_import_invalid</c>). A row whose SKU
/// is in the catalog updates that SKU and its product to what the file says (an empty cell clears its field); a new SKU
/// is added to its product, created when its key is new. SKUs the file leaves out stay as they are: an import never deletes.
/// </summary>
internal sealed class CatalogImport(CommerceDb data)
{
    public const string Invalid = "catalog_import_invalid";

    public async Task<string> ExportAsync(long tenant, CancellationToken ct = default)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var products = await db.Products.AsNoTracking().ToDictionaryAsync(p => p.Id, ct);
        var variants = await db.Variants.AsNoTracking().ToListAsync(ct);
        return ProductCsv.Write(variants.Select(v => (products[v.ProductId], v))
            .OrderBy(r => r.Item1.Key, StringComparer.Ordinal).ThenBy(r => r.v.Id));
    }

    public async Task<ImportResult> ImportAsync(long tenant, string actor, ReadOnlyMemory<byte> content, CancellationToken ct = default)
    {
        var (read, errors) = ProductCsv.Read(content);
        if (read.Count == 0) Refuse(errors);
        errors.AddRange(CheckRows(read));
        // The catalog is asked about the rows that name their product and SKU, so that one answer lists every error.
        var rows = read.Where(r => r.Product.Key is not null && r.Variant.Sku is not null).ToList();
        return await data.ChangeAsync(tenant, async db =>
        {
            var keys = rows.Select(r => r.Product.Key!).Distinct().ToList();
            var skus = rows.Select(r => r.Variant.Sku!).ToList();
            var barcodes = rows.Where(r => r.Variant.Barcode is not null).Select(r => r.Variant.Barcode!).ToList();
            var products = await db.Products.Where(p => keys.Contains(p.Key)).ToDictionaryAsync(p => p.Key, StringComparer.Ordinal, ct);
            var productIds = products.Values.Select(p => p.Id).ToList();
            var variants = await db.Variants.Where(v => skus.Contains(v.Sku) || productIds.Contains(v.ProductId)).ToListAsync(ct);
            var bySku = variants.ToDictionary(v => v.Sku, StringComparer.Ordinal);
            var holders = await db.Variants.AsNoTracking().Where(v => v.Barcode != null && barcodes.Contains(v.Barcode))
                .ToDictionaryAsync(v => v.Barcode!, v => v.Sku, StringComparer.Ordinal, ct);
            var ownerIds = variants.Select(v => v.ProductId).Distinct().ToList();
            var owners = await db.Products.AsNoTracking().Where(p => ownerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Key, ct);
            Refuse([.. errors, .. CheckAgainstCatalog(rows, products, variants, bySku, holders, owners)]);

            var result = new Counter();
            foreach (var group in rows.GroupBy(r => r.Product.Key!, StringComparer.Ordinal))
            {
                var first = group.First().Product;
                if (products.TryGetValue(group.Key, out var product))
                {
                    var before = Fields(product);
                    Products.Apply(product, first);
                    if (Fields(product) != before)
                    {
                        product.UpdatedAt = data.Now;
                        result.ProductsUpdated++;
                    }
                    else result.ProductsUnchanged++;
                }
                else
                {
                    product = Products.Apply(new ProductRecord { Key = group.Key, CreatedAt = data.Now, UpdatedAt = data.Now }, first);
                    db.Products.Add(product);
                    products[group.Key] = product;
                    result.ProductsCreated++;
                }
            }
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            foreach (var row in rows)
            {
                if (bySku.TryGetValue(row.Variant.Sku!, out var variant))
                {
                    var before = Fields(variant);
                    Products.Apply(variant, row.Variant);
                    if (Fields(variant) != before) result.SkusUpdated++;
                    else result.SkusUnchanged++;
                }
                else
                {
                    db.Variants.Add(Products.Apply(new VariantRecord { ProductId = products[row.Product.Key!].Id, Sku = row.Variant.Sku! }, row.Variant));
                    result.SkusCreated++;
                }
            }
            var answer = new ImportResult(read.Count, result.ProductsCreated, result.ProductsUpdated, result.ProductsUnchanged, result.SkusCreated,
                result.SkusUpdated, result.SkusUnchanged);
            db.Publish(new AuditRecorded("commerce_products_imported", data.Now, actor, AuditRecorded.DataOf(answer)), AuditRecorded.Stream);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            return answer;
        }, ct);
    }

    /// <summary>Each row by the product rules, and the rows together: a SKU or barcode once in the file, a product's fields the same on each of its rows.</summary>
    internal static IEnumerable<CsvRowError> CheckRows(IReadOnlyList<ProductCsvRow> rows)
    {
        foreach (var row in rows)
        {
            foreach (var (field, messages) in Refusals(row.Product))
                foreach (var message in messages)
                    yield return new CsvRowError(row.Row, ProductCsv.ColumnOf(field), message);
        }
        foreach (var error in Repeated(rows, r => r.Variant.Sku, StringComparer.OrdinalIgnoreCase, ProductCsv.Sku, "SKU")) yield return error;
        foreach (var error in Repeated(rows, r => r.Variant.Barcode, StringComparer.Ordinal, ProductCsv.Barcode, "Barcode")) yield return error;
        foreach (var group in rows.Where(r => r.Product.Key is not null).GroupBy(r => r.Product.Key!, StringComparer.Ordinal))
        {
            var first = group.First();
            foreach (var row in group.Skip(1))
            {
                foreach (var (column, value, expected) in new[]
                {
                    (ProductCsv.Name, row.Product.Name, first.Product.Name), (ProductCsv.Description, row.Product.Description, first.Product.Description),
                    (ProductCsv.Category, Products.NormalizeCategory(row.Product.Category), Products.NormalizeCategory(first.Product.Category)),
                    (ProductCsv.Unit, row.Product.Unit, first.Product.Unit), (ProductCsv.Tracking, row.Product.Tracking ?? Products.None, first.Product.Tracking ?? Products.None),
                    (ProductCsv.ShelfLifeDays, row.Product.ShelfLifeDays?.ToString(System.Globalization.CultureInfo.InvariantCulture), first.Product.ShelfLifeDays?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                })
                {
                    if (!string.Equals(value?.Trim(), expected?.Trim(), StringComparison.Ordinal))
                        yield return new CsvRowError(row.Row, column, $"Product '{group.Key}' has '{expected}' here on row {first.Row}, its first row: a product's rows agree.");
                }
            }
            if (group.Count() > Products.MaxVariants)
                yield return new CsvRowError(group.ElementAt(Products.MaxVariants).Row, ProductCsv.Sku, $"Product '{group.Key}' has more than {Products.MaxVariants} SKUs.");
        }
    }

    /// <summary>What the API would refuse in this product, field by field.</summary>
    private static IReadOnlyDictionary<string, string[]> Refusals(CreateProductRequest product)
    {
        try
        {
            Products.Check(product).ThrowIfAny();
            return new Dictionary<string, string[]>();
        }
        catch (WeftException refusal) when (refusal.Details is IReadOnlyDictionary<string, string[]> fields)
        {
            return fields;
        }
    }

    private static IEnumerable<CsvRowError> CheckAgainstCatalog(IReadOnlyList<ProductCsvRow> rows, Dictionary<string, ProductRecord> products,
        List<VariantRecord> variants, Dictionary<string, VariantRecord> bySku, Dictionary<string, string> barcodeHolders, Dictionary<long, string> owners)
    {
        foreach (var row in rows)
        {
            var key = row.Product.Key!;
            if (bySku.TryGetValue(row.Variant.Sku!, out var existing) && owners[existing.ProductId] != key)
                yield return new CsvRowError(row.Row, ProductCsv.Sku, $"SKU '{existing.Sku}' belongs to product '{owners[existing.ProductId]}', not '{key}'.");
            if (row.Variant.Barcode is { } barcode && barcodeHolders.TryGetValue(barcode, out var holder) && holder != row.Variant.Sku)
                yield return new CsvRowError(row.Row, ProductCsv.Barcode, $"Barcode '{barcode}' belongs to SKU '{holder}'.");
        }
        foreach (var group in rows.GroupBy(r => r.Product.Key!, StringComparer.Ordinal))
        {
            if (!products.TryGetValue(group.Key, out var product)) continue;
            var first = group.First();
            var own = variants.Where(v => v.ProductId == product.Id).ToList();
            // Stock already counted in one unit, or by lot, cannot be read in another.
            if (own.Any(v => v.OnHand != 0))
            {
                if (first.Product.Unit != product.Unit)
                    yield return new CsvRowError(first.Row, ProductCsv.Unit, $"'{product.Key}' has stock counted in {product.Unit}: its unit cannot change.");
                if ((first.Product.Tracking ?? Products.None) != product.Tracking)
                    yield return new CsvRowError(first.Row, ProductCsv.Tracking, $"'{product.Key}' has stock tracked as {product.Tracking}: its tracking cannot change.");
            }
            var total = own.Count + group.Count(r => !bySku.ContainsKey(r.Variant.Sku!));
            if (total > Products.MaxVariants)
                yield return new CsvRowError(first.Row, ProductCsv.Sku, $"'{product.Key}' would have {total} SKUs; a product has at most {Products.MaxVariants}.");
        }
    }

    private static IEnumerable<CsvRowError> Repeated(IReadOnlyList<ProductCsvRow> rows, Func<ProductCsvRow, string?> value, StringComparer comparer,
        string column, string what)
    {
        var seen = new Dictionary<string, int>(comparer);
        foreach (var row in rows)
        {
            if (value(row) is not { } v) continue;
            if (seen.TryGetValue(v, out var earlier)) yield return new CsvRowError(row.Row, column, $"{what} '{v}' is on row {earlier} too.");
            else seen[v] = row.Row;
        }
    }

    private static void Refuse(List<CsvRowError> errors)
    {
        if (errors.Count == 0) return;
        var sorted = errors.OrderBy(e => e.Row).ThenBy(e => ProductCsv.Columns.ToList().IndexOf(e.Column)).ToList();
        var rows = sorted.Select(e => e.Row).Distinct().Count();
        throw WeftException.Rule(Invalid, $"Nothing was imported: {sorted.Count} {(sorted.Count == 1 ? "error" : "errors")} in {rows} {(rows == 1 ? "row" : "rows")}.", sorted);
    }

    private static (string, string, string, string, string, int?) Fields(ProductRecord p) => (p.Name, p.Description, p.Category, p.Unit, p.Tracking, p.ShelfLifeDays);

    private static (string, string?, decimal?, decimal?, decimal?, decimal?, decimal, decimal, string) Fields(VariantRecord v) =>
        (v.AttributesJson, v.Barcode, v.WeightGrams, v.LengthMm, v.WidthMm, v.HeightMm, v.Cost, v.Price, v.Currency);

    private sealed class Counter
    {
        public int ProductsCreated, ProductsUpdated, ProductsUnchanged, SkusCreated, SkusUpdated, SkusUnchanged;
    }
}
