using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Weft.Flow.Definitions;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;
using Xunit.Abstractions;

namespace Weft.Host.Tests;

/// <summary>
/// The host process is killed with SIGKILL under load and started again on the same database:
/// every command it acknowledged is there, nothing happened twice, and the flow runs to the end.
/// Commands in flight at the kill may or may not have happened, but never twice.
/// </summary>
public sealed class SurvivingAKill(ITestOutputHelper log)
{
    private const int AcknowledgedBeforeKill = 300;
    private const int Creators = 1;
    private static readonly string[] Agents = ["w1", "w2", "w3"];
    private static readonly TimeSpan LoadDeadline = TimeSpan.FromMinutes(3);
    private static readonly string[] OpenStates = ["ready", "assigned", "in_progress", "paused"];

    // start → work (pool task, "craft") → end
    private static GraphDefinition OneTask() => new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start },
            new() { Key = "work", Type = NodeType.Task, Capability = "craft", Assignment = AssignmentMode.Pool },
            new() { Key = "end", Type = NodeType.End },
        ],
        Edges = [new() { From = "start", To = "work" }, new() { From = "work", To = "end" }],
    };

    private sealed record Creation(string Key, string Body, string Reference, int Quantity);

    private sealed record WorkCommand(long Item, string Command, string Agent, string Key);

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Acknowledged_commands_survive_a_kill_none_happen_twice_and_the_flow_completes(string provider)
    {
        var output = new ConcurrentQueue<string>();
        await using var database = await TestDatabases.CreateAsync(provider);
        ChildHost? host = null;
        try
        {
            host = await ChildHost.StartAsync(database, output);
            await SetUpAsync(host.Client);
            // Jobs are started with the admin's key; each worker is a program with a key acting as its agent.
            // Keys live in the database, so the same keys work on the host started after the kill.
            var adminKey = host.AdminKey;
            var agentKeys = new Dictionary<string, string>();
            foreach (var agent in Agents) agentKeys[agent] = await host.CreateAgentKeyAsync(agent);
            var load = new Load(host, Workers(host, agentKeys));
            await load.RunUntilKilledAsync();
            log.WriteLine($"Killed pid {host.ProcessId} after {load.Acknowledged} acknowledged commands " +
                $"({load.Created.Count} job creations, {load.Work.Count} work item commands), " +
                $"{load.InFlightAtKill} request(s) in flight, {load.Unanswered.Count} creation(s) unanswered.");
            load.Failures.ShouldBeEmpty();
            load.Acknowledged.ShouldBeGreaterThanOrEqualTo(AcknowledgedBeforeKill);

            await host.DisposeAsync();
            host = null;
            host = await ChildHost.StartAsync(database, output, adminKey);
            var http = host.Client;
            var workers = Workers(host, agentKeys);

            // Every acknowledged job creation is there exactly once, with the id it was answered with.
            var jobs = await ListAllAsync(http, "/api/v1/jobs");
            var byReference = jobs.GroupBy(j => Str(j, "reference")).ToDictionary(g => g.Key, g => g.ToList());
            byReference.Where(g => g.Value.Count > 1).Select(g => g.Key).ShouldBeEmpty("a job was created twice");
            foreach (var (creation, id) in load.Created)
            {
                byReference.ShouldContainKey(creation.Reference, $"acknowledged job {creation.Reference} is missing");
                var job = byReference[creation.Reference].Single();
                Long(job, "id").ShouldBe(id);
                job["quantity"]!.GetValue<int>().ShouldBe(creation.Quantity);
            }

            // Every acknowledged work item command left its mark, and no token got a second work item.
            var items = (await ListAllAsync(http, "/api/v1/work-items")).ToDictionary(w => Long(w, "id"));
            foreach (var command in load.Work)
            {
                var item = items[command.Item];
                var state = Str(item, "state");
                switch (command.Command)
                {
                    case "claim":
                        Str(item, "agent").ShouldBe(command.Agent);
                        state.ShouldBeOneOf("assigned", "in_progress", "completed");
                        break;
                    case "start":
                        state.ShouldBeOneOf("in_progress", "completed");
                        break;
                    case "complete":
                        state.ShouldBe("completed", $"acknowledged completion of item {command.Item}");
                        break;
                }
            }
            var itemsPerToken = items.Values.GroupBy(w => Long(w, "tokenId")).ToDictionary(g => g.Key, g => g.Count());
            foreach (var job in jobs)
            {
                var jobTokens = (await OkAsync(http, HttpMethod.Get, $"/api/v1/jobs/{Long(job, "id")}/tokens")).AsArray();
                jobTokens.Count.ShouldBe(job["quantity"]!.GetValue<int>());
                foreach (var token in jobTokens)
                    itemsPerToken.GetValueOrDefault(Long(token!, "id")).ShouldBe(1, $"token {Long(token!, "id")} has one work item");
            }

            // Replaying an acknowledged command with its key answers as before and changes nothing.
            foreach (var (creation, id) in load.Created)
            {
                var (status, body) = await SendAsync(http, HttpMethod.Post, "/api/v1/jobs", creation.Body, creation.Key);
                ((int)status).ShouldBeInRange(200, 299, $"replay of {creation.Reference}: {body}");
                Long(JsonNode.Parse(body)!, "id").ShouldBe(id);
            }
            (await ListAllAsync(http, "/api/v1/jobs")).Count.ShouldBe(jobs.Count);
            var eventsBefore = await EventCountAsync(http, jobs);
            foreach (var completion in load.Work.Where(w => w.Command == "complete"))
            {
                var (status, body) = await SendAsync(workers[completion.Agent], HttpMethod.Post, $"/api/v1/work-items/{completion.Item}/complete",
                    JsonSerializer.Serialize(new { agent = completion.Agent }), completion.Key);
                status.ShouldBe(HttpStatusCode.OK, $"replay of the completion of item {completion.Item}: {body}");
                Str(JsonNode.Parse(body)!, "state").ShouldBe("completed");
            }
            (await EventCountAsync(http, jobs)).ShouldBe(eventsBefore);

            // A client retrying what went unanswered gets one job per reference, whether the first try happened or not.
            foreach (var creation in load.Unanswered)
            {
                var (status, body) = await SendAsync(http, HttpMethod.Post, "/api/v1/jobs", creation.Body, creation.Key);
                ((int)status).ShouldBeInRange(200, 299, $"retry of {creation.Reference}: {body}");
                var id = Long(JsonNode.Parse(body)!, "id");
                if (byReference.TryGetValue(creation.Reference, out var existing)) id.ShouldBe(Long(existing.Single(), "id"));
            }
            jobs = await ListAllAsync(http, "/api/v1/jobs");
            jobs.GroupBy(j => Str(j, "reference")).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty();

            await DriveToCompletionAsync(http, workers);

            jobs = await ListAllAsync(http, "/api/v1/jobs");
            jobs.Count.ShouldBeGreaterThanOrEqualTo(load.Created.Count);
            foreach (var job in jobs)
            {
                Str(job, "state").ShouldBe("completed", $"job {Str(job, "reference")}");
                var jobTokens = (await OkAsync(http, HttpMethod.Get, $"/api/v1/jobs/{Long(job, "id")}/tokens")).AsArray();
                jobTokens.Count.ShouldBe(job["quantity"]!.GetValue<int>());
                jobTokens.ShouldAllBe(t => Str(t!, "state") == "completed" && Str(t!, "node") == "end");
            }
            var finalItems = await ListAllAsync(http, "/api/v1/work-items");
            finalItems.ShouldAllBe(w => Str(w, "state") == "completed");
            finalItems.GroupBy(w => Long(w, "tokenId")).ShouldAllBe(g => g.Count() == 1);
            finalItems.Count.ShouldBe(jobs.Sum(j => j["quantity"]!.GetValue<int>()));
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

    private static async Task SetUpAsync(HttpClient http)
    {
        await OkAsync(http, HttpMethod.Post, "/api/v1/graphs", new { key = "crash", name = "Crash test" });
        await OkAsync(http, HttpMethod.Put, "/api/v1/graphs/crash/draft", OneTask());
        await OkAsync(http, HttpMethod.Post, "/api/v1/graphs/crash/publish");
        foreach (var agent in Agents)
            await OkAsync(http, HttpMethod.Post, "/api/v1/agents", new
            {
                key = agent, name = agent, kind = "person", capabilities = new[] { new { name = "craft", level = 1 } }, wipLimit = 20,
            });
    }

    private static Dictionary<string, HttpClient> Workers(ChildHost host, Dictionary<string, string> agentKeys) =>
        agentKeys.ToDictionary(a => a.Key, a => host.CreateClient(a.Value));

    /// <summary>Creators start jobs and workers claim, start and complete items, all at once, until the host is killed.</summary>
    private sealed class Load(ChildHost host, Dictionary<string, HttpClient> workers)
    {
        private int acknowledged;
        private int inFlight;
        private int killed;
        private readonly TaskCompletionSource killDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConcurrentBag<(Creation Creation, long Id)> Created { get; } = [];
        public ConcurrentBag<Creation> Unanswered { get; } = [];
        public ConcurrentBag<WorkCommand> Work { get; } = [];
        public ConcurrentBag<string> Failures { get; } = [];
        public int Acknowledged => Volatile.Read(ref acknowledged);
        public int InFlightAtKill { get; private set; }
        private bool Killed => Volatile.Read(ref killed) == 1;

        public async Task RunUntilKilledAsync()
        {
            using var deadline = new CancellationTokenSource(LoadDeadline);
            var loops = Enumerable.Range(0, Creators).Select(c => Task.Run(() => CreateJobsAsync(c)))
                .Concat(Agents.Select(a => Task.Run(() => WorkAsync(a))))
                .ToList();
            await Task.WhenAny(killDone.Task, Task.WhenAll(loops), Task.Delay(Timeout.Infinite, deadline.Token).ContinueWith(_ => { }));
            if (!Killed)
            {
                Failures.Add($"The host was not killed: {Acknowledged} commands acknowledged before the load stopped.");
                await KillAsync();
            }
            await killDone.Task;
            var all = Task.WhenAll(loops);
            if (await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(90))) != all)
                Failures.Add("The load loops did not stop after the kill.");
        }

        private async Task KillAsync()
        {
            if (Interlocked.Exchange(ref killed, 1) == 1) return;
            InFlightAtKill = Volatile.Read(ref inFlight);
            try
            {
                await host.KillAsync();
            }
            finally
            {
                killDone.TrySetResult();
            }
        }

        private void Acknowledge()
        {
            if (Interlocked.Increment(ref acknowledged) >= AcknowledgedBeforeKill && Volatile.Read(ref inFlight) > 0)
                _ = KillAsync();
        }

        /// <summary>Sends one command; null when no answer came because the host was killed.</summary>
        private async Task<(HttpStatusCode Status, string Body)?> CommandAsync(HttpClient http, string url, string body, string key)
        {
            Interlocked.Increment(ref inFlight);
            try
            {
                return await SendAsync(http, HttpMethod.Post, url, body, key);
            }
            catch (Exception) when (Killed)
            {
                return null;
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        }

        private async Task CreateJobsAsync(int creator)
        {
            try
            {
                for (var n = 0; !Killed; n++)
                {
                    var number = (n * Creators) + creator;
                    var reference = $"CR-{number:D5}";
                    var quantity = 1 + (number % 2);
                    var creation = new Creation($"create-{number}", JsonSerializer.Serialize(new { graph = "crash", quantity, reference }), reference, quantity);
                    var answer = await CommandAsync(host.Client, "/api/v1/jobs", creation.Body, creation.Key);
                    if (answer is not { } a)
                    {
                        Unanswered.Add(creation);
                        return;
                    }
                    if (a.Status != HttpStatusCode.Created)
                    {
                        Failures.Add($"POST /api/v1/jobs {reference} answered {(int)a.Status}: {a.Body}");
                        return;
                    }
                    Created.Add((creation, Long(JsonNode.Parse(a.Body)!, "id")));
                    Acknowledge();
                }
            }
            catch (Exception e) when (!Killed)
            {
                Failures.Add($"creator {creator}: {e}");
            }
            catch (Exception)
            {
                // The kill cut a read short; that request was not acknowledged.
            }
        }

        private async Task WorkAsync(string agent)
        {
            var random = new Random(Array.IndexOf(Agents, agent));
            var sequence = 0;
            var http = workers[agent];
            try
            {
                while (!Killed)
                {
                    var ready = (await OkAsync(http, HttpMethod.Get, "/api/v1/work-items?state=ready&limit=50"))["items"]!.AsArray();
                    if (ready.Count == 0)
                    {
                        await Task.Yield();
                        continue;
                    }
                    var item = Long(ready[random.Next(ready.Count)]!, "id");
                    foreach (var command in new[] { "claim", "start", "complete" })
                    {
                        var key = $"{agent}-{command}-{item}-{sequence++}";
                        var answer = await CommandAsync(http, $"/api/v1/work-items/{item}/{command}", JsonSerializer.Serialize(new { agent }), key);
                        if (answer is not { } a) return;
                        // Another worker got there first (and may have finished already).
                        if (command == "claim" && a.Status == HttpStatusCode.Conflict && LostTheRace(a.Body))
                            break;
                        if (a.Status != HttpStatusCode.OK)
                        {
                            Failures.Add($"{command} of item {item} by {agent} answered {(int)a.Status}: {a.Body}");
                            return;
                        }
                        Work.Add(new WorkCommand(item, command, agent, key));
                        Acknowledge();
                    }
                }
            }
            catch (Exception e) when (!Killed)
            {
                Failures.Add($"worker {agent}: {e}");
            }
            catch (Exception)
            {
                // The kill cut a list request short.
            }
        }
    }

    private static bool LostTheRace(string problem) =>
        JsonNode.Parse(problem)?["code"]?.GetValue<string>() is "work_item_already_claimed" or "work_item_completed";

    /// <summary>Finishes every open item: each agent finishes what it holds, ready items are shared out by id.</summary>
    private static async Task DriveToCompletionAsync(HttpClient http, Dictionary<string, HttpClient> workers)
    {
        for (var round = 0; round < 20; round++)
        {
            var open = new List<JsonNode>();
            foreach (var state in OpenStates) open.AddRange(await ListAllAsync(http, $"/api/v1/work-items?state={state}"));
            if (open.Count == 0) return;
            await Task.WhenAll(Agents.Select((agent, index) => Task.Run(async () =>
            {
                var mine = open.Where(w => w["agent"] is null ? Long(w, "id") % Agents.Length == index : Str(w, "agent") == agent);
                foreach (var w in mine)
                {
                    var id = Long(w, "id");
                    var steps = Str(w, "state") switch
                    {
                        "ready" => new[] { "claim", "start", "complete" },
                        "assigned" => ["start", "complete"],
                        "in_progress" => ["complete"],
                        _ => ["resume", "complete"],
                    };
                    foreach (var step in steps) await OkAsync(workers[agent], HttpMethod.Post, $"/api/v1/work-items/{id}/{step}", new { agent });
                }
            })));
        }
        throw new Xunit.Sdk.XunitException("Work items were still open after 20 rounds of driving them to completion.");
    }

    private static async Task<int> EventCountAsync(HttpClient http, List<JsonNode> jobs)
    {
        var count = 0;
        foreach (var job in jobs) count += (await ListAllAsync(http, $"/api/v1/jobs/{Long(job, "id")}/events")).Count;
        return count;
    }

    private static async Task<List<JsonNode>> ListAllAsync(HttpClient http, string url)
    {
        var all = new List<JsonNode>();
        string? cursor = null;
        var separator = url.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        for (var page = 0; page < 1000; page++)
        {
            var pageUrl = $"{url}{separator}limit=500" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var body = await OkAsync(http, HttpMethod.Get, pageUrl);
            all.AddRange(body["items"]!.AsArray().Select(i => i!));
            cursor = body["nextCursor"]?.GetValue<string>();
            if (cursor is null) return all;
        }
        throw new Xunit.Sdk.XunitException($"{url} did not stop paging.");
    }

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpClient http, HttpMethod method, string url, string? body, string? key = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonNode> OkAsync(HttpClient http, HttpMethod method, string url, object? body = null)
    {
        var (status, text) = await SendAsync(http, method, url, body is null ? null : JsonSerializer.Serialize(body, WeftApi.Json));
        if ((int)status is < 200 or > 299)
            throw new Xunit.Sdk.XunitException($"{method} {url} answered {(int)status}: {text}");
        return JsonNode.Parse(text)!;
    }

    private static long Long(JsonNode node, string field) => node[field]!.GetValue<long>();

    private static string Str(JsonNode node, string field) => node[field]?.GetValue<string>() ?? "";
}
