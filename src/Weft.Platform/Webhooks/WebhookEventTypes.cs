namespace Weft.Platform.Webhooks;

/// <summary>A subscription's event list as stored: names separated by spaces, or <see cref="Any"/>.</summary>
internal static class WebhookEventTypes
{
    public const string Any = "*";

    /// <summary>The event a test ping sends; every subscription takes it.</summary>
    public const string Ping = "webhook.ping";

    public static IReadOnlyList<string> Split(string stored) => stored.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public static string Join(IEnumerable<string> types) => string.Join(' ', types.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    public static bool Matches(string stored, string eventType) =>
        stored == Any || Split(stored).Contains(eventType, StringComparer.Ordinal);
}
