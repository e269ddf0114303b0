using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Host.Tests;

public sealed class ClaimingConcurrently
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Fifty_parallel_claims_of_one_item_have_exactly_one_winner(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await PublishAsync(api, "race");
        var agents = Enumerable.Range(1, 50).Select(i => $"claimer-{i:00}").ToList();
        foreach (var agent in agents) await RegisterAsync(api, agent);
        // Fifty different claimants, each a program acting as its own agent.
        var callers = new Dictionary<string, WeftCaller>();
        foreach (var agent in agents) callers[agent] = await api.AsAsync(agent);
        var jobId = await StartJobAsync(api, "race", 1);
        var itemId = (await ReadyItemsAsync(api, jobId)).Single();

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var claims = agents.Select(agent => Task.Run(async () =>
        {
            await gate.Task;
            using var response = await callers[agent].PostAsync($"/api/v1/work-items/{itemId}/claim", new { agent });
            return (Agent: agent, Status: response.StatusCode, Body: JsonNode.Parse(await response.Content.ReadAsStringAsync()));
        })).ToList();
        gate.SetResult();
        var answers = await Task.WhenAll(claims);

        var winners = answers.Where(a => a.Status == HttpStatusCode.OK).ToList();
        winners.Count.ShouldBe(1, string.Join(", ", answers.Select(a => $"{a.Agent}:{(int)a.Status}")));
        var losers = answers.Where(a => a.Status != HttpStatusCode.OK).ToList();
        losers.Count.ShouldBe(49);
        losers.ShouldAllBe(a => a.Status == HttpStatusCode.Conflict);
        losers.Select(a => a.Body!["code"]!.GetValue<string>()).Distinct().ShouldBe(["work_item_already_claimed"]);

        var item = await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items/{itemId}");
        item["state"]!.GetValue<string>().ShouldBe("assigned");
        item["agent"]!.GetValue<string>().ShouldBe(winners[0].Agent);
        var events = await EventsAsync(api, jobId);
        events.Count(e => e["type"]!.GetValue<string>() == "work_item_claimed").ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Twenty_agents_complete_a_thousand_items_each_exactly_once(string provider)
    {
        const int Jobs = 10, TokensPerJob = 100, Agents = 20;
        await using var api = await WeftApi.StartAsync(provider);
        await PublishAsync(api, "pool");
        var agents = Enumerable.Range(1, Agents).Select(i => $"worker-{i:00}").ToList();
        foreach (var agent in agents) await RegisterAsync(api, agent);
        // One caller per agent, each acting as its own agent.
        var callers = new List<WeftCaller>();
        foreach (var agent in agents) callers.Add(await api.AsAsync(agent));
        var jobIds = new List<long>();
        for (var j = 0; j < Jobs; j++) jobIds.Add(await StartJobAsync(api, "pool", TokensPerJob));

        var completedBy = new ConcurrentDictionary<long, string>();
        // Two agents start on each job, so claims race within a job while jobs proceed side by side;
        // an agent whose job runs dry joins the rest through the unfiltered list.
        var workers = agents.Select((agent, i) => Task.Run(() => WorkUntilNothingIsReadyAsync(callers[i], agent, jobIds[i % Jobs], new Random(i), completedBy)));
        await Task.WhenAll(workers);

        completedBy.Count.ShouldBe(Jobs * TokensPerJob);
        var allItems = await AllPagesAsync(api, "/api/v1/work-items?limit=200");
        allItems.Count.ShouldBe(Jobs * TokensPerJob);
        allItems.Select(i => i["id"]!.GetValue<long>()).Distinct().Count().ShouldBe(Jobs * TokensPerJob);
        foreach (var item in allItems)
        {
            item["state"]!.GetValue<string>().ShouldBe("completed");
            item["agent"]!.GetValue<string>().ShouldBe(completedBy[item["id"]!.GetValue<long>()]);
        }
        foreach (var jobId in jobIds)
        {
            (await api.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{jobId}"))["state"]!.GetValue<string>().ShouldBe("completed");
            var tokens = (await api.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{jobId}/tokens")).AsArray();
            tokens.Count.ShouldBe(TokensPerJob);
            tokens.ShouldAllBe(t => t!["node"]!.GetValue<string>() == "end" && t["state"]!.GetValue<string>() == "completed");
            var completions = (await EventsAsync(api, jobId)).Where(e => e["type"]!.GetValue<string>() == "work_item_completed").ToList();
            completions.Count.ShouldBe(TokensPerJob);
            completions.Select(e => e["workItemId"]!.GetValue<long>()).Distinct().Count().ShouldBe(TokensPerJob);
        }
    }

    /// <summary>An agent at a pool queue: look at the ready work, try to claim some, do it; a lost race is normal.</summary>
    private static async Task WorkUntilNothingIsReadyAsync(WeftCaller caller, string agent, long preferredJob, Random random, ConcurrentDictionary<long, string> completedBy)
    {
        const int MaxRounds = 1_000;
        var list = $"/api/v1/work-items?state=ready&limit=40&job={preferredJob}";
        for (var round = 0; round < MaxRounds; round++)
        {
            var ready = (await caller.OkAsync(HttpMethod.Get, list))["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()).ToList();
            if (ready.Count == 0 && list.Contains("&job=", StringComparison.Ordinal))
            {
                list = "/api/v1/work-items?state=ready&limit=40";
                continue;
            }
            if (ready.Count == 0) return;
            long? claimed = null;
            foreach (var id in ready.OrderBy(_ => random.Next()))
            {
                using var response = await caller.PostAsync($"/api/v1/work-items/{id}/claim", new { agent });
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    claimed = id;
                    break;
                }
                var body = await response.Content.ReadAsStringAsync();
                // Lost races: another agent claimed it, or even finished it, since the list was read.
                if (response.StatusCode != HttpStatusCode.Conflict
                    || JsonNode.Parse(body)!["code"]!.GetValue<string>() is not ("work_item_already_claimed" or "work_item_completed"))
                    throw new Xunit.Sdk.XunitException($"{agent} claiming {id} answered {(int)response.StatusCode}: {body}");
            }
            if (claimed is not { } itemId) continue;
            await caller.OkAsync(HttpMethod.Post, $"/api/v1/work-items/{itemId}/start", new { agent });
            await caller.OkAsync(HttpMethod.Post, $"/api/v1/work-items/{itemId}/complete", new { agent });
            if (!completedBy.TryAdd(itemId, agent))
                throw new Xunit.Sdk.XunitException($"Work item {itemId} was completed by {completedBy[itemId]} and again by {agent}.");
        }
        throw new Xunit.Sdk.XunitException($"{agent} still saw ready work after {MaxRounds} rounds.");
    }

    private static async Task PublishAsync(WeftApi api, string key)
    {
        (await api.PostAsync("/api/v1/graphs", new { key, name = key, draft = Fixtures.OneTask() })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await api.PostAsync($"/api/v1/graphs/{key}/publish")).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    private static Task<JsonNode> RegisterAsync(WeftApi api, string key) =>
        api.OkAsync(HttpMethod.Post, "/api/v1/agents", new { key, name = key, kind = "person", capabilities = new[] { new { name = "craft", level = 1 } }, wipLimit = 1 });

    private static async Task<long> StartJobAsync(WeftApi api, string graph, int quantity) =>
        (await api.OkAsync(HttpMethod.Post, "/api/v1/jobs", new { graph, quantity, reference = $"{graph}-{Guid.NewGuid():N}" }))["id"]!.GetValue<long>();

    private static async Task<List<long>> ReadyItemsAsync(WeftApi api, long jobId) =>
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items?job={jobId}&state=ready"))["items"]!.AsArray()
            .Select(i => i!["id"]!.GetValue<long>()).ToList();

    private static Task<List<JsonNode>> EventsAsync(WeftApi api, long jobId) => AllPagesAsync(api, $"/api/v1/jobs/{jobId}/events?limit=500");

    private static async Task<List<JsonNode>> AllPagesAsync(WeftApi api, string url)
    {
        var all = new List<JsonNode>();
        string? cursor = null;
        for (var page = 0; page < 1_000; page++)
        {
            var answer = await api.OkAsync(HttpMethod.Get, cursor is null ? url : $"{url}&cursor={Uri.EscapeDataString(cursor)}");
            all.AddRange(answer["items"]!.AsArray().Select(i => i!));
            cursor = answer["nextCursor"]?.GetValue<string>();
            if (cursor is null) return all;
        }
        throw new Xunit.Sdk.XunitException($"{url} did not reach its last page.");
    }
}
