using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Weft.Commerce.Stock;

namespace Weft.Bench;

/// <summary>
/// Moves per second into the stock ledger, beside the raw rate of the same moves on the same database
/// (<see cref="RawLedgerMoves"/>). The real host is built in this process (<see cref="InProcessHost"/>); the catalog, the
/// warehouse and each SKU's first stock are set up through its API, then each writer calls the ledger's own service
/// (<c>StockLedger.MoveAsync</c>, as <c>POST /api/v1/commerce/moves</c> does, without HTTP) with one single-line move at a
/// time, following <see cref="LedgerPlan"/>: spread over many SKUs with 1 and N writers, and N writers on one SKU.
/// </summary>
internal static class LedgerMoves
{
    /// <summary>What the setup receives of each SKU, and what of that it puts in the SKU's bin.</summary>
    private const decimal Received = 1000, Shelved = 500;
    private const int VariantsPerProduct = 200;
    private const string Actor = "bench";
    private const int MaxLines = 500; // StockLedger.MaxLines
    private const int MinWarmupMoves = 1000;
    private static readonly TimeSpan WarmupRound = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxWarmup = TimeSpan.FromSeconds(30);

    public const string Spread = "spread", OneSku = "one SKU";

    public sealed record Figures(int Skus, int Clients, Dictionary<(string Kind, int Clients), List<Rate>> Rounds,
        Dictionary<(string Kind, int Clients), double> StatementsPerMove, IReadOnlyList<(string Name, string Value)> DatabaseFacts);

    public static async Task<Figures> MeasureAsync(ScratchDatabases databases, BenchOptions options, SqlStatements sql)
    {
        var skus = options.Skus ?? 1000;
        var database = await databases.CreateAsync("ledger");
        await using var host = await HttpDriver.StartAsync(database, inProcess: true);
        using (var me = JsonDocument.Parse(await host.GetAsync("/api/v1/auth/me")))
        {
            var tenant = me.RootElement.GetProperty("tenant").GetInt64();
            await SetUpAsync(host, skus);
            var move = host.Services!.GetRequiredService<StockLedger>();
            await using var raw = await RawLedgerMoves.CreateAsync(databases, database, skus, Received, Shelved);
            await raw.PrepareAsync(options.Clients);
            var facts = await databases.FactsAsync(database);
            Console.WriteLine($"  ledger: {skus:N0} SKUs and {LedgerPlan.HotSku} set up, each with {Received:0} received and {Shelved:0} of them in its bin");

            var rounds = new Dictionary<(string, int), List<Rate>>();
            var done = new Dictionary<string, long>();
            var statements = new Dictionary<(string, int), double>();
            for (var round = 1; round <= options.Rounds; round++)
            {
                if (options.Rounds > 1) Console.WriteLine($"ledger round {round} of {options.Rounds}");
                // After the setup and each round's moves, as a database in use has its statistics (ScratchDatabases).
                await databases.RefreshStatisticsAsync(database);
                foreach (var (kind, clients) in new[] { (Spread, 1), (Spread, options.Clients), (OneSku, options.Clients) })
                {
                    await RunAsync("raw", kind, clients, plan => client => raw.StepAsync(plan, skus, client));
                    var profile = options.Statements && round == 1 && kind == Spread && clients == 1;
                    var (rate, counted) = await RunAsync("Weft", kind, clients, plan => client => StepAsync(move, tenant, plan, skus, client), profile);
                    statements[(kind, clients)] = statements.GetValueOrDefault((kind, clients)) + (counted / (double)rate.Count / options.Rounds);
                    if (profile)
                        BenchRun.PrintStatements(sql, rate.Count, "SQL statements of the one-writer spread ledger measurement (the host's background work included), the most time first:", "per move");
                }
            }
            return new Figures(skus, options.Clients, rounds, statements, facts);

            // The rate, and the SQL statements EF Core ran while it was measured (the host's background work included).
            async Task<(Rate Rate, long Statements)> RunAsync(string who, string kind, int clients, Func<LedgerPlan, Func<int, Task<bool>>> step, bool profile = false)
            {
                var plan = new LedgerPlan(skus, clients, hot: kind == OneSku);
                // As the engine's figures: rounds of a second until the JIT has seen enough moves and two rounds agree within a tenth.
                var warmed = TimeSpan.Zero;
                double rate0 = 0, previous;
                do
                {
                    previous = rate0;
                    var warm = await Measure.ForAsync(clients, WarmupRound, ProcessorTime.OfThisProcess, step(plan));
                    warmed += warm.Elapsed;
                    rate0 = warm.PerSecond;
                    done[who] = done.GetValueOrDefault(who) + warm.Count;
                }
                while ((warmed < options.Warmup || done[who] < MinWarmupMoves || Math.Abs(rate0 - previous) > 0.1 * rate0) && warmed < MaxWarmup);
                if (profile)
                {
                    sql.ClearTallies();
                    sql.ByText = true;
                }
                var before = sql.Count;
                var rate = await Measure.ForAsync(clients, options.Duration, ProcessorTime.OfThisProcess, step(plan));
                var counted = sql.Count - before;
                sql.ByText = false;
                var key = ($"{who} {kind}", clients);
                if (!rounds.TryGetValue(key, out var list)) rounds[key] = list = [];
                list.Add(rate);
                Console.WriteLine($"  ledger {who,-4} {kind,-7} {clients,2} writer(s): {rate.Count,7:N0} moves in {rate.Elapsed.TotalSeconds:0.00} s = " +
                    $"{rate.PerSecond,8:N1}/s, {rate.CpuMillisecondsPerOp:0.00} ms processor time, {rate.AllocatedKibPerOp:0} KiB allocated each");
                return (rate, counted);
            }
        }
    }

    private static async Task<bool> StepAsync(StockLedger ledger, long tenant,
        LedgerPlan plan, int skus, int client)
    {
        var next = plan.Next(client);
        var line = new MoveLineRequest(LedgerPlan.Sku(next.Sku, skus), LedgerPlan.Quantity, PathOf(next.From), PathOf(next.To), UnitCost: next.UnitCost);
        var moved = await ledger.MoveAsync(tenant, Actor, new MoveRequest(next.Reason, "bench", [line]), CancellationToken.None);
        if (moved.Count != 1) throw new InvalidOperationException($"A move of one line wrote {moved.Count}.");
        return true;
    }

    private static string? PathOf(int side) => side switch
    {
        LedgerPlan.Receiving => "main/R",
        > 0 => $"main/S/S-{side:D2}",
        _ => null, // the reason's virtual side
    };

    /// <summary>Products with the SKUs, the warehouse, and each SKU's receipt and transfer to its bin, through the API.</summary>
    private static async Task SetUpAsync(HttpDriver host, int skus)
    {
        for (var first = 0; first < skus; first += VariantsPerProduct)
        {
            var variants = Enumerable.Range(first, Math.Min(VariantsPerProduct, skus - first))
                .Select(i => new { sku = LedgerPlan.Sku(i, skus), attributes = new { n = i.ToString(CultureInfo.InvariantCulture) }, cost = 3m, price = 9m, currency = "EUR" });
            await host.PostAsync("/api/v1/commerce/products", new { key = $"bench-{first / VariantsPerProduct}", name = "Bench", unit = "unit", variants });
        }
        await host.PostAsync("/api/v1/commerce/products", new
        {
            key = "hot", name = "Hot", unit = "unit", variants = new[] { new { sku = LedgerPlan.HotSku, cost = 3m, price = 9m, currency = "EUR" } },
        });
        await host.PostAsync("/api/v1/commerce/warehouses", new { key = "main", name = "Main" });
        await host.PostAsync("/api/v1/commerce/warehouses/main/locations", new { code = "R", type = "receiving" });
        await host.PostAsync("/api/v1/commerce/warehouses/main/locations", new { code = "S", type = "view" });
        for (var bin = 1; bin <= LedgerPlan.Bins; bin++)
            await host.PostAsync("/api/v1/commerce/warehouses/main/locations", new { code = $"S-{bin:D2}", type = "storage", parent = "main/S" });
        var all = Enumerable.Range(0, skus + 1).ToList();
        foreach (var chunk in all.Chunk(MaxLines))
        {
            await host.PostAsync("/api/v1/commerce/moves", new
            {
                reason = "receipt", reference = "setup",
                lines = chunk.Select(i => new { sku = LedgerPlan.Sku(i, skus), quantity = Received, to = PathOf(LedgerPlan.Receiving), unitCost = 3m }),
            });
            await host.PostAsync("/api/v1/commerce/moves", new
            {
                reason = "transfer", reference = "setup",
                lines = chunk.Select(i => new { sku = LedgerPlan.Sku(i, skus), quantity = Shelved, from = PathOf(LedgerPlan.Receiving), to = PathOf(LedgerPlan.BinOf(i)) }),
            });
        }
    }

    public static void Print(Figures? figures)
    {
        if (figures is null) return;
        int[] levels = [1, figures.Clients];
        double Median(IEnumerable<double> values) => BenchRun.Median(values);
        Rate? Of(string kind, int clients) => figures.Rounds.TryGetValue((kind, clients), out var r) ? r.OrderBy(x => x.PerSecond).ElementAt(r.Count / 2) : null;
        double Ratio(string kind, int clients) =>
            figures.Rounds.TryGetValue(("Weft " + kind, clients), out var a) && figures.Rounds.TryGetValue(("raw " + kind, clients), out var b) && a.Count == b.Count
                ? Median(a.Zip(b, (x, y) => x.PerSecond / y.PerSecond))
                : double.NaN;

        Console.WriteLine();
        Console.WriteLine($"stock ledger moves: {figures.Skus:N0} SKUs over {LedgerPlan.Bins} bins and one receiving location (plus {LedgerPlan.HotSku}); each writer " +
            "receives, transfers, picks a SKU, then the next; one line per move, one move per transaction");
        var header = $"{"",-56}" + string.Concat(levels.Select(c => $"{(c == 1 ? "1 writer" : $"{c} writers"),14}"));
        Console.WriteLine(header);
        Console.WriteLine(new string('-', header.Length));
        foreach (var kind in new[] { Spread, OneSku })
        {
            Console.WriteLine(kind == Spread ? "moves spread over many SKUs (no two writers share one)" : "all writers on one SKU (its lock takes them in turn)");
            Row("  raw moves/s (BEGIN; INSERT move; upsert on hand; COMMIT)", c => Of("raw " + kind, c)?.PerSecond ?? double.NaN);
            Row("  Weft moves/s (StockLedger.MoveAsync in process)", c => Of("Weft " + kind, c)?.PerSecond ?? double.NaN);
            Row("  Weft/raw (median of the rounds' ratios)", c => Ratio(kind, c), "0.000");
            Row("  SQL statements per Weft move (counted)", c => figures.StatementsPerMove.GetValueOrDefault((kind, c), double.NaN), "0.0");
            Row("  processor time per raw move, ms (this process)", c => Of("raw " + kind, c)?.CpuMillisecondsPerOp ?? double.NaN, "0.00");
            Row("  processor time per Weft move, ms (this process)", c => Of("Weft " + kind, c)?.CpuMillisecondsPerOp ?? double.NaN, "0.00");
            Row("  Weft move's wall clock, ms (mean, per writer)", c => Of("Weft " + kind, c) is { Count: > 0 } r ? r.Elapsed.TotalMilliseconds * c / r.Count : double.NaN, "0.000");
            Row("  memory allocated per Weft move, KiB", c => Of("Weft " + kind, c)?.AllocatedKibPerOp ?? double.NaN, "0");
        }

        void Row(string label, Func<int, double> value, string format = "N1") =>
            Console.WriteLine($"{label,-56}" + string.Concat(levels.Select(c => value(c) is var v && double.IsNaN(v)
                ? "-".PadLeft(14)
                : v.ToString(format, CultureInfo.InvariantCulture).PadLeft(14))));
    }
}
