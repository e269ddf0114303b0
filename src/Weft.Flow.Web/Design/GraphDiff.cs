using System.Text.Json;
using System.Text.Json.Nodes;
using Weft.Flow.Definitions;

namespace Weft.Flow.Web.Design;

/// <summary>A node present in both versions whose settings differ: which ones, and how.</summary>
public sealed record NodeChange(string Node, IReadOnlyList<(string Setting, string? Before, string? After)> Settings);

/// <summary>What changed from one version of a routing to another: steps and connections added, removed or changed.</summary>
public sealed record GraphDiff(
    IReadOnlyList<string> AddedNodes, IReadOnlyList<string> RemovedNodes, IReadOnlyList<NodeChange> ChangedNodes,
    IReadOnlyList<string> AddedEdges, IReadOnlyList<string> RemovedEdges)
{
    public bool IsEmpty => AddedNodes.Count + RemovedNodes.Count + ChangedNodes.Count + AddedEdges.Count + RemovedEdges.Count == 0;

    public static GraphDiff Between(GraphDefinition before, GraphDefinition after)
    {
        var old = before.Nodes.ToDictionary(n => n.Key);
        var now = after.Nodes.ToDictionary(n => n.Key);
        var changed = new List<NodeChange>();
        foreach (var key in now.Keys.Where(old.ContainsKey))
        {
            var a = Settings(old[key]);
            var b = Settings(now[key]);
            var differing = a.Keys.Union(b.Keys).Order(StringComparer.Ordinal)
                .Select(s => (Setting: s, Before: a.GetValueOrDefault(s), After: b.GetValueOrDefault(s)))
                .Where(x => x.Before != x.After)
                .ToList();
            if (differing.Count > 0) changed.Add(new NodeChange(key, differing));
        }
        var oldEdges = before.Edges.Select(Describe).ToHashSet();
        var newEdges = after.Edges.Select(Describe).ToHashSet();
        return new GraphDiff(
            now.Keys.Where(k => !old.ContainsKey(k)).ToList(),
            old.Keys.Where(k => !now.ContainsKey(k)).ToList(),
            changed,
            after.Edges.Select(Describe).Where(e => !oldEdges.Contains(e)).ToList(),
            before.Edges.Select(Describe).Where(e => !newEdges.Contains(e)).ToList());
    }

    /// <summary>A connection in words: <c>cut → check (pass)</c>.</summary>
    public static string Describe(EdgeDefinition e) =>
        $"{e.From} → {e.To}" + (e.Outcome is { Length: > 0 } o ? $" ({o})" : "") + (e.IsDefault ? " (default)" : "");

    // A node's settings as the API writes them, each as its JSON text.
    private static Dictionary<string, string> Settings(NodeDefinition node)
    {
        var json = JsonSerializer.SerializeToNode(node, JsonSerializerOptions.Web)!.AsObject();
        return json.Where(p => p.Value is not null && p.Key != "key")
            .ToDictionary(p => p.Key, p => p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : p.Value!.ToJsonString());
    }
}
