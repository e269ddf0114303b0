using Microsoft.EntityFrameworkCore;

namespace Weft.Commerce.Purchasing;

/// <summary>Finds purchase orders by the number people see (a suggestion names its order by number), for pages that link to them.</summary>
internal sealed class PurchaseOrderNumbers(CommerceDb data)
{
    public async Task<IReadOnlyDictionary<string, long>> IdsAsync(long tenant, IReadOnlyCollection<string> numbers, CancellationToken ct = default)
    {
        if (numbers.Count == 0) return new Dictionary<string, long>();
        await using var db = await data.OpenAsync(tenant, ct);
        return await db.PurchaseOrders.AsNoTracking().Where(o => numbers.Contains(o.Number)).ToDictionaryAsync(o => o.Number, o => o.Id, StringComparer.Ordinal, ct);
    }
}
