namespace Weft.Platform.Time;

/// <summary>
/// The clock of an installation in demo mode: the time of the clock it wraps, except while the demo writes its history,
/// when it shows the moment that history has reached. The demo is seeded before the server takes a request or any
/// background service starts, so nothing else reads a turned-back time; <see cref="Resume"/> ends it.
/// </summary>
public sealed class DemoClock(TimeProvider inner) : TimeProvider
{
    private long offsetTicks;

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow().AddTicks(Interlocked.Read(ref offsetTicks));

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);

    /// <summary>The real time: what the wrapped clock says, whatever this one shows.</summary>
    public DateTimeOffset RealNow => inner.GetUtcNow();

    /// <summary>Shows <paramref name="moment"/> as now (it then runs on from there); it must not be later than the real time.</summary>
    public void Show(DateTimeOffset moment)
    {
        var offset = moment - inner.GetUtcNow();
        if (offset > TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(moment), "The demo's history cannot be in the future.");
        Interlocked.Exchange(ref offsetTicks, offset.Ticks);
    }

    /// <summary>Back to the real time.</summary>
    public void Resume() => Interlocked.Exchange(ref offsetTicks, 0);
}
