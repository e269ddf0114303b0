namespace Weft.AI.Providers;

/// <summary>How to reach one provider: its protocol, its address (null for the vendor's own), and its API key (null when it takes none).</summary>
internal sealed record ProviderConnection(string Kind, Uri? BaseUrl, string? ApiKey);
