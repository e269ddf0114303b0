using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Weft.Commerce.Catalog;
using Weft.Commerce.Persistence;
using Weft.Commerce.Purchasing;
using Weft.Commerce.Warehouses;
using Weft.Platform.Errors;
using static Weft.Commerce.Replenishment.Numbers;

namespace Weft.Commerce.Replenishment.Planning;

/// <summary>
/// A planning run: for every replenishment rule, the SKU's daily demand at the warehouse is measured from the ledger's
/// picks (or taken as set by hand), its inventory position is read (on hand + incoming − reserved), the rule's policy
/// says whether to order and how much, and the supplier's terms round the quantity; what is to be ordered becomes a
/// proposed suggestion that explains itself, replacing the SKU's earlier proposal. Everything is read in a few queries,
/// whatever the number of SKUs, and written in one transaction.
/// </summary>
internal sealed class ReplenishmentPlanner(CommerceDb data)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<PlanDto> PlanAsync(long tenant, string run, PlanRequest request, CancellationToken ct = default)
    {
        if (request.Warehouse is not null) new FieldErrors().RequireKey(request.Warehouse, "warehouse");
        var today = data.Now.Date;
        var inputs = await ReadAsync(tenant, request.Warehouse, today, ct);
        var planned = new List<SuggestionRecord>();
        var skipped = new List<SkippedRuleDto>();
        // The SKUs whose earlier proposal this run replaces: all it planned, but not a periodic review that is not due.
        var replanned = new HashSet<(long, long)>();
        foreach (var rule in inputs.Rules)
        {
            var warehouseKey = inputs.Warehouses[rule.WarehouseId].Key;
            try
            {
                if (NotDue(rule, inputs, today)) continue;
                replanned.Add((rule.VariantId, rule.WarehouseId));
                if (Plan(rule, inputs, today) is { } suggestion) planned.Add(suggestion);
            }
            catch (SkipException skip)
            {
                skipped.Add(new SkippedRuleDto(rule.Sku, warehouseKey, skip.Message));
            }
        }
        foreach (var s in planned) (s.Run, s.State, s.CreatedAt) = (run, SuggestionStates.Proposed, data.Now);

        await data.ChangeAsync(tenant, async db =>
        {
            // A new proposal replaces the SKU's earlier one at the warehouse; a rule that no longer orders leaves no proposal behind.
            var earlier = await db.Suggestions.Where(s => s.State == SuggestionStates.Proposed).ToListAsync(ct);
            foreach (var old in earlier.Where(o => replanned.Contains((o.VariantId, o.WarehouseId))))
                old.State = SuggestionStates.Superseded;
            db.Suggestions.AddRange(planned);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            return 0;
        }, ct);
        await using var read = await data.OpenAsync(tenant, ct);
        var dtos = await Suggestions.ToDtosAsync(read, planned, ct);
        return new PlanDto(run, inputs.Rules.Count, [.. dtos.OrderBy(d => d.Position - d.ReorderLevel).ThenBy(d => d.Sku)], skipped,
            planned.Sum(p => p.Amount));
    }

    private static SuggestionRecord? Plan(ReplenishmentRuleRecord rule, PlanInputs inputs, DateTime today)
    {
        var variant = inputs.Variants[rule.VariantId];
        var product = inputs.Products[variant.ProductId];
        var whole = Units.IsCounted(product.Unit);
        var offer = rule.SupplierId is { } chosen
            ? inputs.Offers[rule.VariantId].FirstOrDefault(o => o.SupplierId == chosen)
            : inputs.Offers[rule.VariantId].OrderByDescending(o => o.Preferred).ThenBy(o => o.UnitPrice).FirstOrDefault();
        if (offer is null) throw new SkipException("No supplier sells it: add it to a supplier's products.");
        var supplier = inputs.Suppliers[offer.SupplierId];
        var key = (rule.VariantId, rule.WarehouseId);
        var stock = new StockPosition(inputs.OnHand.GetValueOrDefault(key), inputs.Incoming.GetValueOrDefault(key), inputs.Reserved.GetValueOrDefault(key));
        var parts = new List<ExplanationPart>();
        decimal wanted, level;
        OrderingCosts? costs = null;

        if (rule.Policy == "min_max")
        {
            var minMax = Policies.MinMax(new MinMaxRule(rule.Min, rule.Max, rule.Multiple), stock, whole);
            parts.Add(Part("Min/max rule", minMax.Explanation));
            if (!minMax.Triggered) return null;
            (wanted, level) = (minMax.Quantity, rule.Min);
        }
        else
        {
            var demand = DemandOf(rule, inputs, today);
            var measured = inputs.LeadTimes[supplier.Id];
            var promised = offer.LeadTimeDays ?? supplier.LeadTimeDays;
            var leadTime = Suppliers.Suppliers.PlanningLeadTime(measured, promised);
            var leadPart = new ExplanationBuilder().Input("L", measured.MeasuredMeanDays is null
                    ? $"lead time promised by {supplier.Key} (fewer than two receipts measured)"
                    : $"lead time measured over {measured.Receipts} orders from {supplier.Key} (promised: {promised} days)", Text(leadTime.Days))
                .Input("σL", measured.MeasuredMeanDays is null ? "no variability measured yet" : "its sample standard deviation", Text(leadTime.StandardDeviationDays));
            parts.Add(Part("Lead time", leadPart.Build()));
            if (rule.Policy == "order_up_to")
            {
                var upTo = Policies.OrderUpTo(demand, leadTime, rule.ReviewDays, rule.ServiceLevel, stock, whole);
                parts.Add(Part("Periodic review, order up to S", upTo.Explanation));
                if (upTo.Quantity <= 0) return null;
                (wanted, level) = (upTo.Quantity, Quantities.RoundUp(upTo.OrderUpToLevel, whole));
            }
            else
            {
                var rop = Policies.ReorderPoint(demand, leadTime, rule.ServiceLevel, whole);
                parts.Add(Part("Reorder point with safety stock", rop.Explanation));
                var position = stock.Forecast;
                var trigger = new ExplanationBuilder()
                    .Input("on hand", "in stock now at the warehouse", Text(stock.OnHand))
                    .Input("incoming", "on open purchase orders and approved suggestions", Text(stock.Incoming))
                    .Input("outgoing", "reserved, not yet shipped", Text(stock.Outgoing))
                    .Step("Inventory position", "IP = on hand + incoming − outgoing", $"{Text(stock.OnHand)} + {Text(stock.Incoming)} − {Text(stock.Outgoing)}", Text(position))
                    .Step("Reorder now?", "IP ≤ ROP", $"{Text(position)} ≤ {Text(rop.ReorderLevel)}", position <= rop.ReorderLevel ? "yes" : "no: nothing to order");
                if (position > rop.ReorderLevel)
                {
                    parts.Add(Part("When to order", trigger.Build()));
                    return null;
                }
                var shortfall = rop.ReorderLevel - position;
                decimal eoqQuantity = 0;
                if (demand.Mean > 0)
                {
                    costs = new OrderingCosts(decimal.Round((decimal)demand.Mean * 365, 4), rule.OrderingCost, Holding.Rate(rule.HoldingRate));
                    var eoq = Policies.Eoq(costs, offer.UnitPrice, whole);
                    parts.Add(Part("Economic order quantity", eoq.Explanation));
                    eoqQuantity = eoq.Quantity;
                }
                wanted = Math.Max(eoqQuantity, Quantities.RoundUp(shortfall, whole));
                trigger.Step("Quantity wanted", "max(EOQ, ROP − IP)", $"max({Text(eoqQuantity)}, {Text(rop.ReorderLevel)} − {Text(position)})", Text(wanted));
                parts.Add(Part("When and how much to order", trigger.Build()));
                level = rop.ReorderLevel;
            }
        }
        if (wanted <= 0) return null;
        var terms = Suppliers.Suppliers.TermsOf(offer);
        var choice = OrderQuantity.Apply(wanted, terms, costs, whole);
        parts.Add(Part($"{supplier.Name}'s terms", choice.Explanation));
        var unitPrice = choice.UnitPrice ?? offer.UnitPrice;
        return new SuggestionRecord
        {
            VariantId = variant.Id, Sku = variant.Sku, WarehouseId = rule.WarehouseId, SupplierId = supplier.Id, Policy = rule.Policy, Position = stock.Forecast,
            ReorderLevel = level, Wanted = wanted, Quantity = choice.Quantity, UnitPrice = unitPrice, Amount = decimal.Round(choice.Quantity * unitPrice, 2),
            Currency = supplier.Currency, ExplanationJson = JsonSerializer.Serialize(parts, Json),
        };
    }

    /// <summary>A periodic review reviews every R days: not again before R days after its last suggestion.</summary>
    private static bool NotDue(ReplenishmentRuleRecord rule, PlanInputs inputs, DateTime today) =>
        rule.Policy == "order_up_to" && inputs.LastReviews.TryGetValue((rule.VariantId, rule.WarehouseId), out var last)
        && (today - last.Date).TotalDays < rule.ReviewDays;

    /// <summary>Daily demand from the picks out of the warehouse over the rule's days before today (days without picks count as 0), or as set by hand.</summary>
    private static DemandStats DemandOf(ReplenishmentRuleRecord rule, PlanInputs inputs, DateTime today)
    {
        if (rule.DemandMean is { } mean) return DemandStats.SetBy(mean, rule.DemandDeviation ?? 0);
        var days = new decimal[rule.DemandDays];
        if (inputs.Picks.TryGetValue((rule.VariantId, rule.WarehouseId), out var byDay))
        {
            foreach (var (day, quantity) in byDay)
            {
                var index = (int)(today - day).TotalDays;
                if (index >= 1 && index <= days.Length) days[^index] += quantity;
            }
        }
        return DemandStats.FromDailyQuantities(days);
    }

    private static ExplanationPart Part(string title, Explanation e) => new(title,
        [.. e.Inputs.Select(i => new ExplanationLine(i.Symbol, i.Meaning, "", i.Value))],
        [.. e.Steps.Select(s => new ExplanationLine(s.Label, s.Formula, s.Numbers, s.Result))],
        e.WhyRounded);

    /// <summary>Everything a run reads, in one pass over the tables.</summary>
    private async Task<PlanInputs> ReadAsync(long tenant, string? warehouseKey, DateTime today, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var warehouses = await db.Warehouses.AsNoTracking().ToDictionaryAsync(w => w.Id, ct);
        if (warehouseKey is not null && warehouses.Values.All(w => w.Key != warehouseKey))
            throw WeftException.NotFound("warehouse_not_found", $"There is no warehouse '{warehouseKey}'.");
        var planned = warehouses.Values.Where(w => warehouseKey is null || w.Key == warehouseKey).Select(w => w.Id).ToList();
        var rules = await db.ReplenishmentRules.AsNoTracking().Where(r => planned.Contains(r.WarehouseId)).OrderBy(r => r.Id).ToListAsync(ct);
        var variantIds = rules.Select(r => r.VariantId).Distinct().ToList();
        var variants = await db.Variants.AsNoTracking().Where(v => variantIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, ct);
        var productIds = variants.Values.Select(v => v.ProductId).Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var locations = await db.Locations.AsNoTracking().Where(l => l.WarehouseId != null && planned.Contains(l.WarehouseId.Value) && l.Type != LocationTypes.Quarantine)
            .Select(l => new { l.Id, Warehouse = l.WarehouseId!.Value }).ToDictionaryAsync(l => l.Id, l => l.Warehouse, ct);
        var locationIds = locations.Keys.ToList();

        var onHand = new Dictionary<(long, long), decimal>();
        var reserved = new Dictionary<(long, long), decimal>();
        // Decimals are compared here, not in SQL: SQLite keeps them as text.
        foreach (var s in await db.Stock.AsNoTracking().Where(s => locationIds.Contains(s.LocationId))
                     .Select(s => new { s.VariantId, s.LocationId, s.OnHand, s.Reserved }).ToListAsync(ct))
        {
            var key = (s.VariantId, locations[s.LocationId]);
            onHand[key] = onHand.GetValueOrDefault(key) + s.OnHand;
            reserved[key] = reserved.GetValueOrDefault(key) + s.Reserved;
        }

        var incoming = new Dictionary<(long, long), decimal>();
        var open = PurchaseOrderStates.Open.ToList();
        foreach (var l in await (from line in db.PurchaseOrderLines.AsNoTracking()
                                 join order in db.PurchaseOrders.AsNoTracking() on line.OrderId equals order.Id
                                 where open.Contains(order.State) && planned.Contains(order.WarehouseId)
                                 select new { line.VariantId, order.WarehouseId, line.Quantity, line.Received }).ToListAsync(ct))
            if (l.Quantity > l.Received) incoming[(l.VariantId, l.WarehouseId)] = incoming.GetValueOrDefault((l.VariantId, l.WarehouseId)) + l.Quantity - l.Received;
        foreach (var s in await db.Suggestions.AsNoTracking().Where(s => s.State == SuggestionStates.Approved && planned.Contains(s.WarehouseId))
                     .Select(s => new { s.VariantId, s.WarehouseId, s.Quantity }).ToListAsync(ct))
            incoming[(s.VariantId, s.WarehouseId)] = incoming.GetValueOrDefault((s.VariantId, s.WarehouseId)) + s.Quantity;

        var longest = rules.Count == 0 ? 0 : rules.Max(r => r.DemandDays);
        var since = today.AddDays(-longest);
        var picks = new Dictionary<(long, long), List<(DateTime Day, decimal Quantity)>>();
        foreach (var p in await db.Moves.AsNoTracking()
                     .Where(m => m.Reason == "pick" && m.At >= since && m.At < today && locationIds.Contains(m.FromLocationId))
                     .GroupBy(m => new { m.VariantId, m.FromLocationId, Day = m.At.Date })
                     .Select(g => new { g.Key.VariantId, g.Key.FromLocationId, g.Key.Day, Quantity = g.Sum(m => m.Quantity) }).ToListAsync(ct))
        {
            var key = (p.VariantId, locations[p.FromLocationId]);
            if (!picks.TryGetValue(key, out var list)) picks[key] = list = [];
            list.Add((p.Day, p.Quantity));
        }

        var offers = await db.SupplierProducts.AsNoTracking().Where(p => variantIds.Contains(p.VariantId)).ToListAsync(ct);
        var supplierIds = offers.Select(o => o.SupplierId).Distinct().ToList();
        var suppliers = await db.Suppliers.AsNoTracking().Where(s => supplierIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var leadTimes = new Dictionary<long, Suppliers.LeadTimeDto>();
        foreach (var s in suppliers.Values) leadTimes[s.Id] = (await Suppliers.Suppliers.PerformanceAsync(db, s, ct)).LeadTime;

        var longestReview = rules.Count == 0 ? 0 : rules.Max(r => r.ReviewDays);
        var reviewedSince = today.AddDays(-longestReview);
        var lastReviews = (await db.Suggestions.AsNoTracking()
                .Where(s => s.Policy == "order_up_to" && s.CreatedAt >= reviewedSince && s.State != SuggestionStates.Superseded)
                .Select(s => new { s.VariantId, s.WarehouseId, s.CreatedAt }).ToListAsync(ct))
            .GroupBy(s => (s.VariantId, s.WarehouseId)).ToDictionary(g => g.Key, g => g.Max(s => s.CreatedAt));

        return new PlanInputs(rules, warehouses, variants, products, onHand, reserved, incoming, picks, offers.ToLookup(o => o.VariantId), suppliers, leadTimes, lastReviews);
    }

    private sealed record PlanInputs(
        IReadOnlyList<ReplenishmentRuleRecord> Rules,
        IReadOnlyDictionary<long, WarehouseRecord> Warehouses,
        IReadOnlyDictionary<long, VariantRecord> Variants,
        IReadOnlyDictionary<long, ProductRecord> Products,
        IReadOnlyDictionary<(long, long), decimal> OnHand,
        IReadOnlyDictionary<(long, long), decimal> Reserved,
        IReadOnlyDictionary<(long, long), decimal> Incoming,
        IReadOnlyDictionary<(long, long), List<(DateTime Day, decimal Quantity)>> Picks,
        ILookup<long, SupplierProductRecord> Offers,
        IReadOnlyDictionary<long, SupplierRecord> Suppliers,
        IReadOnlyDictionary<long, Suppliers.LeadTimeDto> LeadTimes,
        IReadOnlyDictionary<(long, long), DateTime> LastReviews);

    private sealed class SkipException(string reason) : Exception(reason);
}
