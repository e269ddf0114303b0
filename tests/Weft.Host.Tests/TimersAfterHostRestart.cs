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
        var (jobId, itemId, first, other) = await TimedWork.StartAsync(api);

        await api.RestartAsync();
        api.Clock.Advance(TimeSpan.FromMinutes(11));
        (await api.Engine.Upkeep.RunDueTimersAsync()).TimersFired.ShouldBe(1);

        var after = await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items/{itemId}");
        after["state"]!.GetValue<string>().ShouldBe("assigned");
        after["agent"]!.GetValue<string>().ShouldBe(other);
        var inbox = await api.OkAsync(HttpMethod.Get, "/api/v1/inbox");
        inbox["items"]!.AsArray().ShouldNotContain(e => e!["workItemId"] != null && e["workItemId"]!.GetValue<long>() == itemId);
        var events = await api.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{jobId}/events?limit=500");
        events["items"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).ShouldContain("work_item_timed_out");
    }
}
