namespace Weft.Platform.Webhooks;

/// <summary>The integration events modules offer to webhooks (<c>AddWebhookEvent</c>): what subscriptions may name.</summary>
public sealed class WebhookEventCatalog
{
    private readonly SortedSet<string> names = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => names;

    public bool Contains(string name) => names.Contains(name);

    internal bool Add(string name) => names.Add(name);
}
