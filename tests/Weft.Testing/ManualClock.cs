namespace Weft.Testing;

/// <summary>
/// A clock the test moves by hand; the engine reads time only through TimeProvider. Timers made from
/// it (<c>Task.Delay(…, clock)</c>) run on real time unless <see cref="FiresTimers"/> is set: then
/// they fall due only when <see cref="Advance"/> moves the clock past their time.
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;
    private readonly Lock gate = new();
    private readonly List<ManualTimer> timers = [];

    public ManualClock() : this(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Whether timers created from now on follow this clock instead of real time.</summary>
    public bool FiresTimers { get; set; }

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate) return now;
    }

    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due;
        lock (gate)
        {
            now += by;
            due = timers.Where(t => t.DueAt <= now).ToList();
        }
        foreach (var timer in due) timer.Fire();
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (!FiresTimers) return base.CreateTimer(callback, state, dueTime, period);
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset? DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock.gate)
            {
                this.period = period;
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : clock.now + dueTime;
                if (DueAt is null) clock.timers.Remove(this);
                else if (!clock.timers.Contains(this)) clock.timers.Add(this);
            }
            if (dueTime == TimeSpan.Zero) ThreadPool.QueueUserWorkItem(_ => Fire());
            return true;
        }

        public void Fire()
        {
            lock (clock.gate)
            {
                if (DueAt is null || DueAt > clock.now) return;
                if (period > TimeSpan.Zero && period != Timeout.InfiniteTimeSpan) DueAt = clock.now + period;
                else
                {
                    DueAt = null;
                    clock.timers.Remove(this);
                }
            }
            callback(state);
        }

        public void Dispose()
        {
            lock (clock.gate)
            {
                DueAt = null;
                clock.timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
