using Microsoft.EntityFrameworkCore;
using Weft.Commerce.Persistence;
using Weft.Platform.Audit;
using Weft.Platform.Errors;

namespace Weft.Commerce.Replenishment.Planning;

/// <summary>How each SKU is kept replenished at each warehouse: one rule per SKU and warehouse, set (created or replaced) whole.</summary>
internal sealed class ReplenishmentRules(CommerceDb data, Weft.Flow.FlowEngines engines, Microsoft.Extensions.Configuration.IConfiguration configuration)
{
    public static readonly IReadOnlyList<string> Policies = ["reorder_point", "min_max", "order_up_to"];

    public async Task<ReplenishmentRuleDto> SetAsync(long tenant, string actor, ReplenishmentRuleRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(request.Sku) || request.Sku.Length > 64) errors.Add("sku", "'sku' is required.");
        errors.RequireKey(request.Warehouse, "warehouse");
        var policy = request.Policy ?? "reorder_point";
        if (!Policies.Contains(policy)) errors.Add("policy", $"'policy' must be one of: {string.Join(", ", Policies)}.");
        if (request.ServiceLevel is not null and not (>= 0.5 and <= 0.9999)) errors.Add("serviceLevel", "'serviceLevel' must be between 0.5 and 0.9999.");
        if (request.DemandDays is not null and not (>= 7 and <= 730)) errors.Add("demandDays", "'demandDays' must be between 7 and 730.");
        if ((request.DemandMean is null) != (request.DemandDeviation is null))
            errors.Add("demandMean", "Give both 'demandMean' and 'demandDeviation' to set demand by hand, or neither to measure it.");
        if (request.DemandMean is < 0 or > 1e9 || double.IsNaN(request.DemandMean ?? 0)) errors.Add("demandMean", "'demandMean' must be between 0 and 1,000,000,000.");
        if (request.DemandDeviation is < 0 or > 1e9 || double.IsNaN(request.DemandDeviation ?? 0))
            errors.Add("demandDeviation", "'demandDeviation' must be between 0 and 1,000,000,000.");
        foreach (var (name, value) in new[] { ("min", request.Min), ("max", request.Max), ("multiple", request.Multiple) })
            if (value is < 0 or > 1_000_000_000) errors.Add(name, $"'{name}' must be between 0 and 1,000,000,000.");
        if (policy == "min_max")
        {
            if (request.Min is null || request.Max is null) errors.Add("max", "A min/max rule needs 'min' and 'max'.");
            else if (request.Max < request.Min) errors.Add("max", $"'max' ({request.Max}) must be at least 'min' ({request.Min}).");
        }
        if (request.ReviewDays is not null and not (>= 1 and <= 365)) errors.Add("reviewDays", "'reviewDays' must be between 1 and 365.");
        if (request.OrderingCost is not null and not (> 0 and <= 1_000_000)) errors.Add("orderingCost", "'orderingCost' must be more than 0, at most 1,000,000.");
        if (request.HoldingRate is not null and not (> 0 and <= 10)) errors.Add("holdingRate", "'holdingRate' must be more than 0, at most 10 (a share of the unit cost per year).");
        if (request.Supplier is not null) errors.RequireKey(request.Supplier, "supplier");
        errors.ThrowIfAny();
        var id = await data.ChangeAsync(tenant, async db =>
        {
            var variant = await db.Variants.AsNoTracking().FirstOrDefaultAsync(v => v.Sku == request.Sku, ct)
                ?? throw WeftException.Rule("sku_not_found", $"There is no SKU '{request.Sku}'.");
            var product = await db.Products.AsNoTracking().FirstAsync(p => p.Id == variant.ProductId, ct);
            if (Catalog.Units.IsCounted(product.Unit) && policy == "min_max" && request.Multiple is { } m && m != decimal.Truncate(m))
                throw FieldErrors.Of("multiple", $"'{product.Key}' is counted in units: the multiple is a whole number.");
            var warehouse = await db.Warehouses.AsNoTracking().FirstOrDefaultAsync(w => w.Key == request.Warehouse, ct)
                ?? throw WeftException.Rule("warehouse_not_found", $"There is no warehouse '{request.Warehouse}'.");
            long? supplier = null;
            if (request.Supplier is not null)
            {
                var s = await Suppliers.Suppliers.FindAsync(db, request.Supplier, ct);
                if (!await db.SupplierProducts.AnyAsync(p => p.SupplierId == s.Id && p.VariantId == variant.Id, ct))
                    throw WeftException.Rule("not_sold_by_supplier", $"'{s.Key}' does not sell '{variant.Sku}': add it to the supplier's products first.");
                supplier = s.Id;
            }
            var rule = await db.ReplenishmentRules.FirstOrDefaultAsync(r => r.VariantId == variant.Id && r.WarehouseId == warehouse.Id, ct);
            if (rule is null)
            {
                rule = new ReplenishmentRuleRecord { VariantId = variant.Id, Sku = variant.Sku, WarehouseId = warehouse.Id };
                db.ReplenishmentRules.Add(rule);
            }
            rule.Policy = policy;
            rule.ServiceLevel = request.ServiceLevel ?? 0.95;
            rule.DemandDays = request.DemandDays ?? 90;
            (rule.DemandMean, rule.DemandDeviation) = (request.DemandMean, request.DemandDeviation);
            (rule.Min, rule.Max, rule.Multiple) = (request.Min ?? 0, request.Max ?? 0, request.Multiple ?? 0);
            rule.ReviewDays = request.ReviewDays ?? 7;
            rule.OrderingCost = request.OrderingCost ?? 50;
            rule.HoldingRate = request.HoldingRate ?? 0.25m;
            rule.SupplierId = supplier;
            db.Publish(new AuditRecorded("commerce_replenishment_rule_set", data.Now, actor,
                AuditRecorded.DataOf(new { sku = variant.Sku, warehouse = warehouse.Key, policy })), AuditRecorded.Stream);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            return rule.Id;
        }, ct);
        // A tenant with rules is planned daily: its next run is waiting on the engine's timer from now on.
        await ScheduleNextAsync(tenant, ct);
        return (await ListAsync(tenant, null, null, ct, id)).Single();
    }

    /// <summary>Schedules a day's planning run (again after someone cancelled one, or ahead of the daily chain).</summary>
    public async Task<Weft.Flow.Contracts.JobDto> ScheduleAsync(long tenant, ScheduleRequest request, CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(data.Now);
        if (request.Day is not { } day || day < today || day > today.AddDays(366))
            throw FieldErrors.Of("day", $"'day' is required: the day to plan, from today ({today:yyyy-MM-dd}) to a year ahead.");
        var engine = engines.For(tenant);
        await PlanningFlow.EnsureAsync(engine, ct);
        return await PlanningFlow.ScheduleAsync(engine, day, PlanningWorkHandler.HourUtc(configuration), ct);
    }

    /// <summary>
    /// Makes sure the daily flow is there and its next run is scheduled (today's if its hour has not come yet, else
    /// tomorrow's); each run schedules the one after it, so this is needed once, or again after someone cancelled a run.
    /// </summary>
    internal async Task<Weft.Flow.Contracts.JobDto> ScheduleNextAsync(long tenant, CancellationToken ct = default)
    {
        var engine = engines.For(tenant);
        await PlanningFlow.EnsureAsync(engine, ct);
        var hour = PlanningWorkHandler.HourUtc(configuration);
        var now = data.Now;
        var day = DateOnly.FromDateTime(now.Hour < hour ? now : now.AddDays(1));
        return await PlanningFlow.ScheduleAsync(engine, day, hour, ct);
    }

    public async Task<IReadOnlyList<ReplenishmentRuleDto>> ListAsync(long tenant, string? warehouse, string? sku, CancellationToken ct = default, long? id = null)
    {
        if (warehouse is { Length: > 64 } || sku is { Length: > 64 }) throw FieldErrors.Of("warehouse", "At most 64 characters.");
        await using var db = await data.OpenAsync(tenant, ct);
        var query = db.ReplenishmentRules.AsNoTracking();
        if (id is not null) query = query.Where(r => r.Id == id);
        if (sku is not null) query = query.Where(r => r.Sku == sku);
        if (warehouse is not null) query = query.Where(r => db.Warehouses.Any(w => w.Id == r.WarehouseId && w.Key == warehouse));
        var rules = await query.OrderBy(r => r.Sku).ThenBy(r => r.WarehouseId).Take(10_000).ToListAsync(ct);
        var warehouses = await db.Warehouses.AsNoTracking().ToDictionaryAsync(w => w.Id, w => w.Key, ct);
        var supplierIds = rules.Where(r => r.SupplierId is not null).Select(r => r.SupplierId!.Value).Distinct().ToList();
        var suppliers = await db.Suppliers.AsNoTracking().Where(s => supplierIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Key, ct);
        return [.. rules.Select(r => new ReplenishmentRuleDto(r.Id, r.Sku, warehouses[r.WarehouseId], r.Policy, r.ServiceLevel, r.DemandDays, r.DemandMean,
            r.DemandDeviation, r.Min, r.Max, r.Multiple, r.ReviewDays, r.OrderingCost, r.HoldingRate, r.SupplierId is { } s ? suppliers[s] : null, r.Version))];
    }
}
