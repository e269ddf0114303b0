using System.Text.Json;
using System.Text.Json.Nodes;

namespace Weft.Support.Knowledge;

/// <summary>The public help center's addresses, and the names its articles have in the AI's knowledge base.</summary>
internal static class HelpCenterPaths
{
    /// <summary>The knowledge base (of the AI module) published articles are kept in, for AI agents to answer from.</summary>
    public const string KnowledgeBase = "help-center";
    public const string KnowledgeBaseName = "Help center";
    private const string DocumentSuffix = ".md";

    public static string Home(string tenantKey) => $"/help/{Uri.EscapeDataString(tenantKey)}";

    public static string Article(string tenantKey, string slug) => $"{Home(tenantKey)}/articles/{slug}";

    public static string DocumentOf(string slug) => slug + DocumentSuffix;

    /// <summary>The slug of a help center document (<c>where-is-my-order.md</c>), or null for any other document.</summary>
    public static string? SlugOfDocument(string? document) =>
        document is not null && document.EndsWith(DocumentSuffix, StringComparison.Ordinal) && Slugs.IsValid(document[..^DocumentSuffix.Length])
            ? document[..^DocumentSuffix.Length] : null;

    /// <summary>An AI answer's sources, each help center article among them with its public address (<c>url</c>) added.</summary>
    public static JsonArray Linked(JsonArray sources, string tenantKey)
    {
        var linked = (JsonArray)sources.DeepClone();
        foreach (var source in linked.OfType<JsonObject>())
        {
            if (source["base"]?.GetValueKind() == JsonValueKind.String && source["base"]!.GetValue<string>() == KnowledgeBase
                && source["document"]?.GetValueKind() == JsonValueKind.String && SlugOfDocument(source["document"]!.GetValue<string>()) is { } slug)
                source["url"] = Article(tenantKey, slug);
        }
        return linked;
    }
}
