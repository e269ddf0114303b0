using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Weft.Bench;

/// <summary>
/// What Weft's OpenAI-compatible endpoint adds to a model call: one client sends chat completions one at a time, in turn
/// straight to a fake provider (<see cref="FakeOpenAIProvider"/>, which answers at once) and through the host's
/// <c>/v1/chat/completions</c> to an AI agent whose one model is served by that same provider. Both are timed from the
/// request to the last byte of the answer, plain and streamed; the difference is the gateway's overhead. The host's
/// own figures (its pipeline time from <c>/metrics</c>, the provider call and the run as each run records them) say where
/// that time goes.
/// </summary>
internal static partial class GatewayOverhead
{
    public const int MeasuredRequests = 2_000;
    public const string Agent = "gateway";
    private const string ProviderModel = "bench-model";
    private const string Question = "Where is order 1042?";

    // The host's JIT goes on tiering up the request's path for thousands of requests (a sixth of the steady rate at first,
    // methods compiled by the thousand each 5 s for the first 30-50 s on this machine): warm up past that.
    private const int MinWarmupRequests = 3_000;
    private static readonly TimeSpan WarmupRound = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxWarmup = TimeSpan.FromSeconds(60);

    /// <summary>Percentiles and mean of a set of times, ms.</summary>
    public sealed record Times(double P50, double P99, double Mean)
    {
        public static Times Of(IReadOnlyCollection<double> values)
        {
            var sorted = values.Order().ToList();
            return new Times(Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted.Average());
        }
    }

    /// <summary>
    /// One way of asking (plain or streamed): the client's times direct and through Weft, and the host's view of the requests
    /// through Weft: its pipeline's mean time and processor time per request, the provider call and the run's span as
    /// recorded with each run.
    /// </summary>
    public sealed record Variant(string Name, int Warmup, Times Direct, Times ThroughWeft, double PipelineMs, double HostCpuMs, Times ProviderCall, Times RunSpan);

    /// <summary>Both ways of asking, and the mean round trip of an empty request to the same host: the least any request through it costs.</summary>
    public sealed record Figures(IReadOnlyList<Variant> Variants, double EmptyRoundTripMs);

    public static async Task<Figures> MeasureAsync(HttpDriver driver)
    {
        await using var fake = await FakeOpenAIProvider.StartAsync();
        await SetUpAsync(driver, fake.BaseUrl);
        var key = await driver.CreateKeyAsync(new { name = "bench gateway", scopes = new[] { "ai:run" } });
        using var direct = Client(fake.BaseUrl, "sk-bench-provider");
        using var weft = Client(new Uri(driver.Address, "v1/"), key);
        List<Variant> variants = [];
        foreach (var stream in new[] { false, true })
        {
            var name = stream ? "streamed" : "plain";
            var toFake = Body(ProviderModel, stream);
            var toWeft = Body(Agent, stream);
            var warmup = await WarmUpAsync(direct, toFake, weft, toWeft, stream);
            await Measure.UntilQuietAsync(driver.CpuTime);
            var directTimes = new List<double>(MeasuredRequests);
            var weftTimes = new List<double>(MeasuredRequests);
            var runs = new List<long>(MeasuredRequests);
            var before = await driver.HostTimesAsync();
            for (var i = 0; i < MeasuredRequests; i++)
            {
                // In turn, each first every other time: a slow moment of the machine falls on both alike.
                if (i % 2 == 0) directTimes.Add((await SendAsync(direct, toFake, stream)).Ms);
                var (ms, body) = await SendAsync(weft, toWeft, stream);
                weftTimes.Add(ms);
                runs.Add(RunOf(body));
                if (i % 2 == 1) directTimes.Add((await SendAsync(direct, toFake, stream)).Ms);
            }
            var after = await driver.HostTimesAsync();
            var recorded = await RunsAsync(driver, runs);
            var requests = Math.Max(1, after!.Requests - before!.Requests - 1);
            var variant = new Variant(name, warmup, Times.Of(directTimes), Times.Of(weftTimes),
                (after.RequestSeconds - before.RequestSeconds) * 1000 / requests,
                (after.Cpu - before.Cpu).TotalMilliseconds / requests,
                Times.Of([.. recorded.Select(r => r.CallMs)]), Times.Of([.. recorded.Select(r => r.SpanMs)]));
            variants.Add(variant);
            Console.WriteLine($"  gateway {name,-8}  direct p50 {variant.Direct.P50,6:0.000} p99 {variant.Direct.P99,6:0.000} ms; " +
                $"through Weft p50 {variant.ThroughWeft.P50,6:0.000} p99 {variant.ThroughWeft.P99,6:0.000} ms; " +
                $"overhead p50 {variant.ThroughWeft.P50 - variant.Direct.P50,6:0.000} p99 {variant.ThroughWeft.P99 - variant.Direct.P99,6:0.000} ms");
        }
        return new Figures(variants, await driver.EmptyRoundTripMsAsync(2_000, 5_000));
    }

    public static void Print(Figures? figures)
    {
        if (figures is null) return;
        var variants = figures.Variants;
        Console.WriteLine();
        Console.WriteLine($"gateway overhead: OpenAI chat completions, one client, one at a time, {MeasuredRequests:N0} each way after " +
            $"{string.Join(" and ", variants.Select(v => v.Warmup.ToString("N0", CultureInfo.InvariantCulture)))} to warm up,");
        Console.WriteLine("straight to a fake provider (answers at once) and through Weft's /v1/chat/completions to an agent it serves; ms to the last byte");
        Console.WriteLine($"{"",-52}{"p50",10}{"p99",10}{"mean",10}");
        foreach (var v in variants)
        {
            Row($"{v.Name}: direct to the provider", v.Direct);
            Row("  through Weft", v.ThroughWeft);
            Console.WriteLine($"{"  overhead (through Weft − direct)",-52}{F(v.ThroughWeft.P50 - v.Direct.P50),10}{F(v.ThroughWeft.P99 - v.Direct.P99),10}{F(v.ThroughWeft.Mean - v.Direct.Mean),10}");
            Console.WriteLine($"{"  in the host's pipeline (its /metrics, mean)",-52}{"",10}{"",10}{F(v.PipelineMs),10}");
            Row("  the provider call, as the run records it", v.ProviderCall);
            Row("  the run, from its first write to its last", v.RunSpan);
            Console.WriteLine($"{"  host's processor time per request",-52}{"",10}{"",10}{F(v.HostCpuMs),10}");
        }

        Console.WriteLine($"{"an empty request's round trip (GET /health/live)",-52}{"",10}{"",10}{F(figures.EmptyRoundTripMs),10}");

        void Row(string label, Times t) => Console.WriteLine($"{label,-52}{F(t.P50),10}{F(t.P99),10}{F(t.Mean),10}");
        static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Where a plain request's time goes inside the host: the same requests through a host built in this process, so that
    /// EF Core's diagnostic events show every SQL statement a request runs and how long each took. Printed, not tabled: the
    /// in-process host shares this process with the client and the fake, so its times are a guide to the shares, not figures.
    /// </summary>
    public static async Task ProfileAsync(Weft.Platform.Persistence.DatabaseOptions database, SqlStatements sql)
    {
        await using var driver = await HttpDriver.StartAsync(database, inProcess: true);
        await using var fake = await FakeOpenAIProvider.StartAsync();
        await SetUpAsync(driver, fake.BaseUrl);
        var key = await driver.CreateKeyAsync(new { name = "bench gateway", scopes = new[] { "ai:run" } });
        using var weft = Client(new Uri(driver.Address, "v1/"), key);
        var body = Body(Agent, stream: false);
        var warmup = await WarmUpAsync(null, [], weft, body, stream: false);
        await Measure.UntilQuietAsync(driver.CpuTime);

        var before = await driver.HostTimesAsync();
        var statementsBefore = sql.Count;
        sql.ClearTallies();
        sql.ByText = true;
        var times = new List<double>(MeasuredRequests);
        var runs = new List<long>(MeasuredRequests);
        for (var i = 0; i < MeasuredRequests; i++)
        {
            var (ms, answer) = await SendAsync(weft, body, stream: false);
            times.Add(ms);
            runs.Add(RunOf(answer));
        }
        sql.ByText = false;
        var statements = sql.Count - statementsBefore;
        var after = await driver.HostTimesAsync();
        var recorded = await RunsAsync(driver, runs);
        var pipeline = (after!.RequestSeconds - before!.RequestSeconds) * 1000 / Math.Max(1, after.Requests - before.Requests - 1);
        var sqlMs = sql.Tallies().Sum(t => t.Total.TotalMilliseconds) / MeasuredRequests;
        var call = recorded.Average(r => r.CallMs);
        Console.WriteLine();
        Console.WriteLine($"profile of a plain gateway request, the host in this process ({MeasuredRequests:N0} one at a time, after {warmup:N0}), means, ms:");
        Console.WriteLine($"  as the client waits {times.Average(),7:0.000}; in the host's pipeline {pipeline,7:0.000}, of which");
        Console.WriteLine($"  {(double)statements / MeasuredRequests:0.0} SQL statements {sqlMs,7:0.000} (EF Core's time to run each; commits are not among them),");
        Console.WriteLine($"  the provider call {call,7:0.000} (as the run records it), and the rest {pipeline - sqlMs - call,7:0.000}");
        BenchRun.PrintStatements(sql, MeasuredRequests, "SQL statements of those requests, the most time first:", "per request");
    }

    /// <summary>
    /// Sends requests both ways in turn, in rounds of a second, until at least <see cref="MinWarmupRequests"/> have gone
    /// through Weft and two rounds in a row agree on the rate within a tenth (at most <see cref="MaxWarmup"/>); the count.
    /// </summary>
    private static async Task<int> WarmUpAsync(HttpClient? direct, byte[] toFake, HttpClient weft, byte[] toWeft, bool stream)
    {
        var clock = Stopwatch.StartNew();
        var done = 0;
        double rate = 0, previous;
        do
        {
            previous = rate;
            var round = Stopwatch.StartNew();
            var count = 0;
            for (; round.Elapsed < WarmupRound; count++)
            {
                if (direct is not null) await SendAsync(direct, toFake, stream);
                await SendAsync(weft, toWeft, stream);
            }
            done += count;
            rate = count / round.Elapsed.TotalSeconds;
        }
        while ((done < MinWarmupRequests || Math.Abs(rate - previous) > 0.1 * rate) && clock.Elapsed < MaxWarmup);
        return done;
    }

    /// <summary>A provider at the fake, a chat model it serves and the AI agent <see cref="Agent"/> with that one model, all through the API.</summary>
    private static async Task SetUpAsync(HttpDriver driver, Uri provider)
    {
        await driver.PostAsync("/api/v1/ai/providers", new
        {
            key = "bench", name = "Bench fake", kind = "openai_compatible", baseUrl = provider.AbsoluteUri, apiKey = "sk-bench-provider", timeoutSeconds = 10,
        });
        await driver.PostAsync("/api/v1/ai/models", new
        {
            key = "bench", kind = "openai_compatible", provider = "bench", providerModel = ProviderModel, purpose = "chat", contextWindow = 8192,
            inputPrice = 1m, outputPrice = 2m,
        });
        await driver.PostAsync("/api/v1/agents", new { key = Agent, name = "Gateway", kind = "ai" });
        await driver.PostAsync("/api/v1/ai/agents", new { agent = Agent, models = new[] { "bench" } });
    }

    private static HttpClient Client(Uri baseUrl, string bearer)
    {
        var client = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", bearer);
        return client;
    }

    private static byte[] Body(string model, bool stream) => JsonSerializer.SerializeToUtf8Bytes(stream
        ? new { model, messages = new[] { new { role = "user", content = Question } }, stream, stream_options = new { include_usage = true } }
        : (object)new { model, messages = new[] { new { role = "user", content = Question } } });

    /// <summary>Sends one request and reads its answer to the last byte; the time, and the answer once checked.</summary>
    private static async Task<(double Ms, string Body)> SendAsync(HttpClient client, byte[] body, bool stream)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        var started = Stopwatch.GetTimestamp();
        // The default completion option reads the whole body (a stream to its end) before it returns.
        using var response = await client.PostAsync(new Uri("chat/completions", UriKind.Relative), content);
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var text = await response.Content.ReadAsStringAsync();
        var answered = stream
            ? text.Contains("ships ", StringComparison.Ordinal) && text.EndsWith("data: [DONE]\n\n", StringComparison.Ordinal) && !text.Contains("\"error\"", StringComparison.Ordinal)
            : text.Contains(FakeOpenAIProvider.Answer, StringComparison.Ordinal);
        if (!response.IsSuccessStatusCode || !answered)
            throw new InvalidOperationException($"POST {client.BaseAddress}chat/completions answered {(int)response.StatusCode}: {text}");
        return (ms, text);
    }

    private static long RunOf(string answer) =>
        RunId().Match(answer) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"No run id in the answer: {answer}");

    [GeneratedRegex("chatcmpl-weft-([0-9]+)")]
    private static partial Regex RunId();

    private sealed record RecordedRun(double CallMs, double SpanMs);

    /// <summary>The runs of these ids as the host recorded them (newest first, a page at a time, until all are found).</summary>
    private static async Task<List<RecordedRun>> RunsAsync(HttpDriver driver, IReadOnlyCollection<long> ids)
    {
        var wanted = ids.ToHashSet();
        var found = new List<RecordedRun>(ids.Count);
        string? cursor = null;
        do
        {
            using var page = JsonDocument.Parse(await driver.GetAsync($"/api/v1/ai/runs?agent={Agent}&limit=500" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))));
            foreach (var run in page.RootElement.GetProperty("items").EnumerateArray())
            {
                if (!wanted.Remove(run.GetProperty("id").GetInt64())) continue;
                if (run.GetProperty("state").GetString() != "answered") throw new InvalidOperationException($"A run is {run.GetProperty("state")}: {run}");
                var span = run.GetProperty("endedAt").GetDateTime() - run.GetProperty("startedAt").GetDateTime();
                found.Add(new RecordedRun(run.GetProperty("calls")[0].GetProperty("durationMs").GetDouble(), span.TotalMilliseconds));
            }
            cursor = page.RootElement.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (cursor is not null && wanted.Count > 0);
        if (wanted.Count > 0) throw new InvalidOperationException($"{wanted.Count} runs were not found.");
        return found;
    }

    internal static double Percentile(List<double> sorted, double p)
    {
        var rank = p * (sorted.Count - 1);
        var lo = (int)Math.Floor(rank);
        var hi = (int)Math.Ceiling(rank);
        return sorted[lo] + ((sorted[hi] - sorted[lo]) * (rank - lo));
    }
}
