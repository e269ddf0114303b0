using System.Net;
using Weft.Testing;

namespace Weft.Host.Tests.Infrastructure;

/// <summary>
/// A graph whose one task is assigned automatically with a 10-minute start timeout, two people able to
/// do it, and a job: its work item is assigned to one of them.
/// </summary>
internal static class TimedWork
{
    public sealed record Assigned(long JobId, long ItemId, string First, string Other);

    public static async Task<Assigned> StartAsync(WeftApi api)
    {
        (await api.PostAsync("/api/v1/graphs", new { key = "timed", name = "Timed" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        await api.OkAsync(HttpMethod.Put, "/api/v1/graphs/timed/draft",
            Fixtures.OneTask(capability: "craft", assignment: "auto", timeoutMinutes: 10));
        (await api.PostAsync("/api/v1/graphs/timed/publish")).StatusCode.ShouldBe(HttpStatusCode.Created);
        foreach (var key in new[] { "eve", "finn" })
        {
            (await api.PostAsync("/api/v1/agents", new { key, name = key, kind = "person", capabilities = new[] { new { name = "craft", level = 1 } }, wipLimit = 1 }))
                .StatusCode.ShouldBe(HttpStatusCode.Created);
        }
        var job = await api.OkAsync(HttpMethod.Post, "/api/v1/jobs", new { graph = "timed", quantity = 1, reference = "T-1" });
        var jobId = job["id"]!.GetValue<long>();
        var item = (await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items?job={jobId}"))["items"]!.AsArray().ShouldHaveSingleItem()!;
        item["state"]!.GetValue<string>().ShouldBe("assigned");
        var first = item["agent"]!.GetValue<string>();
        return new Assigned(jobId, item["id"]!.GetValue<long>(), first, first == "eve" ? "finn" : "eve");
    }
}
