using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Weft.Bench;

/// <summary>
/// Bids on one live auction pushed to its watchers. Through the host's public API (its own process): a buyer's reverse
/// auction with two invited suppliers; <c>--watchers</c> SignalR connections to the auction hub (WebSockets, the JSON
/// protocol, each calling <c>Watch</c>; an API key of the operator's staff, who see every bid); then the two bidders
/// alternate bids at <c>--bid-rate</c>, each a full step under the last, for a warm-up and then the measured time. For
/// every accepted bid and every watcher: the time from the bid's request being sent to its arrival on that watcher
/// (the accept, its commit and the push), and from the bid's answer to that arrival; and the bids a watcher never got.
/// </summary>
internal static class AuctionWatchers
{
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(60);
    private const char Separator = '\u001e';
    private const decimal Start = 10_000_000m;

    public sealed record Figures(int Watchers, int BidRate, double Seconds, double SetupSeconds, int Bids, int WarmupBids, double AchievedPerSecond,
        SupportLiveChat.Times SendToWatcher, SupportLiveChat.Times AnswerToWatcher, SupportLiveChat.Times BidAnswer, long Lost, int Repeats, int Refused,
        int ClosedSockets, string? FirstClose, double HostCpuMs, double BenchCpuMs);

    public static async Task<Figures> MeasureAsync(HttpDriver driver, ScratchDatabases databases, Weft.Platform.Persistence.DatabaseOptions database, int watchers,
        int bidRate, TimeSpan duration)
    {
        var setup = Stopwatch.StartNew();
        var staffKey = await driver.CreateKeyAsync(new { name = "bench market", scopes = new[] { "market:write", "admin" } });
        using var staff = Client(driver, "ApiKey " + staffKey);
        var buyerOrg = await IdAsync(staff, "/api/v1/market/organizations", new { key = "bench-buyer", name = "Bench Buyer", kind = "buyer", country = "DE" });
        var sellers = new[]
        {
            await IdAsync(staff, "/api/v1/market/organizations", new { key = "bench-seller-a", name = "Bench Seller A", kind = "supplier", country = "CL" }),
            await IdAsync(staff, "/api/v1/market/organizations", new { key = "bench-seller-b", name = "Bench Seller B", kind = "supplier", country = "AU" }),
        };
        await VerifyAsync(databases, database, sellers);
        var buyer = await MemberAsync(driver, staff, buyerOrg, "buyer_admin", "bench-buyer@bench.test");
        var bidders = new[]
        {
            await MemberAsync(driver, staff, sellers[0], "sales", "bench-a@bench.test"),
            await MemberAsync(driver, staff, sellers[1], "sales", "bench-b@bench.test"),
        };
        var now = DateTime.UtcNow;
        var auction = await IdAsync(buyer, "/api/v1/market/auctions", new
        {
            title = "Bench auction", kind = "reverse", format = "english", material = "lithium carbonate", quantity = 1000, unit = "t", currency = "USD",
            startingPrice = Start, stepAmount = 1, bidderView = "best_price", startsAt = now.AddSeconds(-1), endsAt = now.AddHours(2), participants = sellers,
        });

        var sends = new ConcurrentDictionary<decimal, (long Sent, long Answered)>();
        var arrivals = new ConcurrentBag<(int Watcher, decimal Price, long At)>();
        var closed = 0;
        string? firstClose = null;
        using var stop = new CancellationTokenSource();
        var hub = new Uri(new UriBuilder(driver.Address) { Scheme = "ws" }.Uri, "/hubs/market/auctions");
        var sockets = new ClientWebSocket[watchers];
        var readers = new Task[watchers];
        await Parallel.ForAsync(0, watchers, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var socket = new ClientWebSocket();
            socket.Options.SetRequestHeader("Authorization", "ApiKey " + staffKey);
            using (var connecting = new CancellationTokenSource(StepTimeout)) await socket.ConnectAsync(hub, connecting.Token);
            await SendAsync(socket, """{"protocol":"json","version":1}""");
            var watching = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            readers[i] = ReadAsync(socket, message =>
            {
                var type = message.TryGetProperty("type", out var t) ? t.GetInt32() : 0;
                if (type == 3) watching.TrySetResult();
                else if (type == 1 && message.GetProperty("target").GetString() == "auction")
                {
                    var at = Stopwatch.GetTimestamp();
                    foreach (var bid in message.GetProperty("arguments")[0].GetProperty("bids").EnumerateArray())
                        arrivals.Add((i, bid.GetProperty("price").GetDecimal(), at));
                }
                else if (type == 7) watching.TrySetException(new InvalidOperationException("The hub closed the connection: " + message.GetRawText()));
            }, reason =>
            {
                Interlocked.Increment(ref closed);
                Interlocked.CompareExchange(ref firstClose, reason, null);
                watching.TrySetException(new InvalidOperationException(reason));
            }, stop.Token);
            await SendAsync(socket, $$"""{"type":1,"invocationId":"watch","target":"Watch","arguments":[{{auction}}]}""");
            using var timeout = new CancellationTokenSource(StepTimeout);
            await watching.Task.WaitAsync(timeout.Token);
            sockets[i] = socket;
        });
        setup.Stop();

        var cpuBefore = driver.CpuTime();
        var benchBefore = ProcessorTime.OfThisProcess();
        var price = Start;
        var refused = 0;
        var interval = TimeSpan.FromSeconds(1.0 / bidRate);
        var warmupBids = (int)(Warmup.TotalSeconds * bidRate);
        var total = warmupBids + (int)(duration.TotalSeconds * bidRate);
        var answers = new List<double>();
        var clock = Stopwatch.StartNew();
        var measuredFrom = decimal.MaxValue;
        long measuredStart = 0;
        for (var n = 0; n < total; n++)
        {
            var due = interval * n;
            if (clock.Elapsed < due) await Task.Delay(due - clock.Elapsed);
            if (n == warmupBids)
            {
                measuredFrom = price - 1;
                measuredStart = Stopwatch.GetTimestamp();
            }
            price -= 1;
            var sent = Stopwatch.GetTimestamp();
            sends[price] = (sent, 0);
            using var content = new StringContent(JsonSerializer.Serialize(new { price }), Encoding.UTF8, "application/json");
            using var response = await bidders[n % 2].PostAsync(new Uri($"/api/v1/market/auctions/{auction}/bids", UriKind.Relative), content);
            var answered = Stopwatch.GetTimestamp();
            if (!response.IsSuccessStatusCode)
            {
                refused++;
                sends.TryRemove(price, out _);
                price += 1;
                continue;
            }
            sends[price] = (sent, answered);
            if (n >= warmupBids) answers.Add(Stopwatch.GetElapsedTime(sent, answered).TotalMilliseconds);
        }
        var measuredSeconds = Stopwatch.GetElapsedTime(measuredStart).TotalSeconds;
        var cpu = driver.CpuTime() - cpuBefore;
        var benchCpu = ProcessorTime.OfThisProcess() - benchBefore;
        var expected = sends.Keys.Count(p => p <= measuredFrom);
        await WaitForAsync(() => arrivals.Select(a => (a.Watcher, a.Price)).Where(a => a.Price <= measuredFrom).Distinct().Count() >= (long)expected * watchers, Drain);
        await stop.CancelAsync();
        foreach (var socket in sockets) socket?.Abort();

        var toWatcher = new List<double>();
        var fromAnswer = new List<double>();
        var seen = new HashSet<(int, decimal)>();
        var repeats = 0;
        foreach (var (watcher, arrivedPrice, at) in arrivals)
        {
            if (arrivedPrice > measuredFrom || !sends.TryGetValue(arrivedPrice, out var s)) continue;
            if (!seen.Add((watcher, arrivedPrice)))
            {
                repeats++;
                continue;
            }
            toWatcher.Add(Stopwatch.GetElapsedTime(s.Sent, at).TotalMilliseconds);
            fromAnswer.Add((at - s.Answered) * 1000.0 / Stopwatch.Frequency);
        }
        var lost = (long)expected * watchers - seen.Count;
        return new Figures(watchers, bidRate, measuredSeconds, setup.Elapsed.TotalSeconds, expected, warmupBids, expected / measuredSeconds,
            SupportLiveChat.Times.Of(toWatcher), SupportLiveChat.Times.Of(fromAnswer), SupportLiveChat.Times.Of(answers), lost, repeats, refused, closed, firstClose,
            cpu.TotalMilliseconds / Math.Max(1, expected), benchCpu.TotalMilliseconds / Math.Max(1, expected));
    }

    public static void Print(Figures? f)
    {
        if (f is null) return;
        var i = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine(string.Create(i, $"auction, live: one reverse English auction, {f.Watchers} SignalR watchers (WebSockets, JSON protocol, the operator's staff), " +
            $"two bidders alternating at {f.BidRate}/s offered for {f.Seconds:0} s after {f.WarmupBids} bids to warm up; setup {f.SetupSeconds:0.0} s"));
        Console.WriteLine(string.Create(i, $"{"",-52}{"n",8}{"p50",10}{"p95",10}{"p99",10}{"max",10}{"mean",10}"));
        Row("bid sent → on a watcher (accept, commit, push)", f.SendToWatcher);
        Row("bid answered → on a watcher (push after the answer)", f.AnswerToWatcher);
        Row("bid sent → answered (accepted)", f.BidAnswer);
        Console.WriteLine(string.Create(i, $"{"bids accepted / per second",-52}{f.Bids,8:N0}{f.AchievedPerSecond,10:N1}"));
        Console.WriteLine(string.Create(i, $"{"lost (a watcher never got an accepted bid in 10 s)",-52}{f.Lost,8}  (pushed twice: {f.Repeats}; bids refused: {f.Refused})"));
        Console.WriteLine(string.Create(i, $"{"processor time per bid, host / bench (ms)",-52}{"",8}{f.HostCpuMs,10:0.00}{f.BenchCpuMs,10:0.00}"));
        if (f.ClosedSockets > 0) Console.WriteLine($"  watcher connections closed early: {f.ClosedSockets}; the first: {f.FirstClose}");

        void Row(string label, SupportLiveChat.Times t) => Console.WriteLine(string.Create(i,
            $"{label,-52}{t.Count,8:N0}{t.P50,10:0.0}{t.P95,10:0.0}{t.P99,10:0.0}{t.Max,10:0.0}{t.Mean,10:0.0}"));
    }

    private static HttpClient Client(HttpDriver driver, string authorization)
    {
        var client = new HttpClient { BaseAddress = driver.Address, Timeout = StepTimeout };
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        return client;
    }

    private static async Task<long> IdAsync(HttpClient client, string url, object body)
    {
        using var content = new StringContent(JsonSerializer.Serialize(body, JsonSerializerOptions.Web), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri(url, UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST {url} answered {(int)response.StatusCode}: {text}");
        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("id").GetInt64();
    }

    /// <summary>A user made a member of the organization, signed in: a client calling as them.</summary>
    private static async Task<HttpClient> MemberAsync(HttpDriver driver, HttpClient staff, long organization, string role, string email)
    {
        const string Password = "bench-password-1";
        await IdAsync(staff, "/api/v1/users", new { email, name = email, role = "viewer", password = Password });
        using (var content = new StringContent(JsonSerializer.Serialize(new { email, role }), Encoding.UTF8, "application/json"))
        using (var added = await staff.PostAsync(new Uri($"/api/v1/market/organizations/{organization}/members", UriKind.Relative), content))
            added.EnsureSuccessStatusCode();
        using var anonymous = new HttpClient { BaseAddress = driver.Address, Timeout = StepTimeout };
        using var login = new StringContent(JsonSerializer.Serialize(new { email, password = Password }), Encoding.UTF8, "application/json");
        using var token = await anonymous.PostAsync(new Uri("/api/v1/auth/token", UriKind.Relative), login);
        using var json = JsonDocument.Parse(await token.Content.ReadAsStringAsync());
        return Client(driver, "Bearer " + json.RootElement.GetProperty("accessToken").GetString());
    }

    /// <summary>
    /// Gives the bench's suppliers the verified badge in the database (tenant 1, the bootstrap tenant): the operator's
    /// verification flow is not what this measures.
    /// </summary>
    private static async Task VerifyAsync(ScratchDatabases databases, Weft.Platform.Persistence.DatabaseOptions database, IEnumerable<long> organizations)
    {
        await using var connection = await databases.OpenAsync(database);
        await using var command = connection.CreateCommand();
        command.CommandText = (database.IsPostgres ? "SELECT set_config('weft.tenant_id', '1', false); " : "")
            + "UPDATE market_organizations SET verified = (1 = 1) WHERE id IN (" + string.Join(",", organizations.Select(o => o.ToString(CultureInfo.InvariantCulture))) + ")";
        await command.ExecuteNonQueryAsync();
    }

    private static async Task SendAsync(ClientWebSocket socket, string json) =>
        await socket.SendAsync(Encoding.UTF8.GetBytes(json + Separator), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task ReadAsync(ClientWebSocket socket, Action<JsonElement> onMessage, Action<string> onClosed, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        var pending = new StringBuilder();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, ct);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (!ct.IsCancellationRequested) onClosed($"{socket.CloseStatus} {socket.CloseStatusDescription}");
                    return;
                }
                pending.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
                if (!result.EndOfMessage) continue;
                var text = pending.ToString();
                pending.Clear();
                foreach (var part in text.Split(Separator, StringSplitOptions.RemoveEmptyEntries))
                {
                    using var message = JsonDocument.Parse(part);
                    onMessage(message.RootElement);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            if (!ct.IsCancellationRequested) onClosed(e.Message);
        }
    }

    private static async Task WaitForAsync(Func<bool> done, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (!done() && clock.Elapsed < limit) await Task.Delay(50);
    }
}
