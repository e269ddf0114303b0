using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Weft.Commerce.Persistence;
using Weft.Commerce.Purchasing;
using Weft.Platform.Audit;
using Weft.Platform.Errors;
using Weft.Platform.Paging;

namespace Weft.Commerce.Replenishment.Planning;

internal static class SuggestionStates
{
    public const string Proposed = "proposed";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string Ordered = "ordered";
    public const string Superseded = "superseded";
    /// <summary>Its purchase order was cancelled.</summary>
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlyList<string> All = [Proposed, Approved, Rejected, Ordered, Superseded, Cancelled];
}

/// <summary>
/// The buyer's side of replenishment: suggestions are approved (at the suggested quantity or the buyer's), rejected, and
/// approved ones ordered: one draft purchase order per supplier and warehouse, approved by the same act (the buyer's
/// approval of the suggestions is the order's).
/// </summary>
internal sealed class Suggestions(CommerceDb data, PurchaseOrders orders)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private const int MaxOpen = 50_000;

    public Task<SuggestionDto> ApproveAsync(long tenant, string actor, long id, DecideSuggestionRequest request, CancellationToken ct = default)
    {
        if (request.Quantity is not null and not (> 0 and <= 1_000_000_000) || request.Quantity is { } q && decimal.Round(q, 4) != q)
            throw FieldErrors.Of("quantity", "'quantity' must be more than 0, at most 1,000,000,000, with at most 4 decimals.");
        return DecideAsync(tenant, actor, id, request.Version, SuggestionStates.Approved, async (db, s) =>
        {
            if (request.Quantity is not { } quantity || quantity == s.Quantity) return;
            var product = await (from v in db.Variants join p in db.Products on v.ProductId equals p.Id where v.Id == s.VariantId select p).FirstAsync(ct);
            if (Catalog.Units.IsCounted(product.Unit) && quantity != decimal.Truncate(quantity))
                throw FieldErrors.Of("quantity", $"'{product.Key}' is counted in units: a whole number.");
            var offer = await db.SupplierProducts.AsNoTracking().FirstAsync(p => p.SupplierId == s.SupplierId && p.VariantId == s.VariantId, ct);
            s.Quantity = quantity;
            s.UnitPrice = Suppliers.Suppliers.TermsOf(offer).BreakFor(quantity)?.UnitPrice ?? offer.UnitPrice;
            s.Amount = decimal.Round(quantity * s.UnitPrice, 2);
        }, ct);
    }

    public Task<SuggestionDto> RejectAsync(long tenant, string actor, long id, DecideSuggestionRequest request, CancellationToken ct = default) =>
        DecideAsync(tenant, actor, id, request.Version, SuggestionStates.Rejected, (_, _) => Task.CompletedTask, ct);

    /// <summary>Approves every proposed suggestion of a run (the decision rule's auto-approval, or a buyer's "approve all").</summary>
    internal async Task<int> ApproveRunAsync(long tenant, string actor, string run, CancellationToken ct)
    {
        return await data.ChangeAsync(tenant, async db =>
        {
            var proposed = await db.Suggestions.Where(s => s.Run == run && s.State == SuggestionStates.Proposed).ToListAsync(ct);
            foreach (var s in proposed) (s.State, s.DecidedBy, s.DecidedAt) = (SuggestionStates.Approved, actor, data.Now);
            if (proposed.Count > 0)
                db.Publish(new AuditRecorded("commerce_suggestions_approved", data.Now, actor, AuditRecorded.DataOf(new { run, count = proposed.Count })),
                    AuditRecorded.Stream);
            await db.SaveChangesAsync(ct);
            return proposed.Count;
        }, ct);
    }

    /// <summary>
    /// Turns approved suggestions into purchase orders, one per supplier and warehouse, each approved by whoever orders
    /// them; the suggestions become ordered in the same transaction, so none is ordered twice.
    /// </summary>
    public Task<IReadOnlyList<PurchaseOrderDto>> OrderAsync(long tenant, string actor, OrderSuggestionsRequest request, CancellationToken ct = default)
    {
        if (request.Suggestions is { Count: > 10_000 }) throw FieldErrors.Of("suggestions", "At most 10,000 suggestions at once.");
        return OrderAsync(tenant, actor, request, null, ct);
    }

    /// <summary>Orders the approved suggestions of one planning run (the daily flow's last step).</summary>
    internal Task<IReadOnlyList<PurchaseOrderDto>> OrderRunAsync(long tenant, string actor, string run, CancellationToken ct) =>
        OrderAsync(tenant, actor, new OrderSuggestionsRequest(), run, ct);

    private async Task<IReadOnlyList<PurchaseOrderDto>> OrderAsync(long tenant, string actor, OrderSuggestionsRequest request, string? run, CancellationToken ct)
    {
        var ids = await data.ChangeAsync(tenant, async db =>
        {
            var query = db.Suggestions.Where(s => s.State == SuggestionStates.Approved);
            if (run is not null) query = query.Where(s => s.Run == run);
            if (request.Suggestions is { } wanted)
            {
                var chosen = await db.Suggestions.Where(s => wanted.Contains(s.Id)).ToListAsync(ct);
                if (wanted.Except(chosen.Select(c => c.Id)).FirstOrDefault() is var missing and > 0)
                    throw WeftException.NotFound("suggestion_not_found", $"There is no suggestion {missing}.");
                if (chosen.FirstOrDefault(c => c.State != SuggestionStates.Approved) is { } unready)
                    throw WeftException.Conflict("suggestion_state", $"Suggestion {unready.Id} is {unready.State}; only approved suggestions are ordered.");
                query = query.Where(s => wanted.Contains(s.Id));
            }
            var approved = await query.OrderBy(s => s.Id).ToListAsync(ct);
            var created = new List<long>();
            foreach (var group in approved.GroupBy(s => (s.SupplierId, s.WarehouseId)))
            {
                var supplier = await db.Suppliers.FirstAsync(s => s.Id == group.Key.SupplierId, ct);
                var order = await orders.WriteInAsync(db, actor, supplier, group.Key.WarehouseId,
                    [.. group.Select(s => (s.Sku, s.Quantity, (decimal?)s.UnitPrice, (long?)s.Id))], $"From replenishment run {group.First().Run}.", ct);
                (order.State, order.ApprovedBy, order.ApprovedAt) = (PurchaseOrderStates.Approved, actor, data.Now);
                foreach (var s in group) (s.State, s.PurchaseOrderId) = (SuggestionStates.Ordered, order.Id);
                created.Add(order.Id);
            }
            await db.SaveChangesAsync(ct);
            return created;
        }, ct);
        await using var read = await data.OpenAsync(tenant, ct);
        var records = await read.PurchaseOrders.AsNoTracking().Where(o => ids.Contains(o.Id)).OrderBy(o => o.Id).ToListAsync(ct);
        return await PurchaseOrders.ToDtosAsync(read, records, ct);
    }

    public async Task<SuggestionDto> GetAsync(long tenant, long id, CancellationToken ct = default)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var s = await db.Suggestions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct)
            ?? throw WeftException.NotFound("suggestion_not_found", $"There is no suggestion {id}.");
        return (await ToDtosAsync(db, [s], ct))[0];
    }

    /// <summary>Suggestions by state (default: proposed and approved), those furthest below their reorder level first.</summary>
    public async Task<Page<SuggestionDto>> ListAsync(long tenant, string? state, string? run, string? warehouse, int? limit, string? cursor, CancellationToken ct = default)
    {
        var (take, after) = PageCursor.Parse(limit, cursor);
        if (state is not null && !SuggestionStates.All.Contains(state))
            throw FieldErrors.Of("state", $"'state' must be one of: {string.Join(", ", SuggestionStates.All)}.");
        if (run is { Length: > 64 } || warehouse is { Length: > 64 }) throw FieldErrors.Of("run", "At most 64 characters.");
        await using var db = await data.OpenAsync(tenant, ct);
        var query = db.Suggestions.AsNoTracking();
        query = state is null ? query.Where(s => s.State == SuggestionStates.Proposed || s.State == SuggestionStates.Approved) : query.Where(s => s.State == state);
        if (run is not null) query = query.Where(s => s.Run == run);
        if (warehouse is not null) query = query.Where(s => db.Warehouses.Any(w => w.Id == s.WarehouseId && w.Key == warehouse));
        // Most urgent first (furthest below the reorder level), sorted here since SQLite keeps decimals as text; the cursor is an offset.
        var all = await query.Take(MaxOpen).ToListAsync(ct);
        var rows = all.OrderBy(s => s.Position - s.ReorderLevel).ThenBy(s => s.Id).Skip((int)Math.Min(after, MaxOpen)).Take(take + 1).ToList();
        var dtos = await ToDtosAsync(db, [.. rows.Take(take)], ct);
        return new Page<SuggestionDto>(dtos, rows.Count > take ? PageCursor.Encode(after + take) : null);
    }

    internal static async Task<IReadOnlyList<SuggestionDto>> ToDtosAsync(CommerceDbContext db, IReadOnlyList<SuggestionRecord> rows, CancellationToken ct)
    {
        var variantIds = rows.Select(r => r.VariantId).Distinct().ToList();
        var names = await (from v in db.Variants.AsNoTracking() join p in db.Products.AsNoTracking() on v.ProductId equals p.Id
                           where variantIds.Contains(v.Id) select new { v.Id, p.Name }).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        var warehouses = await db.Warehouses.AsNoTracking().ToDictionaryAsync(w => w.Id, w => w.Key, ct);
        var supplierIds = rows.Select(r => r.SupplierId).Distinct().ToList();
        var suppliers = await db.Suppliers.AsNoTracking().Where(s => supplierIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Key, ct);
        var orderIds = rows.Where(r => r.PurchaseOrderId is not null).Select(r => r.PurchaseOrderId!.Value).Distinct().ToList();
        var numbers = await db.PurchaseOrders.AsNoTracking().Where(o => orderIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Number, ct);
        return [.. rows.Select(s => new SuggestionDto(s.Id, s.Run, s.Sku, names.GetValueOrDefault(s.VariantId, ""), warehouses[s.WarehouseId], suppliers[s.SupplierId],
            s.Policy, s.Position, s.ReorderLevel, s.Wanted, s.Quantity, s.UnitPrice, s.Amount, s.Currency, s.State,
            JsonSerializer.Deserialize<List<ExplanationPart>>(s.ExplanationJson, Json) ?? [], s.CreatedAt, s.DecidedBy, s.DecidedAt,
            s.PurchaseOrderId is { } o ? numbers.GetValueOrDefault(o) : null, s.Version))];
    }

    private async Task<SuggestionDto> DecideAsync(long tenant, string actor, long id, int? version, string state,
        Func<CommerceDbContext, SuggestionRecord, Task> change, CancellationToken ct)
    {
        if (version is null) throw FieldErrors.Of("version", "'version' is required: the version you read.");
        await data.ChangeAsync(tenant, async db =>
        {
            var s = await db.Suggestions.FirstOrDefaultAsync(s => s.Id == id, ct)
                ?? throw WeftException.NotFound("suggestion_not_found", $"There is no suggestion {id}.");
            if (s.Version != version) throw WeftException.Conflict("stale_version", $"Suggestion {id} changed since you read it (version {s.Version}, not {version}).");
            if (s.State != SuggestionStates.Proposed)
                throw WeftException.Conflict("suggestion_state", $"Suggestion {id} is {s.State}; only a proposed suggestion is approved or rejected.");
            await change(db, s);
            (s.State, s.DecidedBy, s.DecidedAt) = (state, actor, data.Now);
            db.Publish(new AuditRecorded($"commerce_suggestion_{state}", data.Now, actor, AuditRecorded.DataOf(new { id, sku = s.Sku, quantity = s.Quantity })),
                AuditRecorded.Stream);
            await db.SaveChangesAsync(ct);
            return 0;
        }, ct);
        return await GetAsync(tenant, id, ct);
    }
}
