using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Weft.Commerce.Persistence;
using Weft.Commerce.Replenishment.Planning;
using Weft.Commerce.Suppliers;
using Weft.Platform.Tenancy;

namespace Weft.Bench;

/// <summary>
/// How long a replenishment run takes over many SKUs with a year of picks (issue 11). The real host is built in this
/// process; the catalog, the warehouse, the suppliers, each SKU's opening receipt, open purchase orders and the rules go
/// through its API or its services; the picks are written straight into the ledger's table (<see cref="ReplenishmentHistory"/>:
/// millions of moves through the API would take hours). Then <c>ReplenishmentPlanner.PlanAsync</c> plans every rule,
/// in rounds, beside its two halves run alone (the reading, the computing) and the database's own time for the demand
/// query as plain SQL.
/// </summary>
internal static class ReplenishmentRun
{
    private const int VariantsPerProduct = 200;
    private const int MaxLines = 500;
    private const string Actor = "bench";
    private static readonly (string Key, int LeadTime)[] SupplierKeys = [("north", 5), ("south", 12), ("east", 8)];

    public sealed record Round(TimeSpan Total, TimeSpan Read, TimeSpan Compute, TimeSpan RawDemand, int Suggestions, int Skipped, long DemandRows);

    public sealed record Figures(int Skus, int Days, long Moves, int Rules, IReadOnlyDictionary<string, int> Policies, IReadOnlyList<(string Step, TimeSpan Took)> Setup,
        IReadOnlyList<Round> Rounds, string Reconciled, IReadOnlyList<(string Text, long Count, TimeSpan Total)> Statements, IReadOnlyList<string> RawPlan,
        string RawSql, IReadOnlyList<(string Name, string Value)> DatabaseFacts);

    public static async Task<Figures> MeasureAsync(ScratchDatabases databases, BenchOptions options, SqlStatements sql)
    {
        var history = new ReplenishmentHistory(options.Skus ?? 10_000, options.Days);
        var database = await databases.CreateAsync("replenishment");
        await using var host = await HttpDriver.StartAsync(database, inProcess: true);
        var services = host.Services!;
        long tenant;
        using (var me = JsonDocument.Parse(await host.GetAsync("/api/v1/auth/me"))) tenant = me.RootElement.GetProperty("tenant").GetInt64();
        var setup = new List<(string, TimeSpan)>();
        var clock = Stopwatch.StartNew();
        void Done(string step)
        {
            setup.Add((step, clock.Elapsed));
            Console.WriteLine($"  replenishment setup: {step} in {clock.Elapsed.TotalSeconds:0.0} s");
            clock.Restart();
        }

        await CatalogAsync(host, history);
        Done($"{history.Skus.Count:N0} SKUs, warehouse main with {ReplenishmentHistory.Bins} bins, {SupplierKeys.Length} suppliers (API)");
        var today = DateTime.UtcNow.Date;
        await using var connection = await databases.OpenAsync(database);
        await TenantRowSecurity.ApplyAsync(connection, tenant);
        await ReceiveAsync(host, connection, history, today);
        Done($"each SKU's opening receipt (API, {MaxLines} lines a move, then dated {history.Days + 1} days ago)");
        await OffersAsync(services, connection, tenant, history);
        Done($"every supplier sells every SKU ({SupplierKeys.Length * history.Skus.Count:N0} offers: the first SKU's through the service, the rest as rows like them)");
        var variants = await MapAsync(connection, "SELECT sku, id FROM commerce_variants");
        var locations = await MapAsync(connection, "SELECT path, id FROM commerce_locations");
        var bins = Enumerable.Range(1, ReplenishmentHistory.Bins).ToDictionary(b => b, b => locations[$"main/S-{b:D2}"]);
        await history.WriteAsync(connection, tenant, variants, bins, locations.Single(l => l.Key.EndsWith("customer", StringComparison.Ordinal)).Value, today);
        Done($"{history.Moves:N0} picks over {history.Days} days written straight into commerce_moves, stock rows set to match");
        await OrdersAsync(host, history);
        Done("10 open purchase orders of 100 lines (API)");
        await RulesAsync(services, connection, tenant, history);
        Done($"{history.Skus.Count:N0} replenishment rules (the first of each policy through ReplenishmentRules.SetAsync, the rest as rows like them)");
        await databases.RefreshStatisticsAsync(database);
        var reconciled = await ReconcileAsync(connection, bins.Values);
        Done("ledger reconciled: " + reconciled);
        var facts = await databases.FactsAsync(database);

        var planner = services.GetRequiredService<ReplenishmentPlanner>();
        var read = typeof(ReplenishmentPlanner).GetMethod("ReadAsync", BindingFlags.NonPublic | BindingFlags.Instance)
            ?? throw new InvalidOperationException("ReplenishmentPlanner.ReadAsync is not there.");
        var plan = typeof(ReplenishmentPlanner).GetMethod("Plan", BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new InvalidOperationException("ReplenishmentPlanner.Plan is not there.");
        var notDue = typeof(ReplenishmentPlanner).GetMethod("NotDue", BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new InvalidOperationException("ReplenishmentPlanner.NotDue is not there.");
        var longest = history.Skus.Max(s => s.DemandDays);
        var rawSql = RawDemandSql(databases.Provider, bins.Values);
        var rawPlan = await ExplainAsync(connection, databases.Provider, rawSql, tenant, today, longest);

        var rounds = new List<Round>();
        IReadOnlyList<(string, long, TimeSpan)> statements = [];
        for (var round = 0; round <= options.Rounds; round++)
        {
            // Round 0 warms up (the JIT, the database's caches) and is not counted. Each part starts from no suggestions, as
            // the first run of the day would: a run's proposals would make the next skip its periodic reviews (not due).
            await ClearSuggestionsAsync(connection);
            var profile = round == 1;
            if (profile)
            {
                sql.ClearTallies();
                sql.ByText = true;
            }
            var watch = Stopwatch.StartNew();
            var dto = await planner.PlanAsync(tenant, $"bench-{round}", new PlanRequest("main"));
            var total = watch.Elapsed;
            sql.ByText = false;
            if (profile) statements = sql.Tallies();

            await ClearSuggestionsAsync(connection);
            watch.Restart();
            var task = (Task)read.Invoke(planner, [tenant, "main", today, CancellationToken.None])!;
            await task;
            var readTook = watch.Elapsed;
            var inputs = task.GetType().GetProperty("Result")!.GetValue(task)!;
            var rules = (IReadOnlyList<ReplenishmentRuleRecord>)inputs.GetType().GetProperty("Rules")!.GetValue(inputs)!;
            watch.Restart();
            int planned = 0, skipped = 0;
            foreach (var rule in rules)
            {
                try
                {
                    if ((bool)notDue.Invoke(null, [rule, inputs, today])!) continue;
                    if (plan.Invoke(null, [rule, inputs, today]) is not null) planned++;
                }
                catch (TargetInvocationException)
                {
                    skipped++;
                }
            }
            var compute = watch.Elapsed;
            if (planned != dto.Suggestions.Count || skipped != dto.Skipped.Count)
                throw new InvalidOperationException($"The planner's parts alone planned {planned} and skipped {skipped}; the run {dto.Suggestions.Count} and {dto.Skipped.Count}.");

            watch.Restart();
            var demandRows = await RawDemandAsync(connection, rawSql, tenant, today, longest);
            var raw = watch.Elapsed;
            if (round == 0) continue;
            rounds.Add(new Round(total, readTook, compute, raw, dto.Suggestions.Count, dto.Skipped.Count, demandRows));
            Console.WriteLine($"  replenishment round {round} of {options.Rounds}: PlanAsync {total.TotalSeconds:0.000} s ({dto.Rules:N0} rules, {dto.Suggestions.Count:N0} suggestions, " +
                $"{dto.Skipped.Count} skipped); read alone {readTook.TotalSeconds:0.000} s, compute alone {compute.TotalSeconds:0.000} s; raw demand query " +
                $"{raw.TotalSeconds:0.000} s ({demandRows:N0} rows)");
        }
        await ClearSuggestionsAsync(connection);
        var policies = history.Skus.GroupBy(s => s.Policy).ToDictionary(g => g.Key, g => g.Count());
        return new Figures(history.Skus.Count, history.Days, history.Moves, history.Skus.Count, policies, setup, rounds, reconciled, statements, rawPlan, rawSql, facts);
    }

    private static async Task CatalogAsync(HttpDriver host, ReplenishmentHistory history)
    {
        var skus = history.Skus;
        for (var first = 0; first < skus.Count; first += VariantsPerProduct)
        {
            var variants = skus.Skip(first).Take(VariantsPerProduct)
                .Select(s => new { sku = s.Code, attributes = new { pattern = s.Pattern }, cost = ReplenishmentHistory.UnitCost, price = 9m, currency = "EUR" });
            await host.PostAsync("/api/v1/commerce/products", new { key = $"r-{first / VariantsPerProduct}", name = $"Range {first / VariantsPerProduct}", unit = "unit", variants });
        }
        await host.PostAsync("/api/v1/commerce/warehouses", new { key = "main", name = "Main" });
        for (var bin = 1; bin <= ReplenishmentHistory.Bins; bin++)
            await host.PostAsync("/api/v1/commerce/warehouses/main/locations", new { code = $"S-{bin:D2}", type = "storage" });
        foreach (var (key, leadTime) in SupplierKeys)
            await host.PostAsync("/api/v1/commerce/suppliers", new { key, name = $"Supplier {key}", email = $"orders@{key}.test", currency = "EUR", leadTimeDays = leadTime });
    }

    /// <summary>Each SKU receives, through the ledger, what it will sell over the history and what it has left; the receipts are then dated before the first pick.</summary>
    private static async Task ReceiveAsync(HttpDriver host, DbConnection connection, ReplenishmentHistory history, DateTime today)
    {
        foreach (var chunk in history.Skus.Where(s => s.Received > 0).Chunk(MaxLines))
        {
            await host.PostAsync("/api/v1/commerce/moves", new
            {
                reason = "receipt", reference = "bench-opening",
                lines = chunk.Select(s => new { sku = s.Code, quantity = s.Received, to = $"main/S-{s.Bin:D2}", unitCost = ReplenishmentHistory.UnitCost }),
            });
        }
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "UPDATE commerce_moves SET at = @at WHERE reference = 'bench-opening'";
        var at = cmd.CreateParameter();
        (at.ParameterName, at.Value) = ("@at", DateTime.SpecifyKind(today.AddDays(-history.Days - 1).AddHours(7), DateTimeKind.Utc));
        cmd.Parameters.Add(at);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>The terms each supplier offers for every SKU: north plain, south with price breaks, a minimum and packs of 12, east packs of 6 and a break.</summary>
    private static SupplierProductRequest Offer(string supplier, string sku, bool preferred) => supplier switch
    {
        "north" => new SupplierProductRequest(sku, 4.00m, "N-" + sku, Preferred: preferred),
        "south" => new SupplierProductRequest(sku, 3.80m, "S-" + sku, [new PriceBreakDto(100, 3.50m), new PriceBreakDto(500, 3.20m)], MinimumOrder: 20, PackSize: 12,
            Preferred: preferred),
        _ => new SupplierProductRequest(sku, 4.20m, "E-" + sku, [new PriceBreakDto(50, 3.90m)], PackSize: 6, LeadTimeDays: 6, Preferred: preferred),
    };

    /// <summary>
    /// The first SKU's offers go through <c>Suppliers.SetProductAsync</c>; the others are inserted as rows with the same
    /// columns (the price breaks as that service serialises them), in one transaction: 30,000 calls would take minutes.
    /// SKU i prefers supplier i mod 3.
    /// </summary>
    private static async Task OffersAsync(IServiceProvider services, DbConnection connection, long tenant, ReplenishmentHistory history)
    {
        var suppliers = services.GetRequiredService<Suppliers>();
        var first = history.Skus[0];
        for (var k = 0; k < SupplierKeys.Length; k++)
            await suppliers.SetProductAsync(tenant, Actor, SupplierKeys[k].Key, Offer(SupplierKeys[k].Key, first.Code, preferred: k == 0));
        var supplierIds = await MapAsync(connection, "SELECT key, id FROM commerce_suppliers");
        var variants = await MapAsync(connection, "SELECT sku, id FROM commerce_variants");
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        await using var tx = await connection.BeginTransactionAsync();
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT INTO commerce_supplier_products (tenant_id, supplier_id, variant_id, sku, supplier_sku, unit_price, price_breaks_json, minimum_order, pack_size, " +
            "lead_time_days, preferred, version) VALUES (@tenant, @supplier, @variant, @sku, @supplierSku, @price, @breaks, @minimum, @pack, @lead, @preferred, 1)";
        var p = new[] { "@tenant", "@supplier", "@variant", "@sku", "@supplierSku", "@price", "@breaks", "@minimum", "@pack", "@lead", "@preferred" }.ToDictionary(n => n, n =>
        {
            var parameter = cmd.CreateParameter();
            parameter.ParameterName = n;
            cmd.Parameters.Add(parameter);
            return parameter;
        });
        p["@tenant"].Value = tenant;
        foreach (var s in history.Skus.Skip(1))
        {
            for (var k = 0; k < SupplierKeys.Length; k++)
            {
                var o = Offer(SupplierKeys[k].Key, s.Code, preferred: s.Index % SupplierKeys.Length == k);
                (p["@supplier"].Value, p["@variant"].Value, p["@sku"].Value, p["@supplierSku"].Value) = (supplierIds[SupplierKeys[k].Key], variants[s.Code], s.Code, o.SupplierSku);
                (p["@price"].Value, p["@breaks"].Value, p["@minimum"].Value, p["@pack"].Value) =
                    (o.UnitPrice!.Value, JsonSerializer.Serialize((o.PriceBreaks ?? []).OrderBy(b => b.FromQuantity).ToList(), json), o.MinimumOrder ?? 0m, o.PackSize ?? 0m);
                (p["@lead"].Value, p["@preferred"].Value) = (o.LeadTimeDays is { } d ? d : DBNull.Value, o.Preferred ?? false);
                await cmd.ExecuteNonQueryAsync();
            }
        }
        await tx.CommitAsync();
    }

    /// <summary>Ten approved purchase orders from north of 100 lines each: every tenth SKU has goods coming.</summary>
    private static async Task OrdersAsync(HttpDriver host, ReplenishmentHistory history)
    {
        var coming = history.Skus.Where(s => s.Index % 10 == 0).Take(1000).Chunk(100);
        foreach (var lines in coming)
        {
            using var order = JsonDocument.Parse(await host.PostAsync("/api/v1/commerce/purchase-orders",
                new { supplier = "north", warehouse = "main", lines = lines.Select(s => new { sku = s.Code, quantity = 50 }) }));
            var id = order.RootElement.GetProperty("id").GetInt64();
            await host.PostAsync($"/api/v1/commerce/purchase-orders/{id}/approve", new { version = order.RootElement.GetProperty("version").GetInt32() });
        }
    }

    private static ReplenishmentRuleRequest RuleOf(ReplenishmentHistory.Sku s) => s.Policy switch
    {
        "min_max" => new ReplenishmentRuleRequest(s.Code, "main", "min_max", Min: s.Min, Max: s.Max, Multiple: s.Multiple),
        "order_up_to" => new ReplenishmentRuleRequest(s.Code, "main", "order_up_to", ServiceLevel: 0.95, DemandDays: s.DemandDays, ReviewDays: s.ReviewDays),
        _ => new ReplenishmentRuleRequest(s.Code, "main", "reorder_point", ServiceLevel: s.Index % 2 == 0 ? 0.95 : 0.99, DemandDays: s.DemandDays),
    };

    /// <summary>
    /// The first SKU of each policy gets its rule through <c>ReplenishmentRules.SetAsync</c>; the others are inserted as
    /// rows with the values that service gives the same request (its defaults: ordering cost 50, holding rate 0.25, review
    /// 7 days), in one transaction: on this shared machine the service took about 20 ms a rule (10,000: minutes).
    /// </summary>
    private static async Task RulesAsync(IServiceProvider services, DbConnection connection, long tenant, ReplenishmentHistory history)
    {
        var rules = services.GetRequiredService<ReplenishmentRules>();
        var first = history.Skus.GroupBy(s => s.Policy).Select(g => g.First()).ToList();
        foreach (var s in first) await rules.SetAsync(tenant, Actor, RuleOf(s));
        var variants = await MapAsync(connection, "SELECT sku, id FROM commerce_variants");
        var warehouse = (await MapAsync(connection, "SELECT key, id FROM commerce_warehouses"))["main"];
        await using var tx = await connection.BeginTransactionAsync();
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT INTO commerce_replenishment_rules (tenant_id, variant_id, sku, warehouse_id, policy, service_level, demand_days, demand_mean, demand_deviation, " +
            "min, max, multiple, review_days, ordering_cost, holding_rate, supplier_id, version) VALUES (@tenant, @variant, @sku, @warehouse, @policy, @level, @days, NULL, NULL, " +
            "@min, @max, @multiple, @review, 50, 0.25, NULL, 1)";
        var p = new[] { "@tenant", "@variant", "@sku", "@warehouse", "@policy", "@level", "@days", "@min", "@max", "@multiple", "@review" }.ToDictionary(n => n, n =>
        {
            var parameter = cmd.CreateParameter();
            parameter.ParameterName = n;
            cmd.Parameters.Add(parameter);
            return parameter;
        });
        (p["@tenant"].Value, p["@warehouse"].Value) = (tenant, warehouse);
        foreach (var s in history.Skus.Except(first))
        {
            var r = RuleOf(s);
            (p["@variant"].Value, p["@sku"].Value, p["@policy"].Value, p["@level"].Value, p["@days"].Value) =
                (variants[s.Code], s.Code, r.Policy!, r.ServiceLevel ?? 0.95, r.DemandDays ?? 90);
            (p["@min"].Value, p["@max"].Value, p["@multiple"].Value, p["@review"].Value) = (r.Min ?? 0m, r.Max ?? 0m, r.Multiple ?? 0m, r.ReviewDays ?? 7);
            await cmd.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
    }

    /// <summary>Each bin's rows against the ledger: what its moves add up to per SKU, and what the stock row says.</summary>
    private static async Task<string> ReconcileAsync(DbConnection connection, IEnumerable<long> bins)
    {
        var ids = string.Join(", ", bins);
        var differ = await ReplenishmentHistory.ScalarLongAsync(connection, $"""
            SELECT COUNT(*) FROM (
                SELECT variant_id, loc, SUM(q) AS net FROM (
                    SELECT variant_id, to_location_id AS loc, CAST(quantity AS REAL) AS q FROM commerce_moves
                    UNION ALL SELECT variant_id, from_location_id, -CAST(quantity AS REAL) FROM commerce_moves) x
                WHERE loc IN ({ids}) GROUP BY variant_id, loc) m
            LEFT JOIN commerce_stock s ON s.variant_id = m.variant_id AND s.location_id = m.loc AND s.lot = ''
            WHERE s.on_hand IS NULL OR CAST(s.on_hand AS REAL) <> m.net
            """);
        var rows = await ReplenishmentHistory.ScalarLongAsync(connection, $"SELECT COUNT(*) FROM commerce_stock WHERE location_id IN ({ids})");
        var variants = await ReplenishmentHistory.ScalarLongAsync(connection,
            $"SELECT COUNT(*) FROM commerce_variants v WHERE CAST(v.on_hand AS REAL) <> (SELECT COALESCE(SUM(CAST(s.on_hand AS REAL)), 0) FROM commerce_stock s WHERE s.variant_id = v.id)");
        return $"{differ} of {rows:N0} bin rows differ from the sum of their moves, {variants} variants' on hand from their rows";
    }

    private static async Task ClearSuggestionsAsync(DbConnection connection) => await ReplenishmentHistory.ExecuteAsync(connection, "DELETE FROM commerce_suggestions");

    /// <summary>The planner's demand query as a person would write it in SQL: picks per SKU, bin and day over the longest rule's days.</summary>
    private static string RawDemandSql(string provider, IEnumerable<long> bins) =>
        $"SELECT variant_id, from_location_id, {(provider == "postgres" ? "date_trunc('day', at, 'UTC')" : "date(at)")} AS day, SUM(quantity) AS quantity " +
        $"FROM commerce_moves WHERE tenant_id = @tenant AND reason = 'pick' AND at >= @since AND at < @today AND from_location_id IN ({string.Join(", ", bins)}) " +
        "GROUP BY variant_id, from_location_id, day";

    private static DbCommand DemandCommand(DbConnection connection, string sql, long tenant, DateTime today, int days)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = ReplenishmentHistory.LongCommand;
        foreach (var (name, value) in new (string, object)[] { ("@tenant", tenant), ("@since", today.AddDays(-days)), ("@today", today) })
        {
            var p = cmd.CreateParameter();
            (p.ParameterName, p.Value) = (name, value);
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    private static async Task<long> RawDemandAsync(DbConnection connection, string sql, long tenant, DateTime today, int days)
    {
        await using var cmd = DemandCommand(connection, sql, tenant, today, days);
        await using var reader = await cmd.ExecuteReaderAsync();
        long rows = 0;
        while (await reader.ReadAsync())
        {
            // Every value read, as the planner reads them.
            _ = (reader.GetInt64(0), reader.GetInt64(1), reader.GetValue(2), reader.GetValue(3));
            rows++;
        }
        return rows;
    }

    private static async Task<IReadOnlyList<string>> ExplainAsync(DbConnection connection, string provider, string sql, long tenant, DateTime today, int days)
    {
        await using var cmd = DemandCommand(connection, (provider == "postgres" ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + sql, tenant, today, days);
        await using var reader = await cmd.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync()) lines.Add(Convert.ToString(reader.GetValue(reader.FieldCount - 1), CultureInfo.InvariantCulture) ?? "");
        return lines;
    }

    private static async Task<Dictionary<string, long>> MapAsync(DbConnection connection, string sql)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync();
        var map = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync()) map[reader.GetString(0)] = reader.GetInt64(1);
        return map;
    }

    public static void Print(Figures? f)
    {
        if (f is null) return;
        double Median(Func<Round, TimeSpan> of) => BenchRun.Median(f.Rounds.Select(r => of(r).TotalMilliseconds));
        var total = Median(r => r.Total);
        var read = Median(r => r.Read);
        var compute = Median(r => r.Compute);
        var raw = Median(r => r.RawDemand);
        Console.WriteLine();
        Console.WriteLine($"replenishment run: {f.Skus:N0} SKUs, one warehouse (main, {ReplenishmentHistory.Bins} bins), {SupplierKeys.Length} suppliers selling every SKU, " +
            $"{f.Moves:N0} picks over {f.Days} days (seed {ReplenishmentHistory.Seed}); rules: " +
            string.Join(", ", f.Policies.OrderBy(p => p.Key).Select(p => $"{p.Value:N0} {p.Key}")));
        Console.WriteLine("  the picks were written straight into commerce_moves with the ledger's columns (through the API they would take hours);");
        Console.WriteLine("  everything else through the host's API or services. " + f.Reconciled);
        foreach (var (step, took) in f.Setup) Console.WriteLine($"  setup {took.TotalSeconds,7:0.0} s  {step}");
        Console.WriteLine($"medians of {f.Rounds.Count} round(s), each from no suggestions; {f.Rounds[0].Suggestions:N0} suggestions, {f.Rounds[0].Skipped} rules skipped");
        Row("ReplenishmentPlanner.PlanAsync, whole run", total);
        Row("  per SKU, ms", total / f.Rules, "0.000");
        Row("its reading alone (ReadAsync: every query)", read);
        Row("its computing alone (NotDue + Plan per rule)", compute);
        Row("  per SKU, ms", compute / f.Rules, "0.000");
        Row("the rest: saving suggestions, DTOs (whole − both)", total - read - compute);
        Row($"raw demand query, plain SQL ({f.Rounds[0].DemandRows:N0} rows)", raw);
        Row("PlanAsync / raw demand query", total / raw, "0.0");
        Row("ReadAsync / raw demand query", read / raw, "0.0");
        Console.WriteLine("  rounds (PlanAsync / read / compute / raw, s): " + string.Join("; ", f.Rounds.Select(r =>
            string.Create(CultureInfo.InvariantCulture, $"{r.Total.TotalSeconds:0.00} / {r.Read.TotalSeconds:0.00} / {r.Compute.TotalSeconds:0.00} / {r.RawDemand.TotalSeconds:0.000}"))));
        Console.WriteLine("  raw demand query: " + f.RawSql);
        Console.WriteLine("  its plan: " + string.Join(" | ", f.RawPlan));
        if (f.Statements.Count > 0)
        {
            var all = f.Statements.Sum(s => s.Total.TotalMilliseconds);
            Console.WriteLine($"SQL statements of the first measured PlanAsync, the most time first ({f.Statements.Sum(s => s.Count)} statements, {all:N0} ms as EF Core times them):");
            foreach (var (text, count, took) in f.Statements.Take(8))
            {
                var oneLine = string.Join(' ', text.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
                Console.WriteLine($"  {count,6} × {took.TotalMilliseconds / count,10:0.000} ms  {(oneLine.Length > 400 ? oneLine[..400] + "…" : oneLine)}");
            }
        }

        static void Row(string label, double value, string format = "N0") =>
            Console.WriteLine($"  {label,-58}{value.ToString(format, CultureInfo.InvariantCulture),12}{(format == "N0" ? " ms" : "")}");
    }
}
