using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Npgsql;
using Weft.Flow.Contracts;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;
using Xunit.Abstractions;

namespace Weft.Host.Tests;

/// <summary>
/// Host A runs a slow automated agent's work item (the built-in delay handler) under a short lease and is killed
/// with SIGKILL while the handler runs; host B, started on the same database, runs the item again once A's lease
/// has expired. The item completes once, under the same execution id, on its second attempt, and the job completes.
/// </summary>
public sealed class RunningAutomatedWorkAcrossAKill(ITestOutputHelper log)
{
    private const long Tenant = 1;
    private const string DelayCapability = "weft-delay";
    private const string Agent = "slow-service";
    // Long enough that A is still running the handler when it is killed; B's run takes as long.
    private const int DelayMs = 30_000;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Weft__Automation__LeaseSeconds"] = "15",
        ["Weft__Automation__PollMilliseconds"] = "200",
    };

    private sealed record Run(long Id, string State, string? LeaseId, DateTime? LeaseUntil, int Attempts);

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Automated_work_interrupted_by_a_kill_is_run_again_after_a_restart_and_completes_once(string provider)
    {
        var output = new ConcurrentQueue<string>();
        await using var database = await TestDatabases.CreateAsync(provider);
        var tables = new Tables(database);
        ChildHost? host = null;
        try
        {
            host = await ChildHost.StartAsync(database, output, settings: Settings);
            var adminKey = host.AdminKey;
            await OkAsync(host.Client, HttpMethod.Post, "/api/v1/graphs", new { key = "slow", name = "Slow software" });
            await OkAsync(host.Client, HttpMethod.Put, "/api/v1/graphs/slow/draft", Fixtures.OneTask(capability: DelayCapability, assignment: "auto"));
            await OkAsync(host.Client, HttpMethod.Post, "/api/v1/graphs/slow/publish");
            await OkAsync(host.Client, HttpMethod.Post, "/api/v1/agents", new
            {
                key = Agent, name = "Slow service", kind = "service", capabilities = new[] { new { name = DelayCapability, level = 1 } }, wipLimit = 5,
            });
            var job = await OkAsync(host.Client, HttpMethod.Post, "/api/v1/jobs",
                new { graph = "slow", quantity = 1, reference = "AUTO-1", data = new { delayMs = DelayMs } });
            var jobId = job["id"]!.GetValue<long>();

            // A claimed the item and its handler is running: a heartbeat has pushed A's lease further out.
            var claimed = await PollAsync("the item is in progress under a lease", async () =>
                await tables.RunAsync(jobId) is { State: WorkItemStates.InProgress, LeaseId: not null, Attempts: 1 } run ? run : null);
            var beaten = await PollAsync("A's handler keeps the lease with a heartbeat", async () =>
                await tables.RunAsync(jobId) is { } run && run.LeaseId == claimed.LeaseId && run.LeaseUntil > claimed.LeaseUntil ? run : null);
            await host.KillAsync();
            log.WriteLine($"Killed A (pid {host.ProcessId}) while it ran item {claimed.Id} under lease {claimed.LeaseId} (until {beaten.LeaseUntil:O}).");
            await host.DisposeAsync();
            host = null;

            // The kill cut the run short: the item is still A's, in progress, and nothing was completed.
            (await tables.RunAsync(jobId)).ShouldBe(beaten);
            (await tables.EventTypesAsync(jobId)).ShouldNotContain(t => t == "work_item_completed" || t == "automation_succeeded"
                || t == "automation_attempt_failed" || t == "automation_result_discarded");

            host = await ChildHost.StartAsync(database, output, adminKey, Settings);
            var http = host.Client;
            await PollAsync("the job completes on B", async () =>
                (await OkAsync(http, HttpMethod.Get, $"/api/v1/jobs/{jobId}"))["state"]!.GetValue<string>() == "completed" ? true : (bool?)null);

            var item = await OkAsync(http, HttpMethod.Get, $"/api/v1/work-items/{claimed.Id}");
            item["state"]!.GetValue<string>().ShouldBe(WorkItemStates.Completed);
            item["agent"]!.GetValue<string>().ShouldBe(Agent);
            // The delay handler records the run that completed: the second attempt, under the item's stable execution id.
            item["result"]!["delayedBy"]!.GetValue<string>().ShouldBe($"wi-{claimed.Id}");
            item["result"]!["delayedAttempt"]!.GetValue<int>().ShouldBe(2);
            var finished = (await tables.RunAsync(jobId)).ShouldNotBeNull();
            (finished.State, finished.LeaseId, finished.Attempts).ShouldBe((WorkItemStates.Completed, null, 2));

            var events = (await OkAsync(http, HttpMethod.Get, $"/api/v1/jobs/{jobId}/events?limit=500"))["items"]!.AsArray().Select(e => e!).ToList();
            log.WriteLine(string.Join(Environment.NewLine, events.Select(e => $"{e["id"]} {e["type"]} {e["node"]} {e["data"]?.ToJsonString()}")));
            List<JsonNode> Of(string type) => events.Where(e => e["type"]!.GetValue<string>() == type).ToList();
            long Id(JsonNode e) => e["id"]!.GetValue<long>();

            // A's run started the item; B found A's lease expired and ran it again; B's run completed it, once.
            var started = Of("work_item_started").ShouldHaveSingleItem();
            var expired = Of("automation_lease_expired").ShouldHaveSingleItem();
            expired["workItemId"]!.GetValue<long>().ShouldBe(claimed.Id);
            expired["data"]!["lease"]!.GetValue<string>().ShouldBe(claimed.LeaseId);
            expired["data"]!["attempt"]!.GetValue<int>().ShouldBe(1);
            var succeeded = Of("automation_succeeded").ShouldHaveSingleItem();
            succeeded["data"]!["attempt"]!.GetValue<int>().ShouldBe(2);
            succeeded["data"]!["agent"]!.GetValue<string>().ShouldBe(Agent);
            var completed = Of("work_item_completed").ShouldHaveSingleItem();
            completed["workItemId"]!.GetValue<long>().ShouldBe(claimed.Id);
            Id(started).ShouldBeLessThan(Id(expired));
            Id(expired).ShouldBeLessThan(Id(completed));
            Of("automation_attempt_failed").ShouldBeEmpty();
            Of("automation_result_discarded").ShouldBeEmpty();

            // The token left the task node once and ended.
            Of("token_left").Where(e => e["node"]!.GetValue<string>() == "work").ShouldHaveSingleItem();
            Of("token_completed").ShouldHaveSingleItem();
            var token = (await OkAsync(http, HttpMethod.Get, $"/api/v1/jobs/{jobId}/tokens")).AsArray().ShouldHaveSingleItem()!;
            (token["state"]!.GetValue<string>(), token["node"]!.GetValue<string>()).ShouldBe(("completed", "end"));
            (await OkAsync(http, HttpMethod.Get, $"/api/v1/work-items?job={jobId}"))["items"]!.AsArray().ShouldHaveSingleItem();
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

    /// <summary>Asks until the answer is not null; fails after a generous deadline.</summary>
    private static async Task<T> PollAsync<T>(string what, Func<Task<T?>> ask)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Deadline)
        {
            if (await ask() is { } answer) return answer;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"Waited {Deadline.TotalMinutes} minutes in vain until {what}.");
    }

    private static async Task<JsonNode> OkAsync(HttpClient http, HttpMethod method, string url, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = JsonContent.Create(body, options: WeftApi.Json);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new Xunit.Sdk.XunitException($"{method} {url} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Reads the engine's tables straight from the database, as tenant 1 (row-level security on PostgreSQL).</summary>
    private sealed class Tables(TestDatabase database)
    {
        public async Task<Run?> RunAsync(long job)
        {
            await using var connection = await OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT id, state, lease_id, lease_until, execution_attempts FROM flow_work_items WHERE job_id = " +
                job.ToString(CultureInfo.InvariantCulture);
            await using var reader = await command.ExecuteReaderAsync();
            if (!await reader.ReadAsync()) return null;
            return new Run(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetDateTime(3), reader.GetInt32(4));
        }

        public async Task<List<string>> EventTypesAsync(long job)
        {
            await using var connection = await OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT type FROM flow_events WHERE job_id = " + job.ToString(CultureInfo.InvariantCulture) + " ORDER BY id";
            await using var reader = await command.ExecuteReaderAsync();
            var types = new List<string>();
            while (await reader.ReadAsync()) types.Add(reader.GetString(0));
            return types;
        }

        private Task<DbConnection> OpenAsync() => RawConnections.OpenAsync(database, Tenant);
    }
}
