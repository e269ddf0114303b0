using Microsoft.EntityFrameworkCore;
using Weft.Commerce.Catalog;

namespace Weft.Commerce.Inbound;

/// <summary>The codes a scanner may read for a notice's SKUs (the SKU itself or its barcode), read for the receiving screen.</summary>
internal sealed class ScanCodes(CommerceDb data)
{
    public async Task<IReadOnlyList<ScannableSku>> OfAsync(long tenant, IReadOnlyCollection<string> skus, CancellationToken ct = default)
    {
        if (skus.Count == 0) return [];
        await using var db = await data.OpenAsync(tenant, ct);
        var rows = await (from v in db.Variants.AsNoTracking() join p in db.Products.AsNoTracking() on v.ProductId equals p.Id
                          where skus.Contains(v.Sku) select new { v.Sku, v.Barcode, p.Tracking, p.Unit }).ToListAsync(ct);
        return [.. rows.Select(r => new ScannableSku(r.Sku, r.Barcode, r.Tracking, Units.IsCounted(r.Unit)))];
    }
}
