using System.Net;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Host.Tests;

public sealed class TimersAfterHostRestart
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Unstarted_work_is_reassigned_by_a_timer_set_before_the_host_restarted(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
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
        var items = await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items?job={jobId}");
        var item = items["items"]!.AsArray().ShouldHaveSingleItem()!;
        item["state"]!.GetValue<string>().ShouldBe("assigned");
        var itemId = item["id"]!.GetValue<long>();
        var first = item["agent"]!.GetValue<string>();
        var other = first == "eve" ? "finn" : "eve";

        await api.RestartAsync();
        api.Clock.Advance(TimeSpan.FromMinutes(11));
        (await api.Engine.RunDueTimersAsync()).TimersFired.ShouldBe(1);

        var after = await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items/{itemId}");
        after["state"]!.GetValue<string>().ShouldBe("assigned");
        after["agent"]!.GetValue<string>().ShouldBe(other);
        var inbox = await api.OkAsync(HttpMethod.Get, "/api/v1/inbox");
        inbox["items"]!.AsArray().ShouldNotContain(e => e!["workItemId"] != null && e["workItemId"]!.GetValue<long>() == itemId);
        var events = await api.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{jobId}/events?limit=500");
        events["items"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).ShouldContain("work_item_timed_out");
    }
}
