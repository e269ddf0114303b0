namespace Weft.Testing;

/// <summary>A clock the test moves by hand; the engine reads time only through TimeProvider.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;
    private readonly Lock gate = new();

    public ManualClock() : this(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate) return now;
    }

    public void Advance(TimeSpan by)
    {
        lock (gate) now += by;
    }
}
