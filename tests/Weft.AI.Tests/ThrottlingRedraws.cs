using Weft.AI.Ui;
using Weft.Testing;

namespace Weft.AI.Tests;

/// <summary>A streamed answer redraws the console once per interval, however many pieces arrive in it.</summary>
public sealed class ThrottlingRedraws
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task Pieces_arriving_within_an_interval_share_one_redraw_and_a_later_piece_gets_its_own()
    {
        var clock = new ManualClock { FiresTimers = true };
        var redraws = 0;
        using var drawn = new SemaphoreSlim(0);
        var throttle = new RedrawThrottle(() =>
        {
            Interlocked.Increment(ref redraws);
            drawn.Release();
            return Task.CompletedTask;
        }, Interval, clock);

        throttle.Request();
        throttle.Request();
        throttle.Request();
        Volatile.Read(ref redraws).ShouldBe(0, "nothing is drawn before the interval has passed");
        clock.Advance(Interval);
        (await drawn.WaitAsync(TimeSpan.FromSeconds(30))).ShouldBeTrue();
        Volatile.Read(ref redraws).ShouldBe(1);

        throttle.Request();
        clock.Advance(Interval);
        (await drawn.WaitAsync(TimeSpan.FromSeconds(30))).ShouldBeTrue();
        Volatile.Read(ref redraws).ShouldBe(2);
    }
}
