using Microsoft.Extensions.Configuration;

namespace Weft.Platform.Webhooks;

/// <summary>
/// How webhooks are sent, from <c>Weft:Webhooks</c>. The sender runs unless <c>Weft:Runtime:Enabled</c> is false
/// (tests call <see cref="WebhookSender.SendDueAsync"/> themselves).
/// </summary>
public sealed record WebhookOptions(
    bool SenderEnabled, bool AllowPrivateNetworks, int MaxAttempts, TimeSpan FirstRetry, TimeSpan LongestRetry,
    TimeSpan Timeout, TimeSpan Poll, int Concurrency)
{
    public static WebhookOptions From(IConfiguration config) => new(
        config.GetValue("Weft:Runtime:Enabled", true),
        config.GetValue("Weft:Webhooks:AllowPrivateNetworks", false),
        Math.Clamp(config.GetValue("Weft:Webhooks:MaxAttempts", 8), 1, 50),
        TimeSpan.FromSeconds(Math.Max(1, config.GetValue("Weft:Webhooks:FirstRetrySeconds", 30))),
        TimeSpan.FromMinutes(Math.Max(1, config.GetValue("Weft:Webhooks:LongestRetryMinutes", 360))),
        TimeSpan.FromSeconds(Math.Clamp(config.GetValue("Weft:Webhooks:TimeoutSeconds", 10), 1, 120)),
        TimeSpan.FromMilliseconds(Math.Max(100, config.GetValue("Weft:Webhooks:PollMilliseconds", 2000))),
        Math.Clamp(config.GetValue("Weft:Webhooks:Concurrency", 8), 1, 64));

    /// <summary>
    /// The wait after the <paramref name="tries"/>-th failed try: <see cref="FirstRetry"/> doubled each time, at most
    /// <see cref="LongestRetry"/>, plus up to a quarter more by <paramref name="jitter"/> (0 ≤ jitter &lt; 1) so that
    /// receivers coming back after an outage are not hit by every retry at the same second.
    /// </summary>
    public TimeSpan Backoff(int tries, double jitter)
    {
        var exponent = Math.Min(30, Math.Max(0, tries - 1));
        var wait = Math.Min(LongestRetry.TotalSeconds, FirstRetry.TotalSeconds * Math.Pow(2, exponent));
        return TimeSpan.FromSeconds(wait * (1 + 0.25 * Math.Clamp(jitter, 0, 1)));
    }
}
