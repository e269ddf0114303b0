using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;
using Weft.Testing.FakeProviders;
using Xunit.Abstractions;

namespace Weft.Host.Tests;

/// <summary>
/// A two-round debate runs on host A; A is killed with SIGKILL while the pro side's round-2 answer is being written (the
/// model call hangs). Host B, on the same database, takes the interrupted step over once A's lease runs out and finishes
/// the debate: round 1 is not asked again, round 2's con side (done before the kill) is not asked again, and every step
/// completes once.
/// </summary>
public sealed class RunningADebateAcrossAKill(ITestOutputHelper log)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Weft__Automation__LeaseSeconds"] = "15",
        ["Weft__Automation__PollMilliseconds"] = "200",
    };

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_debate_interrupted_by_a_kill_resumes_on_restart_without_repeating_finished_steps(string provider)
    {
        var output = new ConcurrentQueue<string>();
        await using var fake = await FakeProviderServer.StartAsync();
        await using var database = await TestDatabases.CreateAsync(provider);
        ChildHost? host = null;
        try
        {
            host = await ChildHost.StartAsync(database, output, settings: Settings);
            var adminKey = host.AdminKey;
            var http = host.Client;
            await OkAsync(http, HttpMethod.Post, "/api/v1/ai/providers",
                new { key = "fake", name = "Fake", kind = "openai_compatible", baseUrl = fake.OpenAIBaseUrl.AbsoluteUri, apiKey = "sk-kill-1", timeoutSeconds = 120 });
            foreach (var side in new[] { "pro", "con", "judge" })
            {
                await OkAsync(http, HttpMethod.Post, "/api/v1/ai/models", new
                {
                    key = $"{side}-m", kind = "openai_compatible", provider = "fake", providerModel = $"{side}-model", purpose = "chat", contextWindow = 32_000,
                    inputPrice = 1m, outputPrice = 4m,
                });
                await OkAsync(http, HttpMethod.Post, "/api/v1/agents",
                    new { key = side, name = side, kind = "ai", capabilities = new[] { new { name = side, level = 1 } }, wipLimit = 5 });
                await OkAsync(http, HttpMethod.Post, "/api/v1/ai/agents", new { agent = side, models = new[] { $"{side}-m" } });
            }
            await OkAsync(http, HttpMethod.Post, "/api/v1/ai/patterns", new
            {
                graph = "debate", kind = "debate", rounds = 2,
                agents = new[] { new { key = "pro", capability = "pro" }, new { key = "con", capability = "con" } },
                lead = new { key = "judge", capability = "judge" },
            });
            // The pro side's round-2 call hangs on A; B's retry gets the answer.
            fake.ScriptFor("pro-model", Reply.Text("Goodwill pays."), Reply.Hang(), Reply.Text("Ten days late is still loyal."));
            fake.ScriptFor("con-model", Reply.Text("Policy says 30 days."), Reply.Text("Exceptions must be rare."));
            fake.ScriptFor("judge-model", Reply.Text("""{"decision":"store credit","winner":"pro","reasoning":"Loyalty."}"""));

            var job = await OkAsync(http, HttpMethod.Post, "/api/v1/jobs", new { graph = "debate", quantity = 1, reference = "DEBATE-1", data = new { question = "Refund after 40 days?" } });
            var jobId = job["id"]!.GetValue<long>();

            await PollAsync("the pro side's round-2 call hangs and con's round 2 is done", async () =>
                Requests(fake, "pro-model") == 2 && await CompletedAsync(http, jobId, "round-2-con") ? true : (bool?)null);
            await host.KillAsync();
            log.WriteLine($"Killed A (pid {host.ProcessId}) during round 2.");
            await host.DisposeAsync();
            host = null;
            (await CompletedNodesAsync(database, jobId)).Order().ShouldBe(["round-1-con", "round-1-pro", "round-2-con"]);

            host = await ChildHost.StartAsync(database, output, adminKey, Settings);
            http = host.Client;
            await PollAsync("the debate completes on B", async () =>
                (await OkAsync(http, HttpMethod.Get, $"/api/v1/jobs/{jobId}"))["state"]!.GetValue<string>() == "completed" ? true : (bool?)null);

            // Round 1 and con's round 2 were asked once; pro's round 2 twice (the call the kill cut, and B's); the judge once.
            Requests(fake, "pro-model").ShouldBe(3);
            Requests(fake, "con-model").ShouldBe(2);
            Requests(fake, "judge-model").ShouldBe(1);
            var judged = fake.Requests.Single(r => r.Model == "judge-model").Body!["messages"]!.AsArray().Last()!["content"]!.ToString();
            judged.ShouldContain("Ten days late is still loyal.");
            judged.ShouldContain("Exceptions must be rare.");
            var items = (await OkAsync(http, HttpMethod.Get, $"/api/v1/work-items?job={jobId}&limit=50"))["items"]!.AsArray();
            items.Select(i => i!["node"]!.GetValue<string>()).Order().ShouldBe(["judge", "round-1-con", "round-1-pro", "round-2-con", "round-2-pro"]);
            items.ShouldAllBe(i => i!["state"]!.GetValue<string>() == "completed");
            var events = (await OkAsync(http, HttpMethod.Get, $"/api/v1/jobs/{jobId}/events?limit=500"))["items"]!.AsArray();
            events.Count(e => e!["type"]!.GetValue<string>() == "work_item_completed").ShouldBe(5);
            events.ShouldContain(e => e!["type"]!.GetValue<string>() == "automation_lease_expired" && e["node"]!.GetValue<string>() == "round-2-pro");
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

    private static int Requests(FakeProviderServer fake, string model) => fake.Requests.Count(r => r.Model == model);

    private static async Task<bool> CompletedAsync(HttpClient http, long job, string node) =>
        (await OkAsync(http, HttpMethod.Get, $"/api/v1/work-items?job={job}&state=completed"))["items"]!.AsArray()
            .Any(i => i!["node"]!.GetValue<string>() == node);

    private static async Task<List<string>> CompletedNodesAsync(TestDatabase database, long job)
    {
        await using var connection = await RawConnections.OpenAsync(database, 1);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT node_key FROM flow_work_items WHERE state = 'completed' AND job_id = " + job.ToString(CultureInfo.InvariantCulture);
        await using var reader = await command.ExecuteReaderAsync();
        var nodes = new List<string>();
        while (await reader.ReadAsync()) nodes.Add(reader.GetString(0));
        return nodes;
    }

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

    private static Task<JsonNode> OkAsync(HttpClient http, HttpMethod method, string url, object? body = null) =>
        WeftCaller.OkAsync(http, method, url, body);
}
