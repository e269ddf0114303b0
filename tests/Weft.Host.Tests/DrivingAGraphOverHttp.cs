using System.Net;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Host.Tests;

public sealed class DrivingAGraphOverHttp
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_graph_goes_from_draft_to_a_completed_job(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        (await api.PostAsync("/api/v1/graphs", new { key = "g1", name = "One task" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        await api.OkAsync(HttpMethod.Put, "/api/v1/graphs/g1/draft", Fixtures.OneTask());
        var validation = await api.OkAsync(HttpMethod.Post, "/api/v1/graphs/g1/validate");
        validation["valid"]!.GetValue<bool>().ShouldBeTrue();
        (await api.PostAsync("/api/v1/graphs/g1/publish")).StatusCode.ShouldBe(HttpStatusCode.Created);
        await api.OkAsync(HttpMethod.Post, "/api/v1/agents", new { key = "eve", name = "Eve", kind = "person", capabilities = new[] { new { name = "craft", level = 1 } }, wipLimit = 1 });
        var job = await api.OkAsync(HttpMethod.Post, "/api/v1/jobs", new { graph = "g1", quantity = 1, reference = "R-1" });
        var jobId = job["id"]!.GetValue<long>();
        var items = await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items?job={jobId}&state=ready");
        var itemId = items["items"]![0]!["id"]!.GetValue<long>();
        // Work is done by a caller acting as the agent; the body may name that agent.
        var eve = await api.AsAsync("eve");
        foreach (var command in new[] { "claim", "start", "complete" })
            await eve.OkAsync(HttpMethod.Post, $"/api/v1/work-items/{itemId}/{command}", new { agent = "eve" });
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{jobId}"))["state"]!.GetValue<string>().ShouldBe("completed");
        var events = await api.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{jobId}/events?limit=500");
        events["items"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).ShouldContain("job_completed");
    }
}
