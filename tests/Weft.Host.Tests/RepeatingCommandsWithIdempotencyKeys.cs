using System.Net;
using System.Text.Json.Nodes;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Host.Tests;

public sealed class RepeatingCommandsWithIdempotencyKeys
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Repeating_a_job_start_with_the_same_key_returns_the_first_answer_and_starts_one_job(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await PublishAsync(api, "idem");
        var request = new { graph = "idem", quantity = 2, reference = "R-1", data = new { colour = "tan" } };

        var first = await SendAsync(api, HttpMethod.Post, "/api/v1/jobs", request, "job-key-1");
        var second = await SendAsync(api, HttpMethod.Post, "/api/v1/jobs", request, "job-key-1");

        first.Status.ShouldBe(HttpStatusCode.Created);
        second.Status.ShouldBe(first.Status);
        JsonNode.DeepEquals(first.Body, second.Body).ShouldBeTrue($"{first.Body}\n{second.Body}");
        var jobs = (await api.OkAsync(HttpMethod.Get, "/api/v1/jobs?graph=idem"))["items"]!.AsArray();
        jobs.Count.ShouldBe(1);
        jobs[0]!["id"]!.GetValue<long>().ShouldBe(first.Body!["id"]!.GetValue<long>());
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{jobs[0]!["id"]}/tokens")).AsArray().Count.ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_key_is_remembered_for_its_retention_time_and_then_forgotten(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await PublishAsync(api, "idem");
        var request = new { graph = "idem", quantity = 1, reference = "R-1" };
        var first = await SendAsync(api, HttpMethod.Post, "/api/v1/jobs", request, "kept-key");

        api.Clock.Advance(TimeSpan.FromHours(23));
        (await api.Engine.Upkeep.PurgeIdempotencyKeysAsync(TimeSpan.FromHours(24))).ShouldBe(0);
        var withinDay = await SendAsync(api, HttpMethod.Post, "/api/v1/jobs", request, "kept-key");
        withinDay.Body!["id"]!.GetValue<long>().ShouldBe(first.Body!["id"]!.GetValue<long>());

        api.Clock.Advance(TimeSpan.FromHours(2));
        (await api.Engine.Upkeep.PurgeIdempotencyKeysAsync(TimeSpan.FromHours(24))).ShouldBe(1);
        var afterwards = await SendAsync(api, HttpMethod.Post, "/api/v1/jobs", request, "kept-key");
        afterwards.Status.ShouldBe(HttpStatusCode.Created);
        afterwards.Body!["id"]!.GetValue<long>().ShouldNotBe(first.Body!["id"]!.GetValue<long>());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Repeating_a_claim_with_the_same_key_answers_the_first_success_instead_of_a_conflict(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await PublishAsync(api, "idem");
        await RegisterAsync(api, "eve");
        var (jobId, itemId) = await StartJobAsync(api, "idem");
        var eve = await api.AsAsync("eve");

        var first = await SendAsync(eve, HttpMethod.Post, $"/api/v1/work-items/{itemId}/claim", new { agent = "eve" }, "claim-key");
        var second = await SendAsync(eve, HttpMethod.Post, $"/api/v1/work-items/{itemId}/claim", new { agent = "eve" }, "claim-key");
        var withoutKey = await SendAsync(eve, HttpMethod.Post, $"/api/v1/work-items/{itemId}/claim", new { agent = "eve" }, null);

        first.Status.ShouldBe(HttpStatusCode.OK);
        second.Status.ShouldBe(HttpStatusCode.OK);
        JsonNode.DeepEquals(first.Body, second.Body).ShouldBeTrue($"{first.Body}\n{second.Body}");
        withoutKey.Status.ShouldBe(HttpStatusCode.Conflict);
        withoutKey.Body!["code"]!.GetValue<string>().ShouldBe("work_item_already_claimed");
        var events = (await api.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{jobId}/events?limit=500"))["items"]!.AsArray();
        events.Count(e => e!["type"]!.GetValue<string>() == "work_item_claimed").ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Reusing_a_key_with_a_different_body_is_refused_and_changes_nothing(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await PublishAsync(api, "idem");

        var first = await SendAsync(api, HttpMethod.Post, "/api/v1/jobs", new { graph = "idem", quantity = 1, reference = "R-1" }, "reused");
        var other = await SendAsync(api, HttpMethod.Post, "/api/v1/jobs", new { graph = "idem", quantity = 1, reference = "R-2" }, "reused");

        first.Status.ShouldBe(HttpStatusCode.Created);
        other.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        other.Body!["code"]!.GetValue<string>().ShouldBe("idempotency_key_reused");
        var jobs = (await api.OkAsync(HttpMethod.Get, "/api/v1/jobs?graph=idem"))["items"]!.AsArray();
        jobs.Select(j => j!["reference"]!.GetValue<string>()).ShouldBe(["R-1"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_same_key_on_another_endpoint_is_a_separate_command(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await PublishAsync(api, "idem");
        await RegisterAsync(api, "eve");
        var (_, firstItem) = await StartJobAsync(api, "idem");
        var (_, secondItem) = await StartJobAsync(api, "idem");

        var job = await SendAsync(api, HttpMethod.Post, "/api/v1/jobs", new { graph = "idem", quantity = 1, reference = "R-9" }, "shared-key");
        var agent = await SendAsync(api, HttpMethod.Post, "/api/v1/agents",
            new { key = "bob", name = "Bob", capabilities = new[] { new { name = "craft", level = 1 } }, wipLimit = 5 }, "shared-key");
        // Bob's own program claims, with the same key on two work items' endpoints.
        var bob = await api.AsAsync("bob");
        var claimFirst = await SendAsync(bob, HttpMethod.Post, $"/api/v1/work-items/{firstItem}/claim", new { agent = "bob" }, "shared-key");
        var claimSecond = await SendAsync(bob, HttpMethod.Post, $"/api/v1/work-items/{secondItem}/claim", new { agent = "bob" }, "shared-key");

        job.Status.ShouldBe(HttpStatusCode.Created);
        agent.Status.ShouldBe(HttpStatusCode.Created);
        agent.Body!["key"]!.GetValue<string>().ShouldBe("bob");
        claimFirst.Status.ShouldBe(HttpStatusCode.OK);
        claimFirst.Body!["id"]!.GetValue<long>().ShouldBe(firstItem);
        claimSecond.Status.ShouldBe(HttpStatusCode.OK);
        claimSecond.Body!["id"]!.GetValue<long>().ShouldBe(secondItem);
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items/{secondItem}"))["agent"]!.GetValue<string>().ShouldBe("bob");
        (await api.OkAsync(HttpMethod.Get, "/api/v1/jobs?graph=idem"))["items"]!.AsArray().Count.ShouldBe(3);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Ten_concurrent_duplicates_with_one_key_start_one_job(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await PublishAsync(api, "idem");
        var request = new { graph = "idem", quantity = 3, reference = "R-once" };

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sends = Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
        {
            await gate.Task;
            return await SendAsync(api, HttpMethod.Post, "/api/v1/jobs", request, "burst-key");
        })).ToList();
        gate.SetResult();
        var answers = await Task.WhenAll(sends);

        answers.ShouldAllBe(a => a.Status == HttpStatusCode.Created);
        answers.Select(a => a.Body!["id"]!.GetValue<long>()).Distinct().Count().ShouldBe(1);
        answers.ShouldAllBe(a => JsonNode.DeepEquals(a.Body, answers[0].Body));
        var jobs = (await api.OkAsync(HttpMethod.Get, "/api/v1/jobs?graph=idem"))["items"]!.AsArray();
        jobs.Count.ShouldBe(1);
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{jobs[0]!["id"]}/tokens")).AsArray().Count.ShouldBe(3);
    }

    private static Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(WeftApi api, HttpMethod method, string url, object body, string? key) =>
        SendAsync(new WeftCaller(api.Client), method, url, body, key);

    private static async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(WeftCaller caller, HttpMethod method, string url, object body, string? key)
    {
        using var response = await caller.SendAsync(method, url, body, key);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync()));
    }

    private static async Task PublishAsync(WeftApi api, string key)
    {
        (await api.PostAsync("/api/v1/graphs", new { key, name = key, draft = Fixtures.OneTask() })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await api.PostAsync($"/api/v1/graphs/{key}/publish")).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    private static Task<JsonNode> RegisterAsync(WeftApi api, string key) =>
        api.OkAsync(HttpMethod.Post, "/api/v1/agents", new { key, name = key, capabilities = new[] { new { name = "craft", level = 1 } }, wipLimit = 5 });

    private static async Task<(long JobId, long ItemId)> StartJobAsync(WeftApi api, string graph)
    {
        var jobId = (await api.OkAsync(HttpMethod.Post, "/api/v1/jobs", new { graph, quantity = 1, reference = $"R-{Guid.NewGuid():N}" }))["id"]!.GetValue<long>();
        var items = await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items?job={jobId}&state=ready");
        return (jobId, items["items"]![0]!["id"]!.GetValue<long>());
    }
}
