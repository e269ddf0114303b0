using Microsoft.Extensions.Configuration;

namespace Weft.Platform.Events;

/// <summary>How integration events are delivered, from <c>Weft:Events</c>.</summary>
public sealed record EventDeliveryOptions(bool Enabled, TimeSpan Poll, int MaxAttempts)
{
    public static EventDeliveryOptions From(IConfiguration config) => new(
        config.GetValue("Weft:Events:Enabled", true),
        TimeSpan.FromMilliseconds(config.GetValue("Weft:Events:PollMilliseconds", 1000)),
        config.GetValue("Weft:Events:MaxAttempts", 5));

    /// <summary>The wait before attempt <paramref name="attempts"/> + 1: 1 s, 2 s, 4 s … at most 5 minutes.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, Math.Max(0, attempts - 1))));
}
