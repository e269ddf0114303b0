namespace Weft.AI.Runs;

/// <summary>Tokens one call (or a run's calls together) used; <paramref name="CachedInput"/> is the part of <paramref name="Input"/> read from the provider's cache.</summary>
public sealed record TokenUsage(long Input, long Output, long CachedInput)
{
    public static readonly TokenUsage None = new(0, 0, 0);

    public static TokenUsage operator +(TokenUsage a, TokenUsage b) => new(a.Input + b.Input, a.Output + b.Output, a.CachedInput + b.CachedInput);
}
