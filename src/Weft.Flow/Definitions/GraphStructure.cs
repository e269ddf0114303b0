using System.Globalization;

namespace Weft.Flow.Definitions;

/// <summary>
/// The split/join blocks of a valid graph: which join closes each split and which split encloses each node.
/// The engine uses it to route child tokens back to their join.
/// </summary>
internal sealed class GraphStructure
{
    private readonly Dictionary<string, string> matchingJoins;
    private readonly Dictionary<string, string?> enclosingSplits;

    private GraphStructure(Dictionary<string, string> matchingJoins, Dictionary<string, string?> enclosingSplits)
    {
        this.matchingJoins = matchingJoins;
        this.enclosingSplits = enclosingSplits;
    }

    /// <summary>Analyses a graph; throws <see cref="InvalidOperationException"/> if the graph does not validate.</summary>
    public static GraphStructure Of(GraphDefinition g)
    {
        ArgumentNullException.ThrowIfNull(g);
        var validation = GraphValidator.Validate(g);
        if (!validation.Valid)
        {
            var codes = string.Join(", ", validation.Errors.Select(e => e.Code).Distinct(StringComparer.Ordinal));
            throw new InvalidOperationException(
                string.Create(CultureInfo.InvariantCulture, $"The graph is not valid ({validation.Errors.Count} errors: {codes})."));
        }

        var index = new GraphIndex(g.Nodes, g.Edges);
        var ipdom = BlockAnalysis.ImmediatePostDominators(index.Count, index.Successors);
        var joins = new Dictionary<string, string>(StringComparer.Ordinal);
        var blocks = new List<(string Split, bool[] Members, int Size)>();
        for (var s = 0; s < index.Count; s++)
        {
            if (index.Nodes[s].Type != NodeType.Split)
                continue;
            var j = ipdom[s];
            joins[index.Nodes[s].Key] = index.Nodes[j].Key;
            var members = BlockAnalysis.Block(s, j, index.Successors);
            blocks.Add((index.Nodes[s].Key, members, members.Count(m => m)));
        }

        // Blocks of a valid graph nest, so the innermost enclosing block is the smallest one.
        var enclosing = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var n = 0; n < index.Count; n++)
        {
            string? best = null;
            var bestSize = int.MaxValue;
            foreach (var (split, members, size) in blocks)
            {
                if (members[n] && size < bestSize)
                {
                    best = split;
                    bestSize = size;
                }
            }
            enclosing[index.Nodes[n].Key] = best;
        }

        return new GraphStructure(joins, enclosing);
    }

    /// <summary>The join node that closes the block opened by <paramref name="splitKey"/>.</summary>
    public string MatchingJoin(string splitKey) =>
        matchingJoins.TryGetValue(splitKey, out var join)
            ? join
            : throw new KeyNotFoundException($"'{splitKey}' is not a split node of this graph.");

    /// <summary>The innermost split whose block contains the node, or null at top level.</summary>
    public string? EnclosingSplit(string nodeKey) =>
        enclosingSplits.TryGetValue(nodeKey, out var split)
            ? split
            : throw new KeyNotFoundException($"'{nodeKey}' is not a node of this graph.");

    public bool IsTopLevel(string nodeKey) => EnclosingSplit(nodeKey) is null;
}

/// <summary>Nodes numbered 0..Count-1 (first node of each key wins) and the edges whose both ends are known.</summary>
internal sealed class GraphIndex
{
    public GraphIndex(IReadOnlyList<NodeDefinition?> nodes, IReadOnlyList<EdgeDefinition?> edges)
    {
        foreach (var node in nodes)
        {
            if (node is null || string.IsNullOrWhiteSpace(node.Key) || Positions.ContainsKey(node.Key))
                continue;
            Positions[node.Key] = Nodes.Count;
            Nodes.Add(node);
        }

        Successors = new List<int>[Nodes.Count];
        Predecessors = new List<int>[Nodes.Count];
        Outgoing = new List<EdgeDefinition>[Nodes.Count];
        Incoming = new List<EdgeDefinition>[Nodes.Count];
        for (var i = 0; i < Nodes.Count; i++)
        {
            Successors[i] = [];
            Predecessors[i] = [];
            Outgoing[i] = [];
            Incoming[i] = [];
        }

        foreach (var edge in edges)
        {
            if (edge is null)
                continue;
            var from = IndexOf(edge.From);
            var to = IndexOf(edge.To);
            if (from >= 0)
                Outgoing[from].Add(edge);
            if (to >= 0)
                Incoming[to].Add(edge);
            if (from >= 0 && to >= 0)
            {
                Successors[from].Add(to);
                Predecessors[to].Add(from);
            }
        }
    }

    public List<NodeDefinition> Nodes { get; } = [];
    public Dictionary<string, int> Positions { get; } = new(StringComparer.Ordinal);
    public List<int>[] Successors { get; }
    public List<int>[] Predecessors { get; }
    /// <summary>Edges leaving a known node, whatever their target.</summary>
    public List<EdgeDefinition>[] Outgoing { get; }
    /// <summary>Edges entering a known node, whatever their source.</summary>
    public List<EdgeDefinition>[] Incoming { get; }
    public int Count => Nodes.Count;

    public int IndexOf(string? key) => key is not null && Positions.TryGetValue(key, out var i) ? i : -1;
}

/// <summary>Post-dominator analysis of an acyclic graph, with a virtual exit after every sink.</summary>
internal static class BlockAnalysis
{
    /// <summary>
    /// Immediate post-dominator of each node; the value <c>count</c> stands for the virtual exit.
    /// The graph must be acyclic.
    /// </summary>
    public static int[] ImmediatePostDominators(int count, List<int>[] successors)
    {
        var exit = count;
        var ipdom = new int[count + 1];
        var depth = new int[count + 1];
        ipdom[exit] = exit;
        foreach (var n in PostOrder(count, successors))
        {
            var candidate = -1;
            foreach (var s in successors[n])
                candidate = candidate < 0 ? s : Meet(candidate, s, ipdom, depth);
            ipdom[n] = candidate < 0 ? exit : candidate;
            depth[n] = depth[ipdom[n]] + 1;
        }
        return ipdom;
    }

    /// <summary>Nodes reachable from <paramref name="split"/> without passing <paramref name="join"/>, both excluded.</summary>
    public static bool[] Block(int split, int join, List<int>[] successors)
    {
        var inside = new bool[successors.Length];
        var stack = new Stack<int>();
        foreach (var s in successors[split])
            Visit(s);
        while (stack.Count > 0)
        {
            foreach (var s in successors[stack.Pop()])
                Visit(s);
        }
        return inside;

        void Visit(int n)
        {
            if (n == join || n == split || inside[n])
                return;
            inside[n] = true;
            stack.Push(n);
        }
    }

    private static int Meet(int a, int b, int[] ipdom, int[] depth)
    {
        while (a != b)
        {
            if (depth[a] >= depth[b])
                a = ipdom[a];
            else
                b = ipdom[b];
        }
        return a;
    }

    /// <summary>Every node after all its successors (a reverse topological order on a DAG).</summary>
    private static List<int> PostOrder(int count, List<int>[] successors)
    {
        var order = new List<int>(count);
        var visited = new bool[count];
        var stack = new Stack<(int Node, int Next)>();
        for (var root = 0; root < count; root++)
        {
            if (visited[root])
                continue;
            visited[root] = true;
            stack.Push((root, 0));
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                if (next < successors[node].Count)
                {
                    stack.Push((node, next + 1));
                    var s = successors[node][next];
                    if (!visited[s])
                    {
                        visited[s] = true;
                        stack.Push((s, 0));
                    }
                }
                else
                {
                    order.Add(node);
                }
            }
        }
        return order;
    }
}
