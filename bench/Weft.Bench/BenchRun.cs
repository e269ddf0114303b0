using System.Globalization;
using System.Runtime.InteropServices;

namespace Weft.Bench;

internal static class BenchRun
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        int[] levels = [1, options.Clients];
        var started = DateTime.UtcNow;
        var loadBefore = LoadAverage();
        Console.WriteLine($"Weft bench: {options.Provider}, {levels[0]} and {levels[1]} clients, {Measuring(options)}");
        var results = new Dictionary<(string Kind, int Clients), List<Rate>>();
        IReadOnlyList<(string, string)> databaseFacts = [];

        await using var databases = ScratchDatabases.For(options);
        // Everything is set up first, then measured in rounds, each kind in turn: a slow minute on a shared machine
        // then falls on every kind alike, and each ratio is taken within a round (docs/benchmarks.md).
        await using var raw = options.Runs("raw") ? await RawTransactions.CreateAsync(databases) : null;
        EngineDriver? engine = null;
        Weft.Platform.Persistence.DatabaseOptions? engineDatabase = null, automatedDatabase = null, httpDatabase = null;
        if (options.Runs("engine"))
        {
            engineDatabase = await databases.CreateAsync("engine");
            engine = await EngineDriver.StartAsync(engineDatabase);
            databaseFacts = await databases.FactsAsync(engineDatabase);
            await engine.PrepareAsync(options.Clients);
        }
        await using var engineDriver = engine;
        if (options.Runs("automated")) automatedDatabase = await databases.CreateAsync("automated");
        await using var automated = automatedDatabase is not null
            ? await AutomatedCompletions.StartAsync(automatedDatabase, options.Clients)
            : null;
        HttpDriver? http = null;
        if (options.Runs("http"))
        {
            httpDatabase = await databases.CreateAsync("http");
            http = await HttpDriver.StartAsync(httpDatabase);
            await http.PrepareAsync(options.Clients);
        }
        await using var httpDriver = http;

        var statements = new Dictionary<int, double>();
        var emptyRoundTrip = double.NaN;
        using var sql = new SqlStatements();
        for (var round = 1; round <= options.Rounds; round++)
        {
            if (options.Rounds > 1) Console.WriteLine($"round {round} of {options.Rounds}");
            if (raw is not null)
            {
                foreach (var clients in levels)
                    Record(results, "raw", clients, await raw.MeasureAsync(clients, options.Warmup, options.Duration));
            }
            if (engine is not null)
            {
                foreach (var clients in levels)
                {
                    var before = sql.Count;
                    var cyclesBefore = engine.Cycles;
                    sql.ByText = options.Statements && clients == 1 && round == 1;
                    Record(results, "engine", clients, await WorkItemCompletions.MeasureAsync(engine, clients, options.Warmup, options.Duration,
                        () => databases.RefreshStatisticsAsync(engineDatabase!)));
                    sql.ByText = false;
                    // Warm-up and restocking run between the two readings; their statements are few beside the commands'.
                    var commands = 3.0 * Math.Max(1, engine.Cycles - cyclesBefore);
                    statements[clients] = statements.GetValueOrDefault(clients) + (sql.Count - before) / commands / options.Rounds;
                    if (options.Statements && clients == 1 && round == 1)
                        PrintStatements(sql, commands, "SQL statements of the one-client engine measurement (warm-up and restocking included), the most time first:", "per command");
                }
            }
            if (automated is not null)
            {
                var rate = await automated.MeasureAsync(options.Warmup, options.Duration, () => databases.RefreshStatisticsAsync(automatedDatabase!));
                foreach (var clients in levels) Add(results, "automated", clients, rate);
                Console.WriteLine($"  automated (no-op handler): {rate.Count,7:N0} in {rate.Elapsed.TotalSeconds:0.00} s = {rate.PerSecond,9:N1}/s, " +
                    $"{rate.CpuMillisecondsPerOp:0.00} ms processor time each");
            }
            if (http is not null)
            {
                foreach (var clients in levels)
                    Record(results, "http", clients, await WorkItemCompletions.MeasureAsync(http, clients, options.Warmup, options.Duration,
                        () => databases.RefreshStatisticsAsync(httpDatabase!)));
            }
        }
        if (http is not null)
        {
            emptyRoundTrip = await http.EmptyRoundTripMsAsync(2_000, 5_000);
            Console.WriteLine($"  empty request round trip (GET /health/live, one at a time): {emptyRoundTrip:0.000} ms");
        }

        IReadOnlyList<PageRenders.Renders> renders = [];
        if (options.Runs("pages"))
        {
            await using var pages = await HttpDriver.StartAsync(await databases.CreateAsync("pages"));
            renders = await PageRenders.MeasureAsync(pages);
        }

        GatewayOverhead.Figures? gateway = null;
        if (options.Runs("gateway"))
        {
            await using var host = await HttpDriver.StartAsync(await databases.CreateAsync("gateway"));
            gateway = await GatewayOverhead.MeasureAsync(host);
            if (options.Statements) await GatewayOverhead.ProfileAsync(await databases.CreateAsync("gateway_profile"), sql);
        }

        KnowledgeRetrieval.Figures? retrieval = null;
        if (options.Runs("retrieval"))
        {
            if (KnowledgeRetrieval.FindData() is { } data)
            {
                await using var host = await HttpDriver.StartAsync(await databases.CreateAsync("retrieval"));
                retrieval = await KnowledgeRetrieval.MeasureAsync(host, data);
            }
            else Console.WriteLine("  retrieval: skipped, no shared/data/banking77 beside or above the working directory");
        }

        LedgerMoves.Figures? ledger = null;
        if (options.Runs("ledger"))
        {
            ledger = await LedgerMoves.MeasureAsync(databases, options, sql);
            if (databaseFacts.Count == 0) databaseFacts = ledger.DatabaseFacts;
        }

        ReplenishmentRun.Figures? replenishment = null;
        if (options.Runs("replenishment"))
        {
            replenishment = await ReplenishmentRun.MeasureAsync(databases, options, sql);
            if (databaseFacts.Count == 0) databaseFacts = replenishment.DatabaseFacts;
        }

        IntentTriage.Figures? triage = null;
        if (options.Runs("triage"))
        {
            if (IntentTriage.FindData() is { } data) triage = await Task.Run(() => IntentTriage.Measure(data));
            else Console.WriteLine("  triage: skipped, no shared/data/banking77 and clinc150 beside or above the working directory");
        }

        SupportLiveChat.Figures? supportLive = null;
        if (options.Runs("support-live"))
        {
            var database = await databases.CreateAsync("support_live");
            await using var host = await HttpDriver.StartAsync(database);
            supportLive = await SupportLiveChat.MeasureAsync(host, options.Conversations, options.Rate, TimeSpan.FromSeconds(options.LiveSeconds));
            if (databaseFacts.Count == 0) databaseFacts = await databases.FactsAsync(database);
        }

        AuctionWatchers.Figures? auctionLive = null;
        if (options.Runs("auction-live"))
        {
            var database = await databases.CreateAsync("auction_live");
            await using var host = await HttpDriver.StartAsync(database);
            auctionLive = await AuctionWatchers.MeasureAsync(host, databases, database, options.Watchers, options.BidRate, TimeSpan.FromSeconds(options.LiveSeconds));
            if (databaseFacts.Count == 0) databaseFacts = await databases.FactsAsync(database);
        }

        databaseFacts = [.. databaseFacts, ("load average", $"{loadBefore} at the start, {LoadAverage()} at the end (1, 5, 15 min; other processes share the cores)")];
        Print(options, levels, results, statements, databaseFacts, started, emptyRoundTrip);
        PrintRenders(renders);
        GatewayOverhead.Print(gateway);
        KnowledgeRetrieval.Print(retrieval);
        LedgerMoves.Print(ledger);
        ReplenishmentRun.Print(replenishment);
        IntentTriage.Print(triage);
        SupportLiveChat.Print(supportLive);
        AuctionWatchers.Print(auctionLive);
        if (supportLive is { Lost: > 0 } or { LostInWarmup: > 0 })
        {
            Console.Error.WriteLine($"support-live: {supportLive.Lost + supportLive.LostInWarmup} message(s) never reached the staff screen.");
            return 1;
        }
        if (auctionLive is { Lost: > 0 })
        {
            Console.Error.WriteLine($"auction-live: {auctionLive.Lost} bid deliveries never reached their watcher.");
            return 1;
        }
        return 0;
    }

    private static void PrintRenders(IReadOnlyList<PageRenders.Renders> renders)
    {
        if (renders.Count == 0) return;
        Console.WriteLine($"server render of a page with {PageRenders.OpenItems:N0} open work items, ms (one request at a time)");
        foreach (var r in renders)
            Console.WriteLine($"  {r.Page,-50}{"median " + r.MedianMs.ToString("0.0", CultureInfo.InvariantCulture),14}{"p95 " + r.P95Ms.ToString("0.0", CultureInfo.InvariantCulture),14}");
    }

    public static void PrintStatements(SqlStatements sql, double commands, string title, string per)
    {
        Console.WriteLine();
        Console.WriteLine(title);
        Console.WriteLine($"{per,12} {"mean ms",8}  statement");
        foreach (var (text, count, total) in sql.Tallies())
        {
            var oneLine = string.Join(' ', text.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
            Console.WriteLine($"{count / commands,12:0.000} {total.TotalMilliseconds / count,8:0.000}  {(oneLine.Length > 3000 ? oneLine[..3000] + "…" : oneLine)}");
        }
        Console.WriteLine();
    }

    private static void Add(Dictionary<(string, int), List<Rate>> results, string kind, int clients, Rate rate)
    {
        if (!results.TryGetValue((kind, clients), out var rounds)) results[(kind, clients)] = rounds = [];
        rounds.Add(rate);
    }

    private static void Record(Dictionary<(string, int), List<Rate>> results, string kind, int clients, Rate rate)
    {
        Add(results, kind, clients, rate);
        Console.WriteLine($"  {kind,-6} {clients,2} client(s): {rate.Count,7:N0} in {rate.Elapsed.TotalSeconds:0.00} s = {rate.PerSecond,9:N1}/s" +
            $", {rate.CpuMillisecondsPerOp:0.00} ms processor time each" +
            (rate.RanOut ? "  (ran out of ready work items before the end)" : ""));
        if (rate.Host is { } host)
            Console.WriteLine($"{"",20}per request: {ClientWaitMs(rate, clients):0.000} ms as the client waits, {HostMs(host):0.000} ms in the host's pipeline, " +
                $"{CommandMs(host):0.000} ms in the engine command ({host.Requests:N0} requests, {host.Commands:N0} commands by the host's metrics); " +
                $"the host's processor time {host.Cpu.TotalMilliseconds / Math.Max(1, host.Requests):0.000} ms per request");
    }

    /// <summary>Mean time a client waited for one of its requests: each client has one request at a time in flight.</summary>
    private static double ClientWaitMs(Rate rate, int clients) => rate.Elapsed.TotalMilliseconds * clients / (3.0 * rate.Count);

    private static double HostMs(HostTimes host) => host.RequestSeconds * 1000 / host.Requests;

    private static double CommandMs(HostTimes host) => host.CommandSeconds * 1000 / host.Commands;

    private static void Print(BenchOptions options, int[] levels, Dictionary<(string Kind, int Clients), List<Rate>> rounds,
        IReadOnlyDictionary<int, double> statements, IReadOnlyList<(string Name, string Value)> databaseFacts, DateTime started,
        double emptyRoundTrip)
    {
        // Each figure is its median round's (with that round's processor time and host times); each ratio is the median of the
        // ratios within a round, where both figures were measured minutes apart at most.
        var results = rounds.ToDictionary(r => r.Key, r => r.Value.OrderBy(x => x.PerSecond).ElementAt(r.Value.Count / 2));
        double R(string kind, int clients) => results.TryGetValue((kind, clients), out var rate) ? rate.PerSecond : double.NaN;
        double Ratio(string kind, string of, int clients, double factor = 1) =>
            rounds.TryGetValue((kind, clients), out var a) && rounds.TryGetValue((of, clients), out var b) && a.Count == b.Count
                ? Median(a.Zip(b, (x, y) => factor * x.PerSecond / y.PerSecond))
                : double.NaN;
        HostTimes? Host(int clients) => results.TryGetValue(("http", clients), out var rate) ? rate.Host : null;
        double Cpu(string kind, int clients) => results.TryGetValue((kind, clients), out var rate) ? rate.CpuMillisecondsPerOp : double.NaN;
        var facts = new List<(string, string)>
        {
            ("date", started.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)),
            ("machine", $"{Environment.ProcessorCount} cores{CpuModel()}, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}"),
            ("provider", options.Provider),
        };
        facts.AddRange(databaseFacts);
        facts.Add(("measure", Measuring(options) + "; the HTTP host runs as its own process on 127.0.0.1, callers send API keys"));

        Console.WriteLine();
        foreach (var (name, value) in facts) Console.WriteLine($"{name,-18} {value}");
        // Only sections with tables of their own ran (gateway, retrieval, ledger, say).
        if (rounds.Count == 0) return;
        Console.WriteLine();
        var header = $"{"",-52}" + string.Concat(levels.Select(c => $"{(c == 1 ? "1 client" : $"{c} clients"),14}"));
        Console.WriteLine(header);
        Console.WriteLine(new string('-', header.Length));
        Row("raw durable transactions/s (BEGIN; INSERT; COMMIT)", c => R("raw", c));
        Row("engine completions/s, in process", c => R("engine", c));
        Row("  engine commands/s (3 per completion)", c => 3 * R("engine", c));
        Row("HTTP completions/s, loopback", c => R("http", c));
        Row("  HTTP commands/s (3 per completion)", c => 3 * R("http", c));
        Row("automated completions/s (no-op handler, in process)", c => R("automated", c));
        Row("SQL statements per engine command (counted)", c => statements.GetValueOrDefault(c, double.NaN), "0.0");
        Console.WriteLine();
        Row("engine/raw   (completions per raw transaction)", c => Ratio("engine", "raw", c), "0.000");
        Row("engine/raw   (commands per raw transaction)", c => Ratio("engine", "raw", c, 3), "0.000");
        Row("http/engine  (completions)", c => Ratio("http", "engine", c), "0.000");
        Row("http/raw     (completions per raw transaction)", c => Ratio("http", "raw", c), "0.000");
        Row("http/raw     (commands per raw transaction)", c => Ratio("http", "raw", c, 3), "0.000");
        Console.WriteLine();
        Console.WriteLine("processor time per operation, ms (this process, plus the host process for HTTP;");
        Console.WriteLine("a PostgreSQL server's own processes are not counted)");
        Row("  raw transaction", c => Cpu("raw", c), "0.00");
        Row("  engine completion", c => Cpu("engine", c), "0.00");
        Row("  HTTP completion (client and host)", c => Cpu("http", c), "0.00");
        Row("    of which the host process", c => results.TryGetValue(("http", c), out var rate) && rate.Host is { } h && rate.Count > 0
            ? h.Cpu.TotalMilliseconds / rate.Count : double.NaN, "0.00");
        Row("  automated completion (runner and engine)", c => Cpu("automated", c), "0.00");
        Console.WriteLine("time per HTTP request, ms (the host's figures from its /metrics)");
        Row("  as the client waits for the answer", c => results.TryGetValue(("http", c), out var rate) ? ClientWaitMs(rate, c) : double.NaN, "0.000");
        Row("  in the host's pipeline (first middleware on)", c => Host(c) is { } h ? HostMs(h) : double.NaN, "0.000");
        Row("  in the engine command", c => Host(c) is { } h ? CommandMs(h) : double.NaN, "0.000");
        Row("  an empty request's round trip (GET /health/live)", c => c == 1 ? emptyRoundTrip : double.NaN, "0.000");
        Row("engine command in process, ms (mean, wall clock)", c => results.TryGetValue(("engine", c), out var rate)
            ? rate.Elapsed.TotalMilliseconds * c / (3.0 * rate.Count) : double.NaN, "0.000");
        Console.WriteLine("memory allocated per engine completion, KiB (in process)");
        Row("  engine completion", c => results.TryGetValue(("engine", c), out var rate) ? rate.AllocatedKibPerOp : double.NaN, "0");
        Row("  share of the time paused for garbage collection, %", c => results.TryGetValue(("engine", c), out var rate)
            ? 100 * rate.GcPause / rate.Elapsed : double.NaN, "0.0");
        Console.WriteLine("  collections of generation 0 / 1 / 2 (1 client, 4 clients): " + string.Join("; ", levels.Select(c =>
            results.TryGetValue(("engine", c), out var rate) ? string.Join(" / ", rate.Collections) : "-")));

        void Row(string label, Func<int, double> value, string format = "N1") =>
            Console.WriteLine($"{label,-52}" + string.Concat(levels.Select(c => value(c) is var v && double.IsNaN(v)
                ? "-".PadLeft(14)
                : v.ToString(format, CultureInfo.InvariantCulture).PadLeft(14))));
    }

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Measuring(BenchOptions options) =>
        $"{options.Rounds} round(s) of {options.Seconds} s per figure, each after a warm-up of at least {options.Warmup.TotalSeconds:0.#} s " +
        "(and 2,000 completions per engine, until two 1-s rounds agree within 10 %, at most 30 s; then until the processes are idle)";

    private static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string CpuModel()
    {
        try
        {
            var line = File.Exists("/proc/cpuinfo")
                ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
                : null;
            return line is null ? "" : $" ({line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()})";
        }
        catch (IOException)
        {
            return "";
        }
    }
}
