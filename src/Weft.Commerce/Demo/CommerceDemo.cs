using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Weft.Commerce.Catalog;
using Weft.Commerce.Inbound;
using Weft.Commerce.Persistence;
using Weft.Commerce.Purchasing;
using Weft.Commerce.Replenishment.Planning;
using Weft.Commerce.Suppliers;
using Weft.Commerce.Warehouses;
using Weft.Flow;
using Weft.Flow.Contracts;
using Weft.Platform.Errors;

namespace Weft.Commerce.Demo;

/// <summary>
/// A small merchant: two warehouses with their locations, 200 products with a year of daily sales (steady, seasonal or
/// intermittent), eight suppliers whose lead times were measured on past orders, a replenishment rule per product,
/// stock that leaves a handful of SKUs below their reorder point, open purchase orders, and a notice due today whose
/// inbound flow is waiting for the receiving clerk. The history is written as ledger moves dated in the past (a year of
/// sales through the API would take minutes), each SKU's stock equal to its moves. Seeded once per tenant.
/// </summary>
/// <remarks>Left out when <c>Weft:Demo:Commerce</c> is false (the browser tests' servers, which make the data each test needs).</remarks>
internal sealed class CommerceDemo(CommerceDb data, Products products, Warehouses.Warehouses warehouses, Suppliers.Suppliers suppliers,
    PurchaseOrders orders, Asns asns, ReplenishmentRules rules, ReplenishmentPlanner planner, FlowEngines engines, IConfiguration configuration,
    ILogger<CommerceDemo> logger)
{
    private const string Actor = "demo";
    public const int Products = 200;

    private static readonly (string Category, string[] Names, string Unit, decimal Cost)[] Lines =
    [
        ("Apparel / T-shirts", ["Organic tee", "Striped tee", "Pocket tee", "Long-sleeve tee", "V-neck tee"], "unit", 4.2m),
        ("Apparel / Hoodies", ["Zip hoodie", "Pullover hoodie", "Fleece hoodie"], "unit", 14m),
        ("Apparel / Socks", ["Wool socks", "Sport socks", "Ankle socks"], "unit", 1.6m),
        ("Home / Kitchen", ["Enamel mug", "Stoneware bowl", "Linen tea towel", "Oak board"], "unit", 3.5m),
        ("Home / Candles", ["Soy candle", "Beeswax candle", "Travel tin candle"], "unit", 2.8m),
        ("Food / Coffee", ["Espresso beans", "Filter roast", "Decaf beans"], "kg", 9.5m),
        ("Food / Baking", ["Bread flour", "Rye flour", "Cane sugar"], "kg", 0.9m),
    ];

    private static readonly (string Key, string Name, string Currency, int Lead, double Spread)[] Vendors =
    [
        ("lyon-textiles", "Lyon Textiles", "EUR", 7, 1.0), ("porto-knit", "Porto Knit", "EUR", 10, 2.5), ("anatolia-cotton", "Anatolia Cotton", "EUR", 14, 3.0),
        ("faience-atelier", "Faïence Atelier", "EUR", 5, 0.5), ("nordic-wax", "Nordic Wax", "EUR", 9, 1.5), ("andes-roasters", "Andes Roasters", "USD", 21, 4.0),
        ("moulin-dupont", "Moulin Dupont", "EUR", 3, 0.8), ("pacific-supply", "Pacific Supply", "USD", 18, 5.0),
    ];

    public async Task SeedAsync(long tenant, CancellationToken ct)
    {
        if (!configuration.GetValue("Weft:Demo:Commerce", true)) return;
        await using (var check = await data.OpenAsync(tenant, ct))
            if (await check.Products.AnyAsync(ct)) return;
        var random = new Random(2026_12_04);
        var today = data.Now.Date;

        foreach (var (key, name, address) in new[] { ("main", "Main warehouse", "12 quai Rambaud, Lyon"), ("north", "North depot", "4 rue de Tournai, Lille") })
        {
            await warehouses.CreateAsync(tenant, Actor, new CreateWarehouseRequest(key, name, address), ct);
            await Location(tenant, key, "R", "receiving", "Receiving dock", null, null);
            await Location(tenant, key, "Q", "quarantine", "Quarantine", null, null);
            await Location(tenant, key, "S", "shipping", "Shipping", null, null);
            foreach (var (zone, zoneName) in new[] { ("A", "Apparel"), ("B", "Home"), ("C", "Food") })
            {
                await Location(tenant, key, zone, "view", $"Zone {zone}: {zoneName}", null, null);
                for (var bin = 1; bin <= (key == "main" ? 12 : 4); bin++)
                    await Location(tenant, key, $"{zone}-{bin:00}", "storage", null, $"{key}/{zone}", key == "main" ? 2000 : 800);
            }
        }
        async Task Location(long t, string warehouse, string code, string type, string? name, string? parent, decimal? capacity) =>
            await warehouses.AddLocationAsync(t, Actor, warehouse, new CreateLocationRequest(code, type, name, parent, capacity), ct);

        // The catalog: 200 products over seven lines, one SKU each, with a GTIN.
        var skus = new List<(string Sku, string Category, string Unit, decimal Cost, int Pattern, double Mean)>();
        for (var i = 0; i < Products; i++)
        {
            var line = Lines[i % Lines.Length];
            var name = $"{line.Names[i / Lines.Length % line.Names.Length]} {(char)('A' + i / 35)}{i % 35 + 1}";
            var sku = $"{new string([.. line.Category.Split(" / ")[1].Where(char.IsAsciiLetter).Take(3)]).ToUpperInvariant()}-{i + 1:000}";
            var digits = $"376{i + 1:000000000}";
            var cost = decimal.Round(line.Cost * (decimal)(0.8 + random.NextDouble() * 0.6), 2);
            await products.CreateAsync(tenant, Actor, new CreateProductRequest($"p{i + 1:000}", name, line.Unit, line.Category, null,
                line.Category.StartsWith("Food", StringComparison.Ordinal) ? "lot" : "none", line.Category.StartsWith("Food", StringComparison.Ordinal) ? 365 : null,
                [new VariantRequest(sku, null, digits + Gtin.CheckDigit(digits), null, null, null, null, cost, decimal.Round(cost * 2.6m, 2), "EUR")]), ct);
            // 0 steady, 1 seasonal (a winter peak), 2 intermittent.
            skus.Add((sku, line.Category, line.Unit, cost, i % 3, 2 + random.NextDouble() * 10));
        }

        // Suppliers: each line's products from one or two of them, some with price breaks, minimums and packs.
        foreach (var v in Vendors)
            await suppliers.CreateAsync(tenant, Actor, new CreateSupplierRequest(v.Key, v.Name, $"orders@{v.Key}.example", "Sales desk", "+33 4 00 00 00 00",
                $"{v.Name} warehouse", v.Currency, v.Lead), ct);
        for (var i = 0; i < skus.Count; i++)
        {
            var s = skus[i];
            var vendor = Vendors[(i % Lines.Length + i / 70) % Vendors.Length].Key;
            var pack = s.Unit == "unit" && i % 4 == 0 ? 12 : 0;
            var breaks = i % 5 == 0 ? new[] { new PriceBreakDto(100, decimal.Round(s.Cost * 0.92m, 2)), new PriceBreakDto(500, decimal.Round(s.Cost * 0.85m, 2)) } : null;
            await suppliers.SetProductAsync(tenant, Actor, vendor, new SupplierProductRequest(s.Sku, s.Cost, $"{vendor[..3].ToUpperInvariant()}-{i + 1:0000}", breaks,
                i % 7 == 0 ? 24 : 0, pack), ct);
        }

        await data.ChangeAsync(tenant, async db =>
        {
            var variants = await db.Variants.ToDictionaryAsync(v => v.Sku, ct);
            var warehouse = await db.Warehouses.AsNoTracking().FirstAsync(w => w.Key == "main", ct);
            var locations = await db.Locations.AsNoTracking().Where(l => l.WarehouseId == warehouse.Id || l.WarehouseId == null).ToDictionaryAsync(l => l.Path, ct);
            var vendors = await db.Suppliers.AsNoTracking().ToDictionaryAsync(s => s.Key, ct);
            var offers = await db.SupplierProducts.AsNoTracking().ToListAsync(ct);

            // Past orders, one every few weeks per supplier, received after its lead time give or take: lead times to measure.
            foreach (var v in Vendors)
            {
                var vendor = vendors[v.Key];
                var sold = offers.Where(o => o.SupplierId == vendor.Id).Take(3).ToList();
                for (var n = 0; n < 6 && sold.Count > 0; n++)
                {
                    var sent = today.AddDays(-330 + n * 50 + random.Next(0, 10)).AddHours(9);
                    var actual = Math.Max(1, (int)Math.Round(v.Lead + (random.NextDouble() * 2 - 1) * v.Spread * 1.7));
                    var order = new PurchaseOrderRecord
                    {
                        Number = $"PO-H{v.Key[..3].ToUpperInvariant()}{n}", SupplierId = vendor.Id, WarehouseId = warehouse.Id, State = PurchaseOrderStates.Closed,
                        Currency = vendor.Currency, CreatedBy = Actor, CreatedAt = sent.AddDays(-1), ApprovedBy = Actor, ApprovedAt = sent.AddDays(-1), SentAt = sent,
                        ExpectedAt = sent.Date.AddDays(v.Lead), FirstReceiptAt = sent.AddDays(actual), ReceivedAt = sent.AddDays(actual), EndedAt = sent.AddDays(actual + 1),
                    };
                    db.PurchaseOrders.Add(order);
                    db.ChangeTracker.DetectChanges();
                    await db.SaveChangesAsync(ct);
                    order.Number = $"PO-{order.Id:D5}";
                    foreach (var o in sold)
                    {
                        var quantity = 50m * (1 + random.Next(4));
                        var received = n % 3 == 2 ? quantity - 10 : quantity;
                        db.PurchaseOrderLines.Add(new PurchaseOrderLineRecord
                        {
                            OrderId = order.Id, VariantId = o.VariantId, Sku = o.Sku, SupplierSku = o.SupplierSku, Quantity = quantity, Received = received,
                            UnitPrice = o.UnitPrice, Amount = quantity * o.UnitPrice,
                        });
                        order.Total += quantity * o.UnitPrice;
                    }
                }
            }

            // A year of sales, then stock: a few SKUs are left with two days of cover, so they are below their reorder point.
            var opening = today.AddDays(-366).AddHours(7);
            var below = new HashSet<int> { 3, 17, 42, 58, 91, 120, 156, 187 };
            for (var i = 0; i < skus.Count; i++)
            {
                var s = skus[i];
                var variant = variants[s.Sku];
                var zone = s.Category.StartsWith("Apparel", StringComparison.Ordinal) ? "A" : s.Category.StartsWith("Home", StringComparison.Ordinal) ? "B" : "C";
                var bin = locations[$"main/{zone}/{zone}-{i / 21 % 12 + 1:00}"];
                var lot = s.Category.StartsWith("Food", StringComparison.Ordinal) ? $"L{today:yyMM}-{i:000}" : "";
                var picks = new List<(DateTime At, decimal Quantity)>();
                for (var day = 365; day >= 1; day--)
                {
                    var date = today.AddDays(-day);
                    var season = 1 + 0.6 * Math.Cos((date.DayOfYear - 15) / 365.0 * 2 * Math.PI);
                    var mean = s.Pattern switch { 1 => s.Mean * season, 2 => random.NextDouble() < 0.12 ? s.Mean * 2.5 : 0, _ => s.Mean };
                    var quantity = mean <= 0 ? 0 : Math.Max(0, Math.Round(mean + (random.NextDouble() * 2 - 1) * mean * 0.5));
                    if (quantity > 0) picks.Add((date.AddHours(10 + random.Next(8)), (decimal)quantity));
                }
                var sold = picks.Sum(p => p.Quantity);
                var daily = sold / 365m;
                var cover = below.Contains(i) ? 2 : 25 + random.Next(40);
                var onHand = Math.Max(0, decimal.Round(daily * cover));
                var received = sold + onHand;
                if (received == 0) continue;
                var supplierSide = locations[LocationTypes.VirtualPath(LocationTypes.Supplier)];
                var customerSide = locations[LocationTypes.VirtualPath(LocationTypes.Customer)];
                db.Moves.Add(new Persistence.MoveRecord
                {
                    VariantId = variant.Id, Sku = s.Sku, FromLocationId = supplierSide.Id, ToLocationId = bin.Id, Quantity = received, Lot = lot, Reason = "receipt",
                    Reference = "opening stock", Actor = Actor, At = opening, UnitCost = s.Cost, Value = received * s.Cost,
                });
                foreach (var (at, quantity) in picks)
                    db.Moves.Add(new Persistence.MoveRecord
                    {
                        VariantId = variant.Id, Sku = s.Sku, FromLocationId = bin.Id, ToLocationId = customerSide.Id, Quantity = quantity, Lot = lot, Reason = "pick",
                        Reference = $"SO-{at:yyMMdd}-{i:000}", Actor = "shop", At = at, UnitCost = s.Cost, Value = quantity * s.Cost,
                    });
                db.Stock.Add(new StockRecord { VariantId = variant.Id, LocationId = bin.Id, Lot = lot, OnHand = onHand });
                (variant.OnHand, variant.AverageCost) = (onHand, s.Cost);
                db.ReplenishmentRules.Add(new ReplenishmentRuleRecord
                {
                    VariantId = variant.Id, Sku = s.Sku, WarehouseId = warehouse.Id, Policy = i % 10 < 7 ? "reorder_point" : i % 10 < 9 ? "min_max" : "order_up_to",
                    ServiceLevel = 0.95, DemandDays = 90, Min = decimal.Round(daily * 10), Max = decimal.Round(daily * 40), Multiple = s.Unit == "unit" ? 6 : 0, ReviewDays = 7,
                    OrderingCost = 40, HoldingRate = 0.25m,
                });
            }
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            foreach (var move in db.ChangeTracker.Entries<Persistence.MoveRecord>().Select(e => e.Entity)) move.Batch = move.Id;
            await db.SaveChangesAsync(ct);
            return 0;
        }, ct);

        // Open orders: one sent (its goods due today, with their notice), one approved, one draft.
        var sent = await orders.CreateAsync(tenant, Actor, new CreatePurchaseOrderRequest("lyon-textiles", "main",
            [new PurchaseOrderLineRequest(skus[0].Sku, 120), new PurchaseOrderLineRequest(skus[7].Sku, 60), new PurchaseOrderLineRequest(skus[14].Sku, 48)]), ct);
        sent = await orders.ApproveAsync(tenant, "manager@weft.demo", sent.Id, new PurchaseOrderCommand(sent.Version), ct);
        sent = await orders.SendAsync(tenant, "manager@weft.demo", sent.Id, new SendPurchaseOrderRequest(sent.Version, Email: false), ct);
        var approved = await orders.CreateAsync(tenant, Actor, new CreatePurchaseOrderRequest("faience-atelier", "main",
            [new PurchaseOrderLineRequest(skus[3].Sku, 200), new PurchaseOrderLineRequest(skus[10].Sku, 100)]), ct);
        await orders.ApproveAsync(tenant, "manager@weft.demo", approved.Id, new PurchaseOrderCommand(approved.Version), ct);
        await orders.CreateAsync(tenant, Actor, new CreatePurchaseOrderRequest("moulin-dupont", "north", [new PurchaseOrderLineRequest(skus[6].Sku, 250)]), ct);
        await asns.CreateAsync(tenant, Actor, new CreateAsnRequest(sent.Id, today.AddHours(14),
            [.. sent.Lines.Select(l => new AsnLineRequest(l.Sku, l.Quantity))]), ct);
        await PeopleAsync(tenant, ct);

        // Putaway by zone, a QC rule for the coffee, the planner's first run on the board, and the daily run scheduled.
        var inbound = new InboundRules(data);
        foreach (var (category, zone) in new[] { ("Apparel", "A"), ("Home", "B"), ("Food", "C") })
        {
            await inbound.SetPutawayRuleAsync(tenant, Actor, new PutawayRuleRequest("category_zone", $"main/{zone}", Category: category), ct);
            await inbound.SetPutawayRuleAsync(tenant, Actor, new PutawayRuleRequest("category_zone", $"north/{zone}", Category: category), ct);
        }
        var plan = await planner.PlanAsync(tenant, $"demo-{today:yyyy-MM-dd}", new PlanRequest("main"), ct);
        await rules.ScheduleNextAsync(tenant, ct);
        logger.LogInformation("Commerce demo ready: {Products} products with a year of sales, {Suggestions} replenishment suggestions, a notice due today",
            Products, plan.Suggestions.Count);
    }

    /// <summary>The demo's operator (agent alice) receives, inspects and puts away; the software agents are made by their flows.</summary>
    private async Task PeopleAsync(long tenant, CancellationToken ct)
    {
        var engine = engines.For(tenant);
        try
        {
            var alice = await engine.Agents.GetAgentAsync("alice", ct);
            var capabilities = alice.Capabilities.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var more = new[] { InboundFlow.Receiving, InboundFlow.Quality, InboundFlow.Putting }.Where(c => !capabilities.Contains(c)).Select(c => new CapabilityDto(c)).ToList();
            if (more.Count > 0)
                await engine.Agents.UpdateAgentAsync(new CommandContext(Actor), "alice", new UpdateAgentRequest(null, null, [.. alice.Capabilities, .. more], null, null, alice.Version), ct);
        }
        catch (WeftException e) when (e.Code == "agent_not_found")
        {
            logger.LogInformation("No agent 'alice' in the demo: nobody has the inbound capabilities yet");
        }
    }
}
