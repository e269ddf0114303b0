using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Weft.Bench;

/// <summary>
/// Customers chatting through the support widget's WebSocket to an agent's live screen. Through the host's public API (its
/// own process, as for HTTP): <c>--conversations</c> chats started as the widget starts them (no sign-in, the bootstrap
/// tenant's key), one widget WebSocket per chat, and one staff WebSocket on the team's live feed (an API key with
/// <c>support:read</c>) standing for the agent's screen. Then customer messages go out over the widget sockets at a steady
/// <c>--rate</c>, round robin over the chats, first for a warm-up and then for the measured time; each carries its own
/// client id. For each message: the time from its send to its arrival on the staff socket (the delivery), to its ack and
/// to its echo on its own widget socket. No AI agent is registered, so each chat's first turn hands over to people; the
/// host's engine and its automation run as they always do.
/// </summary>
internal static class SupportLiveChat
{
    public const string Tenant = "default";
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(60);
    private const int SetupParallelism = 8;
    private const string Prefix = "bench-";
    private const int MaxStartAttempts = 10;

    /// <summary>Percentiles of a set of times, ms.</summary>
    public sealed record Times(int Count, double P50, double P95, double P99, double Max, double Mean)
    {
        public static Times Of(IReadOnlyCollection<double> values)
        {
            if (values.Count == 0) return new Times(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
            var sorted = values.Order().ToList();
            return new Times(sorted.Count, At(0.50), At(0.95), At(0.99), sorted[^1], sorted.Average());

            double At(double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
        }
    }

    public sealed record Figures(int Conversations, int OfferedRate, double Seconds, double SetupSeconds, int WarmupSent, int Sent, double AchievedPerSecond,
        int Lost, int LostInWarmup, int NotAcked, int Refused, Times Delivery, Times Ack, Times Echo, Times SendLag, double HostCpuMs, double BenchCpuMs,
        string FirstChat, string? StaffClosed, int FailedStarts, string? FailedStart, int ClosedSockets, int SendFailures, string? HostNote);

    public static async Task<Figures> MeasureAsync(HttpDriver driver, int conversations, int rate, TimeSpan duration)
    {
        var setup = Stopwatch.StartNew();
        var staffKey = await driver.CreateKeyAsync(new { name = "bench agent screen", scopes = new[] { "support:read" } });
        var warmupCount = (int)(rate * Warmup.TotalSeconds);
        var total = warmupCount + (int)(rate * duration.TotalSeconds);
        var book = new Book(total);

        using var visitor = new HttpClient { BaseAddress = driver.Address, Timeout = StepTimeout };
        var chats = new Chat[conversations];
        var failedStarts = 0;
        string? failedStart = null;
        await Parallel.ForAsync(0, conversations, new ParallelOptions { MaxDegreeOfParallelism = SetupParallelism }, async (i, ct) =>
        {
            string text;
            for (var attempt = 1; ; attempt++)
            {
                using var content = new StringContent(JsonSerializer.Serialize(new { name = $"Customer {i}", message = $"Hello, this is chat {i}.", clientId = $"start-{i}" }),
                    Encoding.UTF8, "application/json");
                using var response = await visitor.PostAsync(new Uri($"/api/v1/support/widget/{Tenant}/conversations", UriKind.Relative), content, ct);
                text = await response.Content.ReadAsStringAsync(ct);
                if (response.IsSuccessStatusCode) break;
                // Concurrent starts can exhaust the host's retries (each start numbers its chat one above the highest): counted, tried again.
                if ((int)response.StatusCode != 500 || attempt == MaxStartAttempts)
                    throw new InvalidOperationException($"Starting chat {i} answered {(int)response.StatusCode}: {text}\nThe host's last output:\n{driver.HostOutput}");
                Interlocked.Increment(ref failedStarts);
                failedStart ??= FirstLine(driver.HostOutput);
            }
            using var started = JsonDocument.Parse(text);
            chats[i] = new Chat(started.RootElement.GetProperty("conversation").GetInt64(), started.RootElement.GetProperty("token").GetString()!,
                started.RootElement.GetProperty("messages")[0].GetProperty("id").GetInt64());
        });

        using var stop = new CancellationTokenSource();
        var ws = new UriBuilder(driver.Address) { Scheme = "ws" }.Uri;
        using var staff = new ClientWebSocket();
        staff.Options.SetRequestHeader("Authorization", "ApiKey " + staffKey);
        using (var connecting = new CancellationTokenSource(StepTimeout)) await staff.ConnectAsync(new Uri(ws, "/api/v1/support/live"), connecting.Token);
        string? staffClosed = null;
        var staffReady = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var staffReading = ReadAsync(staff, frame =>
        {
            var type = frame.GetProperty("type").GetString();
            if (type == "ready") staffReady.TrySetResult();
            else if (type == "message" && SeqOf(frame) is { } seq) book.Arrived(book.Delivered, seq);
        }, reason => staffClosed = reason, stop.Token);

        await Parallel.ForAsync(0, conversations, new ParallelOptions { MaxDegreeOfParallelism = SetupParallelism }, async (i, ct) =>
        {
            var chat = chats[i];
            using var connecting = new CancellationTokenSource(StepTimeout);
            await chat.Socket.ConnectAsync(new Uri(ws, $"/api/v1/support/widget/{Tenant}/conversations/{chat.Id}/live?token={Uri.EscapeDataString(chat.Token)}&after={chat.First}"),
                connecting.Token);
            chat.Reading = ReadAsync(chat.Socket, frame =>
            {
                switch (frame.GetProperty("type").GetString())
                {
                    case "ready":
                        chat.Ready.TrySetResult();
                        break;
                    case "ack" when frame.TryGetProperty("clientId", out var id) && Seq(id.GetString()) is { } seq:
                        book.Arrived(book.Acked, seq);
                        break;
                    case "message" when SeqOf(frame) is { } seq:
                        book.Arrived(book.Echoed, seq);
                        break;
                    case "error":
                        Interlocked.Increment(ref book.Refused);
                        break;
                }
            }, reason => chat.Closed = reason, stop.Token);
        });
        await WithTimeout(Task.WhenAll(chats.Select(c => c.Ready.Task).Append(staffReady.Task)), "the widgets' and the staff screen's ready frames");
        using var reader = new HttpClient { BaseAddress = driver.Address, Timeout = StepTimeout };
        reader.DefaultRequestHeaders.Authorization = new("ApiKey", staffKey);
        // The chats' first turns (triage, then handover to people: no AI agent) run on the host's automation; let them finish.
        await Measure.UntilQuietAsync(driver.CpuTime);
        var firstChat = await FirstChatAsync(reader, chats[0].Id);
        var setupSeconds = setup.Elapsed.TotalSeconds;

        // Sends at a steady rate, each without waiting for the previous: a slow answer does not slow the offered load.
        var hostBefore = (await driver.HostTimesAsync())!.Cpu;
        var benchBefore = ProcessorTime.OfThisProcess();
        var clock = Stopwatch.StartNew();
        var sends = new List<Task>(total);
        for (var seq = 0; seq < total; seq++)
        {
            var due = TimeSpan.FromSeconds(seq / (double)rate);
            if (due - clock.Elapsed is { TotalMilliseconds: > 1 } wait) await Task.Delay(wait);
            sends.Add(SendAsync(chats[seq % conversations], seq, book, Stopwatch.GetTimestamp() - (long)((clock.Elapsed - due).TotalSeconds * Stopwatch.Frequency), stop.Token));
        }
        await WithTimeout(Task.WhenAll(sends), "the sends");
        // Until everything arrived on the staff screen (and its widget), or the drain's time is up: what is missing then is lost.
        var drained = Stopwatch.StartNew();
        while (drained.Elapsed < Drain && !book.AllArrived) await Task.Delay(50);
        var lastArrival = book.LastMeasuredArrival(warmupCount);
        var measuredSpan = Stopwatch.GetElapsedTime(book.SentAt[warmupCount], Math.Max(lastArrival, book.SentAt[total - 1]));
        var hostCpu = (await driver.HostTimesAsync())!.Cpu - hostBefore;
        var benchCpu = ProcessorTime.OfThisProcess() - benchBefore;

        var hostNote = staffClosed is not null || chats.Any(c => c.Closed is not null) ? FirstLine(driver.HostOutput) : null;
        await stop.CancelAsync();
        await CloseAsync(staff);
        await Task.WhenAll(chats.Select(c => CloseAsync(c.Socket)));
        await WithTimeout(Task.WhenAll(chats.Select(c => c.Reading ?? Task.CompletedTask).Append(staffReading)), "the sockets' readers");
        foreach (var chat in chats) chat.Socket.Dispose();

        var measured = Enumerable.Range(warmupCount, total - warmupCount).ToList();
        var figures = new Figures(conversations, rate, duration.TotalSeconds, setupSeconds, warmupCount, total - warmupCount,
            measured.Count(s => book.Delivered[s] != 0) / measuredSpan.TotalSeconds,
            measured.Count(s => book.Delivered[s] == 0), Enumerable.Range(0, warmupCount).Count(s => book.Delivered[s] == 0),
            measured.Count(s => book.Acked[s] == 0), book.Refused,
            book.TimesTo(book.Delivered, measured), book.TimesTo(book.Acked, measured), book.TimesTo(book.Echoed, measured),
            Times.Of([.. measured.Select(s => book.Lag[s] * 1000.0 / Stopwatch.Frequency)]),
            hostCpu.TotalMilliseconds / total, benchCpu.TotalMilliseconds / total, firstChat,
            staffClosed ?? chats.Select(c => c.Closed).FirstOrDefault(c => c is not null), failedStarts, failedStart,
            chats.Count(c => c.Closed is not null) + (staffClosed is null ? 0 : 1), book.SendFailures, hostNote);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  support-live: {figures.Sent:N0} messages over {conversations} chats at {rate}/s offered: {figures.AchievedPerSecond:N1}/s delivered, " +
            $"p50 {figures.Delivery.P50:0.0} p99 {figures.Delivery.P99:0.0} max {figures.Delivery.Max:0.0} ms, lost {figures.Lost}"));
        return figures;
    }

    public static void Print(Figures? f)
    {
        if (f is null) return;
        var i = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine(string.Create(i, $"support chat, live: {f.Conversations} open widget chats (each its own WebSocket) and one staff live feed (the agent's screen), " +
            $"customer messages at {f.OfferedRate}/s offered, round robin, for {f.Seconds:0} s after {f.WarmupSent:N0} to warm up"));
        Console.WriteLine("no AI agent: each chat's first turn is triaged and handed to people by the host's engine and automation, which run as usual");
        Console.WriteLine(string.Create(i, $"  first chat after setup: {f.FirstChat}; setup (starts, sockets, until the host was idle) {f.SetupSeconds:0.0} s"));
        Console.WriteLine(string.Create(i, $"{"",-52}{"n",8}{"p50",10}{"p95",10}{"p99",10}{"max",10}{"mean",10}"));
        Row("send → staff screen (delivery)", f.Delivery);
        Row("send → ack on its widget", f.Ack);
        Row("send → echo on its widget", f.Echo);
        Row("send lag behind the schedule (client)", f.SendLag);
        Console.WriteLine(string.Create(i, $"{"messages sent / delivered per second",-52}{f.Sent,8:N0}{f.AchievedPerSecond,10:N1}"));
        Console.WriteLine(string.Create(i, $"{"lost (never on the staff screen within 30 s)",-52}{f.Lost,8}  (warm-up: {f.LostInWarmup}; not acked: {f.NotAcked}; refused: {f.Refused})"));
        Console.WriteLine(string.Create(i, $"{"processor time per message, host / bench (ms)",-52}{"",8}{f.HostCpuMs,10:0.00}{f.BenchCpuMs,10:0.00}"));
        if (f.FailedStarts > 0)
            Console.WriteLine($"  starts answered 500 and were sent again: {f.FailedStarts} (the host's log: {f.FailedStart})");
        if (f.StaffClosed is not null)
            Console.WriteLine($"  sockets closed before the end: {f.ClosedSockets} (sends that failed on them: {f.SendFailures}); the first: {f.StaffClosed}; the host's log: {f.HostNote}");

        void Row(string label, Times t) => Console.WriteLine(string.Create(i,
            $"{label,-52}{t.Count,8:N0}{t.P50,10:0.0}{t.P95,10:0.0}{t.P99,10:0.0}{t.Max,10:0.0}{t.Mean,10:0.0}"));
    }

    private static async Task SendAsync(Chat chat, int seq, Book book, long scheduled, CancellationToken ct)
    {
        var frame = JsonSerializer.SerializeToUtf8Bytes(new { type = "message", body = $"Bench message {seq}: where is my order?", clientId = Prefix + seq.ToString(CultureInfo.InvariantCulture) });
        await chat.Sending.WaitAsync(ct);
        try
        {
            var now = Stopwatch.GetTimestamp();
            book.SentAt[seq] = now;
            book.Lag[seq] = Math.Max(0, now - scheduled);
            await chat.Socket.SendAsync(frame, WebSocketMessageType.Text, true, ct);
        }
        catch (WebSocketException)
        {
            // Its socket went away (the reader says why): the message counts as lost.
            Interlocked.Increment(ref book.SendFailures);
        }
        finally
        {
            chat.Sending.Release();
        }
    }

    /// <summary>Reads a socket's frames until it closes or the run stops, handing each (as JSON) to <paramref name="onFrame"/>.</summary>
    private static async Task ReadAsync(ClientWebSocket socket, Action<JsonElement> onFrame, Action<string> onClosed, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                    result = await socket.ReceiveAsync(buffer.AsMemory(length), ct);
                    length += result.Count;
                } while (!result.EndOfMessage);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (!ct.IsCancellationRequested) onClosed($"{socket.CloseStatus} {socket.CloseStatusDescription}");
                    return;
                }
                try
                {
                    using var frame = JsonDocument.Parse(buffer.AsMemory(0, length));
                    onFrame(frame.RootElement);
                }
                catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
                {
                    onClosed("a frame the bench could not read: " + Encoding.UTF8.GetString(buffer, 0, Math.Min(length, 200)));
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            if (!ct.IsCancellationRequested) onClosed(e.Message);
        }
    }

    private static async Task CloseAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            if (socket.State == WebSocketState.Open) await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bench over", timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
        if (socket.State is not (WebSocketState.Closed or WebSocketState.Aborted)) socket.Abort();
    }

    private static async Task WithTimeout(Task task, string what)
    {
        if (await Task.WhenAny(task, Task.Delay(StepTimeout)) != task) throw new TimeoutException($"Waited {StepTimeout.TotalSeconds} s for {what}.");
        await task;
    }

    private static async Task<string> FirstChatAsync(HttpClient reader, long id)
    {
        using var detail = JsonDocument.Parse(await reader.GetStringAsync(new Uri($"/api/v1/support/conversations/{id}", UriKind.Relative)));
        var c = detail.RootElement.GetProperty("conversation");
        string Text(string name) => c.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "-";
        return $"status {Text("status")}, handover reason \"{Text("handoverReason")}\", intent {Text("intent")}";
    }

    /// <summary>The most telling line of the host's recent output (its last 40): a constraint's name, an exception's, else the last line.</summary>
    private static string FirstLine(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return lines.FirstOrDefault(l => l.StartsWith("ConstraintName:", StringComparison.Ordinal)) is { } constraint
            ? "a unique index hit, " + constraint
            : lines.FirstOrDefault(l => l.Contains("Exception:", StringComparison.Ordinal)) ?? lines.LastOrDefault() ?? "";
    }

    private static int? SeqOf(JsonElement frame) =>
        frame.TryGetProperty("message", out var m) && m.TryGetProperty("clientId", out var id) && id.ValueKind == JsonValueKind.String ? Seq(id.GetString()) : null;

    private static int? Seq(string? clientId) =>
        clientId is not null && clientId.StartsWith(Prefix, StringComparison.Ordinal) && int.TryParse(clientId.AsSpan(Prefix.Length), CultureInfo.InvariantCulture, out var seq) ? seq : null;

    private sealed class Chat(long id, string token, long first)
    {
        public long Id => id;
        public string Token => token;
        public long First => first;
        public ClientWebSocket Socket { get; } = new();
        public SemaphoreSlim Sending { get; } = new(1, 1);
        public TaskCompletionSource Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Task? Reading { get; set; }
        public string? Closed { get; set; }
    }

    /// <summary>When each message was sent and first seen where it goes (stopwatch ticks, 0 while not yet).</summary>
    private sealed class Book(int total)
    {
        public readonly long[] SentAt = new long[total], Lag = new long[total], Delivered = new long[total], Acked = new long[total], Echoed = new long[total];
        public int Refused, SendFailures;
        private int delivered, acked, echoed;

        public bool AllArrived => Volatile.Read(ref delivered) == SentAt.Length && Volatile.Read(ref acked) == SentAt.Length && Volatile.Read(ref echoed) == SentAt.Length;

        public void Arrived(long[] at, int seq)
        {
            if (seq < 0 || seq >= at.Length || Interlocked.CompareExchange(ref at[seq], Stopwatch.GetTimestamp(), 0) != 0) return;
            if (at == Delivered) Interlocked.Increment(ref delivered);
            else if (at == Acked) Interlocked.Increment(ref acked);
            else Interlocked.Increment(ref echoed);
        }

        public long LastMeasuredArrival(int from) => Delivered.Skip(from).DefaultIfEmpty(0).Max();

        public Times TimesTo(long[] at, IEnumerable<int> seqs) =>
            Times.Of([.. seqs.Where(s => at[s] != 0 && SentAt[s] != 0).Select(s => (at[s] - SentAt[s]) * 1000.0 / Stopwatch.Frequency)]);
    }
}
