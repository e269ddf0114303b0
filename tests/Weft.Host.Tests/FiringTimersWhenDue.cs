using System.Net;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Host.Tests;

/// <summary>
/// The host's timer service sleeps until the next timer is due instead of polling: it looks for
/// other processes' timers and sweeps only once an hour here, so only waking on its own writes and
/// sleeping until the due time can fire this timeout. The clock is the test's: its timers fire when
/// the test moves it.
/// </summary>
public sealed class FiringTimersWhenDue
{
    private static readonly Dictionary<string, string?> SleepyRuntime = new()
    {
        ["Weft:Runtime:Enabled"] = "true",
        ["Weft:Runtime:TickMilliseconds"] = "3600000",
        ["Weft:Runtime:SweepSeconds"] = "3600",
    };

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_timeout_fires_when_it_falls_due_without_waiting_for_a_poll(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider, SleepyRuntime);
        api.Clock.FiresTimers = true;
        var (_, itemId, first, other) = await TimedWork.StartAsync(api);

        api.Clock.Advance(TimeSpan.FromMinutes(9));
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items/{itemId}"))["agent"]!.GetValue<string>().ShouldBe(first);

        // Past the due time, a minute at a time (the service may be between reading the due time and going to sleep).
        string? agent = first;
        for (var minute = 0; minute < 30 && agent == first; minute++)
        {
            api.Clock.Advance(TimeSpan.FromMinutes(1));
            for (var look = 0; look < 50 && agent == first; look++)
            {
                await Task.Delay(20);
                agent = (await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items/{itemId}"))["agent"]?.GetValue<string>();
            }
        }
        agent.ShouldBe(other, "the timeout gave the unstarted item to the other agent");
    }
}
