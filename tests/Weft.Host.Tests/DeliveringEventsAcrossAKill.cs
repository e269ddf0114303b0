using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Npgsql;
using Weft.Host.Tests.Infrastructure;
using Weft.Identity.Audit;
using Weft.Platform.Audit;
using Weft.Platform.Events;
using Weft.Testing;
using Xunit.Abstractions;

namespace Weft.Host.Tests;

/// <summary>
/// The engine publishes an audit event with every agent change, and the identity module records it in its trail.
/// Host A commits changes with delivery switched off and is killed with SIGKILL under load, so its events wait in the
/// outbox; hosts B1 and B2 deliver them while they take more changes and are each killed in the middle of that; host C
/// handles the rest. Read from the database: every audit event was recorded exactly once, none was parked, and every
/// acknowledged change has its event.
/// </summary>
public sealed class DeliveringEventsAcrossAKill(ITestOutputHelper log)
{
    private const int Workers = 4;
    private const int AcknowledgedOnA = 150;
    private const int AcknowledgedOnBBeforeKill = 40;
    private const int PendingAtKillOfB = 3;
    private const int DeliveringKills = 2;
    private const long Tenant = 1;
    private static readonly TimeSpan LoadDeadline = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan DeliveryDeadline = TimeSpan.FromMinutes(3);
    private static readonly string AuditEvent = IntegrationEventRegistry.NameOf(typeof(AuditRecorded));
    private static readonly string AuditHandler = typeof(AuditRecordedHandler).FullName!;

    private static readonly Dictionary<string, string> DeliveryOff = new() { ["Weft__Events__Enabled"] = "false" };

    private static readonly Dictionary<string, string> DeliveryOn = new()
    {
        ["Weft__Events__Enabled"] = "true",
        ["Weft__Events__PollMilliseconds"] = "50",
    };

    private sealed record Patch(string Agent, int Sequence, string Host);

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_event_published_by_one_module_is_handled_by_another_exactly_once_in_effect_also_when_the_host_is_killed(string provider)
    {
        var output = new ConcurrentQueue<string>();
        await using var database = await TestDatabases.CreateAsync(provider);
        var tables = new Tables(database);
        var agents = Enumerable.Range(1, Workers).Select(w => $"courier-{w}").ToArray();
        var sent = agents.ToDictionary(a => a, _ => 0);
        var acknowledged = new List<Patch>();
        // Snapshots of the tables taken while events were delivered in which audit rows and delivered marks differ in number.
        var torn = new List<Progress>();
        var reads = 0;
        ChildHost? host = null;
        try
        {
            // Host A: commits changes and their events, handles none of them.
            host = await ChildHost.StartAsync(database, output, settings: DeliveryOff);
            var adminKey = host.AdminKey;
            foreach (var agent in agents)
                await OkAsync(host.Client, HttpMethod.Post, "/api/v1/agents", new { key = agent, name = Name(agent, 0), kind = "service" });
            var onA = new Patching(host, agents, sent, "A");
            await onA.RunUntilKilledAsync(p => Task.FromResult(p.Acknowledged.Count >= AcknowledgedOnA && p.InFlight > 0), TimeSpan.FromMilliseconds(5));
            acknowledged.AddRange(onA.Acknowledged);
            var afterA = await tables.ProgressAsync();
            log.WriteLine($"Killed A (pid {host.ProcessId}) after {onA.Acknowledged.Count} acknowledged PATCHes, {onA.InFlightAtKill} in flight; " +
                $"{await tables.AuditMessagesAsync()} audit events in the outbox; {afterA}.");
            onA.Failures.ShouldBeEmpty();
            onA.Acknowledged.Count.ShouldBeGreaterThanOrEqualTo(AcknowledgedOnA);
            await host.DisposeAsync();
            host = null;

            // Every event A committed is still waiting: the kill fell between the commits and their handling.
            afterA.Delivered.ShouldBe(0);
            afterA.Recorded.ShouldBe(0);
            afterA.Pending.ShouldBeGreaterThanOrEqualTo(onA.Acknowledged.Count + agents.Length);
            afterA.Pending.ShouldBe(await tables.AuditMessagesAsync());

            // Hosts B1, B2 …: each delivers the backlog while it takes more changes, and is killed with events still waiting
            // the moment it is seen to have handled one more: a handler's change and its delivery mark committed apart
            // would be cut in two there.
            for (var round = 1; round <= DeliveringKills; round++)
            {
                var label = $"B{round}";
                var before = await tables.ProgressAsync();
                host = await ChildHost.StartAsync(database, output, adminKey, DeliveryOn);
                var onB = new Patching(host, agents, sent, label);
                Progress? armed = null;
                Progress? atKill = null;
                await onB.RunUntilKilledAsync(async p =>
                {
                    var now = await tables.ProgressAsync();
                    reads++;
                    if (now.Recorded != now.Delivered) torn.Add(now);
                    if (p.Acknowledged.Count < AcknowledgedOnBBeforeKill || now.Pending < PendingAtKillOfB) armed = null;
                    else if (armed is null) armed = now;
                    else if (now.Delivered != armed.Delivered || now.Recorded != armed.Recorded) atKill = now;
                    return atKill is not null;
                }, TimeSpan.FromMilliseconds(1));
                acknowledged.AddRange(onB.Acknowledged);
                var afterB = await tables.ProgressAsync();
                log.WriteLine($"Killed {label} (pid {host.ProcessId}) after {onB.Acknowledged.Count} acknowledged PATCHes, {onB.InFlightAtKill} in flight; " +
                    $"before it started {before}; read just before the kill {atKill?.ToString() ?? "(none)"}; after it {afterB}.");
                onB.Failures.ShouldBeEmpty();
                await host.DisposeAsync();
                host = null;
                afterB.Delivered.ShouldBeGreaterThan(before.Delivered, $"{label} handled some events before it was killed");
                afterB.Pending.ShouldBeGreaterThan(0, $"{label} was killed with events still waiting");
                afterB.Recorded.ShouldBe(afterB.Delivered, "an audit row exists exactly for each event marked delivered");
            }

            // Host C: handles what is left.
            host = await ChildHost.StartAsync(database, output, adminKey, DeliveryOn);
            var deadline = DateTime.UtcNow + DeliveryDeadline;
            var left = await tables.ProgressAsync();
            while (left.Pending > 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
                left = await tables.ProgressAsync();
                reads++;
                if (left.Recorded != left.Delivered) torn.Add(left);
            }
            left.Pending.ShouldBe(0, $"C did not handle every waiting event within {DeliveryDeadline.TotalMinutes} minutes: {left}");
            var finalNames = new Dictionary<string, string>();
            foreach (var agent in agents)
                finalNames[agent] = (await OkAsync(host.Client, HttpMethod.Get, $"/api/v1/agents/{agent}"))["name"]!.GetValue<string>();
            await host.DisposeAsync();
            host = null;

            // Every audit event was recorded exactly once, as what it said, and nothing was recorded twice or from nowhere.
            var messages = await tables.AuditMessagesAsync();
            var final = await tables.ProgressAsync();
            log.WriteLine($"After C: {messages} audit events; {final}; {acknowledged.Count} PATCHes acknowledged in all (" +
                string.Join(", ", acknowledged.GroupBy(p => p.Host).Select(g => $"{g.Count()} on {g.Key}")) + ").");
            final.ShouldBe(new Progress(0, messages, 0, messages));
            (await tables.CountAsync($"SELECT count(*) FROM platform_event_deliveries WHERE state <> '{DeliveryStates.Delivered}'")).ShouldBe(0);
            (await tables.CountAsync($"""
                SELECT count(*) FROM platform_outbox o WHERE o.type = '{AuditEvent}'
                AND (SELECT count(*) FROM identity_audit a WHERE a.source_message_id = o.id) <> 1
                """)).ShouldBe(0, "audit events without exactly one audit row");
            (await tables.CountAsync("""
                SELECT count(*) FROM (SELECT source_message_id FROM identity_audit WHERE source_message_id IS NOT NULL
                GROUP BY source_message_id HAVING count(*) > 1) duplicated
                """)).ShouldBe(0, "audit rows recorded twice");
            (await tables.CountAsync($"""
                SELECT count(*) FROM identity_audit a WHERE a.source_message_id IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM platform_outbox o WHERE o.id = a.source_message_id AND o.type = '{AuditEvent}')
                """)).ShouldBe(0, "audit rows from no audit event");
            (await tables.CountAsync($"""
                SELECT count(*) FROM platform_outbox o WHERE o.type = '{AuditEvent}'
                AND (SELECT count(*) FROM platform_event_deliveries d WHERE d.message_id = o.id AND d.handler = '{AuditHandler}') <> 1
                """)).ShouldBe(0, "audit events without exactly one delivery to the audit trail");
            var rows = await tables.RecordedRowsAsync();
            foreach (var row in rows)
            {
                var payload = JsonNode.Parse(row.Payload)!;
                row.Type.ShouldBe(payload["type"]!.GetValue<string>(), $"audit row of event {row.MessageId}");
                row.Data.ShouldBe(payload["dataJson"]?.GetValue<string>(), $"audit row of event {row.MessageId}");
            }

            // Every acknowledged change has its event among them, and the change itself is there.
            var updates = rows.Where(r => r.Type == "agent_updated").ToList();
            updates.Count.ShouldBeGreaterThanOrEqualTo(acknowledged.Count);
            rows.Count(r => r.Type == "agent_registered").ShouldBe(agents.Length);
            var updatesByAgent = updates.GroupBy(r => JsonNode.Parse(r.Data!)!["agent"]!.GetValue<string>()).ToDictionary(g => g.Key, g => g.Count());
            foreach (var agent in agents)
            {
                var mine = acknowledged.Where(p => p.Agent == agent).ToList();
                log.WriteLine($"{agent}: {mine.Count} PATCHes acknowledged, {sent[agent]} sent, {updatesByAgent.GetValueOrDefault(agent)} agent_updated rows, " +
                    $"final name '{finalNames[agent]}'.");
                updatesByAgent.GetValueOrDefault(agent).ShouldBeGreaterThanOrEqualTo(mine.Count, $"{agent}'s acknowledged changes each have an audit row");
                updatesByAgent.GetValueOrDefault(agent).ShouldBeLessThanOrEqualTo(sent[agent], $"{agent} has no more audit rows than changes sent");
                // The name written last is the last acknowledged one, or one sent after it whose answer the kill cut off.
                var last = mine.Count == 0 ? 0 : mine.Max(p => p.Sequence);
                finalNames[agent].ShouldBeOneOf(Enumerable.Range(last, sent[agent] - last + 1).Select(n => Name(agent, n)).ToArray());
            }

            // And at no moment while events were delivered was a handler's row seen without its delivery mark, or the reverse.
            log.WriteLine($"{reads} reads of the tables while events were delivered, {torn.Count} of them out of step.");
            torn.Count.ShouldBe(0, $"reads with audit rows and delivered marks out of step, e.g. {string.Join("; ", torn.Take(3))}");
        }
        catch
        {
            foreach (var line in output) log.WriteLine(line);
            throw;
        }
        finally
        {
            if (host is not null) await host.DisposeAsync();
        }
    }

    private static string Name(string agent, int sequence) => $"{agent} #{sequence}";

    /// <summary>One worker per agent renames it again and again until the host is killed, when a condition on the load says so.</summary>
    private sealed class Patching(ChildHost host, string[] agents, Dictionary<string, int> sent, string label)
    {
        private int inFlight;
        private int killed;

        public ConcurrentQueue<Patch> Acknowledged { get; } = [];
        public ConcurrentBag<string> Failures { get; } = [];
        public int InFlight => Volatile.Read(ref inFlight);
        public int InFlightAtKill { get; private set; }
        private bool Killed => Volatile.Read(ref killed) == 1;

        public async Task RunUntilKilledAsync(Func<Patching, Task<bool>> killWhen, TimeSpan pause)
        {
            var loops = agents.Select(a => Task.Run(() => RenameAsync(a, sent[a]))).ToList();
            var deadline = DateTime.UtcNow + LoadDeadline;
            try
            {
                while (!await killWhen(this))
                {
                    if (DateTime.UtcNow > deadline || loops.All(l => l.IsCompleted))
                    {
                        Failures.Add($"Host {label} was not killed: {Acknowledged.Count} PATCHes acknowledged before the load stopped.");
                        break;
                    }
                    if (pause > TimeSpan.Zero) await Task.Delay(pause);
                    else await Task.Yield();
                }
            }
            finally
            {
                InFlightAtKill = InFlight;
                Interlocked.Exchange(ref killed, 1);
                await host.KillAsync();
            }
            var all = Task.WhenAll(loops);
            if (await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(90))) != all)
                Failures.Add($"The PATCH loops on host {label} did not stop after the kill.");
            foreach (var (agent, last) in await all) sent[agent] = last;
        }

        /// <summary>Returns the sequence number of the last name sent.</summary>
        private async Task<(string Agent, int Last)> RenameAsync(string agent, int last)
        {
            try
            {
                while (!Killed)
                {
                    var sequence = last + 1;
                    last = sequence;
                    Interlocked.Increment(ref inFlight);
                    (HttpStatusCode Status, string Body) answer;
                    try
                    {
                        answer = await SendAsync(host.Client, HttpMethod.Patch, $"/api/v1/agents/{agent}", new { name = Name(agent, sequence) });
                    }
                    finally
                    {
                        Interlocked.Decrement(ref inFlight);
                    }
                    if (answer.Status != HttpStatusCode.OK)
                    {
                        Failures.Add($"PATCH {agent} #{sequence} on host {label} answered {(int)answer.Status}: {answer.Body}");
                        return (agent, last);
                    }
                    Acknowledged.Enqueue(new Patch(agent, sequence, label));
                }
            }
            catch (Exception e) when (!Killed)
            {
                Failures.Add($"PATCH worker for {agent} on host {label}: {e}");
            }
            catch (Exception)
            {
                // The kill cut the request short; it was not acknowledged.
            }
            return (agent, last);
        }
    }

    private sealed record Progress(int Pending, int Delivered, int Parked, int Recorded)
    {
        public override string ToString() =>
            $"audit trail deliveries {Pending} pending, {Delivered} delivered, {Parked} parked; {Recorded} audit rows recorded from events";
    }

    private sealed record RecordedRow(long MessageId, string Type, string? Data, string Payload);

    /// <summary>Reads the tables straight from the database, as tenant 1 (row-level security covers identity_audit on PostgreSQL).</summary>
    private sealed class Tables(TestDatabase database)
    {
        /// <summary>One statement, so one consistent snapshot of the deliveries and the audit rows.</summary>
        public async Task<Progress> ProgressAsync()
        {
            string Deliveries(string state) =>
                $"(SELECT count(*) FROM platform_event_deliveries WHERE handler = '{AuditHandler}' AND state = '{state}')";
            await using var connection = await OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Deliveries(DeliveryStates.Pending)}, {Deliveries(DeliveryStates.Delivered)}, {Deliveries(DeliveryStates.Parked)}, " +
                "(SELECT count(*) FROM identity_audit WHERE source_message_id IS NOT NULL)";
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            int At(int i) => Convert.ToInt32(reader.GetValue(i), CultureInfo.InvariantCulture);
            return new Progress(At(0), At(1), At(2), At(3));
        }

        public Task<int> AuditMessagesAsync() => CountAsync($"SELECT count(*) FROM platform_outbox WHERE type = '{AuditEvent}'");

        public async Task<List<RecordedRow>> RecordedRowsAsync()
        {
            var rows = new List<RecordedRow>();
            await using var connection = await OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT a.source_message_id, a.type, a.data_json, o.payload FROM identity_audit a " +
                "JOIN platform_outbox o ON o.id = a.source_message_id ORDER BY a.source_message_id";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                rows.Add(new RecordedRow(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3)));
            return rows;
        }

        public async Task<int> CountAsync(string sql)
        {
            await using var connection = await OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }

        private Task<DbConnection> OpenAsync() => RawConnections.OpenAsync(database, Tenant);
    }

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpClient http, HttpMethod method, string url, object? body)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = new StringContent(JsonSerializer.Serialize(body, WeftApi.Json), Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonNode> OkAsync(HttpClient http, HttpMethod method, string url, object? body = null)
    {
        var (status, text) = await SendAsync(http, method, url, body);
        if ((int)status is < 200 or > 299)
            throw new Xunit.Sdk.XunitException($"{method} {url} answered {(int)status}: {text}");
        return JsonNode.Parse(text)!;
    }
}
