using System.Globalization;
using System.Text;
using Weft.Flow.Rules;

namespace Weft.Flow.Definitions;

/// <summary>
/// Checks a draft before it is published. Reports every broken rule at once, each with a stable code,
/// and never throws, whatever the input.
/// </summary>
internal static class GraphValidator
{
    public const int MaxNodes = 500;
    public const int MaxEdges = 2000;
    public const int MaxKeyLength = 64;
    public const int MaxOperators = 100;
    public const int MaxLevel = 10;
    public const int MaxInstructions = 20_000;
    public const string Pass = "pass";
    public const string Fail = "fail";

    public static ValidationResult Validate(GraphDefinition graph)
    {
        var errors = new List<ValidationError>();
        IReadOnlyList<NodeDefinition?> nodes = graph?.Nodes ?? [];
        IReadOnlyList<EdgeDefinition?> edges = graph?.Edges ?? [];

        if (nodes.Count > MaxNodes || edges.Count > MaxEdges)
        {
            errors.Add(new("graph_too_large", Text(
                $"The graph has {nodes.Count} nodes and {edges.Count} edges; at most {MaxNodes} nodes and {MaxEdges} edges are allowed.")));
            return new ValidationResult(false, errors);
        }

        CheckNodeKeys(nodes, errors);
        var fields = RuleValidator.Fields(graph?.Fields, errors);
        var index = new GraphIndex(nodes, edges);
        CheckStartAndEnd(index, errors);
        var unknownEdges = CheckEdges(edges, index, errors);
        var hasCycle = CheckCycles(index, errors);
        var starts = Indices(index, NodeType.Start);
        if (starts.Count > 0)
            CheckReachability(index, starts, errors);

        for (var i = 0; i < index.Count; i++)
        {
            var node = index.Nodes[i];
            RoutingFields.Check(node, errors);
            switch (node.Type)
            {
                case NodeType.Task:
                    CheckWork(node, index, errors);
                    CheckTaskExits(node, index.Outgoing[i], errors);
                    break;
                case NodeType.Qc:
                    CheckWork(node, index, errors);
                    CheckQcExits(node, index.Outgoing[i], errors);
                    break;
                case NodeType.Decision:
                    CheckDecision(node, index.Outgoing[i], fields, errors);
                    break;
                case NodeType.Split when index.Outgoing[i].Count < 2:
                    errors.Add(new("split_too_few_branches",
                        $"Split '{node.Key}' needs at least two outgoing branches.", node.Key));
                    break;
                case NodeType.Join when index.Incoming[i].Count < 2:
                    errors.Add(new("join_too_few_incoming",
                        $"Join '{node.Key}' needs at least two incoming edges.", node.Key));
                    break;
                case NodeType.Timer:
                    WaitingNodes.CheckTimer(node, index.Outgoing[i], errors);
                    break;
                case NodeType.Wait:
                    WaitingNodes.CheckWait(node, index.Outgoing[i], errors);
                    break;
                case NodeType.Start or NodeType.End or NodeType.Split or NodeType.Join:
                    break;
                default:
                    errors.Add(new("node_type_invalid",
                        Text($"Node '{node.Key}' has an unknown type ({(int)node.Type})."), node.Key));
                    break;
            }
        }

        // Block analysis on a broken skeleton would only add noise to the errors above.
        if (starts.Count > 0 && !hasCycle && !unknownEdges)
            CheckBlocks(index, errors);

        // Parallel duplicate edges would otherwise repeat identical errors.
        return new ValidationResult(errors.Count == 0, errors.Distinct().ToList());
    }

    private static void CheckNodeKeys(IReadOnlyList<NodeDefinition?> nodes, List<ValidationError> errors)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            if (node is null)
            {
                errors.Add(new("node_key_missing", Text($"Node #{i + 1} is empty.")));
                continue;
            }
            if (string.IsNullOrWhiteSpace(node.Key))
            {
                errors.Add(new("node_key_missing", Text($"Node #{i + 1} has no key.")));
                continue;
            }
            if (!IsValidKey(node.Key))
            {
                errors.Add(new("node_key_invalid",
                    Text($"Node key '{node.Key}' is invalid: use 1 to {MaxKeyLength} letters, digits, '_', '.' or '-'."), node.Key));
            }
            seen[node.Key] = seen.GetValueOrDefault(node.Key) + 1;
            if (seen[node.Key] == 2)
                errors.Add(new("duplicate_node_key", $"Node key '{node.Key}' is used by more than one node.", node.Key));
        }
    }

    private static bool IsValidKey(string key) =>
        key.Length is > 0 and <= MaxKeyLength && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-');

    private static void CheckStartAndEnd(GraphIndex index, List<ValidationError> errors)
    {
        var starts = Indices(index, NodeType.Start);
        if (starts.Count == 0)
            errors.Add(new("start_missing", "The graph has no start node."));
        else if (starts.Count > 1)
        {
            var keys = string.Join(", ", starts.Select(s => $"'{index.Nodes[s].Key}'"));
            errors.Add(new("start_multiple", $"The graph has several start nodes ({keys}); it needs exactly one.",
                index.Nodes[starts[1]].Key));
        }
        foreach (var s in starts)
        {
            var key = index.Nodes[s].Key;
            if (index.Incoming[s].Count > 0)
                errors.Add(new("start_has_incoming", $"Start node '{key}' must not have incoming edges.", key,
                    EdgeId(index.Incoming[s][0])));
            if (index.Outgoing[s].Count != 1)
                errors.Add(new("start_outgoing_count", Text(
                    $"Start node '{key}' must have exactly one outgoing edge; it has {index.Outgoing[s].Count}."), key));
        }

        var ends = Indices(index, NodeType.End);
        if (ends.Count == 0)
            errors.Add(new("end_missing", "The graph has no end node."));
        foreach (var e in ends)
        {
            var key = index.Nodes[e].Key;
            if (index.Outgoing[e].Count > 0)
                errors.Add(new("end_has_outgoing", $"End node '{key}' must not have outgoing edges.", key,
                    EdgeId(index.Outgoing[e][0])));
        }
    }

    /// <summary>Returns true when some edge is empty or points at an unknown node.</summary>
    private static bool CheckEdges(IReadOnlyList<EdgeDefinition?> edges, GraphIndex index, List<ValidationError> errors)
    {
        var unknown = false;
        var seen = new HashSet<(string, string, string)>();
        for (var i = 0; i < edges.Count; i++)
        {
            var edge = edges[i];
            if (edge is null)
            {
                unknown = true;
                errors.Add(new("edge_unknown_node", Text($"Edge #{i + 1} is empty.")));
                continue;
            }
            var id = EdgeId(edge);
            var fromKnown = index.IndexOf(edge.From) >= 0;
            var toKnown = index.IndexOf(edge.To) >= 0;
            if (!fromKnown || !toKnown)
            {
                unknown = true;
                var which = (fromKnown, toKnown) switch
                {
                    (false, false) => $"neither '{edge.From}' nor '{edge.To}' is a node",
                    (false, _) => $"'{edge.From}' is not a node",
                    _ => $"'{edge.To}' is not a node",
                };
                errors.Add(new("edge_unknown_node", $"Edge {id} connects an unknown node: {which}.", null, id));
            }
            if (!seen.Add((edge.From ?? "", edge.To ?? "", Label(edge) ?? "")))
                errors.Add(new("duplicate_edge", $"Edge {id}{Describe(edge)} appears more than once.", null, id));
            if (edge.IsDefault && fromKnown && index.Nodes[index.IndexOf(edge.From)].Type != NodeType.Decision)
                errors.Add(new("default_not_allowed",
                    $"Edge {id} is marked as default, but only edges leaving a decision can be.", edge.From, id));
        }
        return unknown;
    }

    /// <summary>Reports each cycle closed by a back edge of a depth-first search; returns true if any.</summary>
    private static bool CheckCycles(GraphIndex index, List<ValidationError> errors)
    {
        var state = new byte[index.Count]; // 0 unvisited, 1 on the current path, 2 done
        var positionOnPath = new int[index.Count];
        var path = new List<int>();
        var stack = new Stack<(int Node, int Next)>();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        for (var root = 0; root < index.Count; root++)
        {
            if (state[root] != 0)
                continue;
            Enter(root);
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                var successors = index.Successors[node];
                if (next >= successors.Count)
                {
                    state[node] = 2;
                    path.RemoveAt(path.Count - 1);
                    continue;
                }
                stack.Push((node, next + 1));
                var s = successors[next];
                if (state[s] == 0)
                    Enter(s);
                else if (state[s] == 1)
                    ReportCycle(s);
            }
        }
        return reported.Count > 0;

        void Enter(int n)
        {
            state[n] = 1;
            positionOnPath[n] = path.Count;
            path.Add(n);
            stack.Push((n, 0));
        }

        void ReportCycle(int first)
        {
            var text = new StringBuilder();
            for (var p = positionOnPath[first]; p < path.Count; p++)
                text.Append(index.Nodes[path[p]].Key).Append(" -> ");
            text.Append(index.Nodes[first].Key);
            var cycle = text.ToString();
            if (reported.Add(cycle))
                errors.Add(new("cycle", $"Cycle: {cycle}. Graphs must be acyclic; rework is a qc failure, not a loop.",
                    index.Nodes[first].Key));
        }
    }

    private static void CheckReachability(GraphIndex index, List<int> starts, List<ValidationError> errors)
    {
        var fromStart = Reach(starts, index.Successors);
        for (var i = 0; i < index.Count; i++)
        {
            if (!fromStart[i])
                errors.Add(new("unreachable_node", $"Node '{index.Nodes[i].Key}' cannot be reached from the start.",
                    index.Nodes[i].Key));
        }

        var ends = Indices(index, NodeType.End);
        if (ends.Count == 0)
            return; // end_missing already says it; every node would be reported here
        var toEnd = Reach(ends, index.Predecessors);
        for (var i = 0; i < index.Count; i++)
        {
            if (!toEnd[i])
                errors.Add(new("cannot_reach_end", $"Node '{index.Nodes[i].Key}' has no path to an end node.",
                    index.Nodes[i].Key));
        }
    }

    private static void CheckWork(NodeDefinition node, GraphIndex index, List<ValidationError> errors)
    {
        var key = node.Key;
        if (string.IsNullOrWhiteSpace(node.Capability))
            errors.Add(new("capability_missing", $"Node '{key}' needs a capability.", key));
        if (node.Operators is < 1 or > MaxOperators)
            errors.Add(new("operators_invalid",
                Text($"Node '{key}' has {node.Operators} operators; it needs 1 to {MaxOperators}."), key));
        if (node.Level is < 1 or > MaxLevel)
            errors.Add(new("level_invalid", Text($"Node '{key}' has level {node.Level}; levels go from 1 to {MaxLevel}."), key));
        if (node.TimeoutMinutes is { } timeout && !(timeout > 0 && double.IsFinite(timeout)))
            errors.Add(new("timeout_invalid",
                Text($"Node '{key}' has a timeout of {timeout} minutes; a timeout must be positive."), key));
        WaitingNodes.CheckDeadline(node, errors);
        if (node.MaxAttempts is < 1 or > 20)
            errors.Add(new("attempts_invalid", Text($"Node '{key}' allows {node.MaxAttempts} attempts; automated work gets 1 to 20."), key));
        if (node.Instructions is { Length: > MaxInstructions })
            errors.Add(new("instructions_too_long", Text($"Node '{key}' has instructions of {node.Instructions.Length} characters; at most {MaxInstructions}."), key));
        if (node.OutputSchema is { } schema && (schema["type"]?.GetValueKind() != System.Text.Json.JsonValueKind.String
            || (string?)schema["type"] != "object" || schema.ToJsonString().Length > MaxInstructions))
            errors.Add(new("output_schema_invalid", $"Node '{key}' has an output schema that is not an object schema (\"type\": \"object\", at most {MaxInstructions} characters).", key));
        if (node.StandardMinutes is { } standard && !(standard >= 0 && double.IsFinite(standard)))
            errors.Add(new("standard_minutes_invalid",
                Text($"Node '{key}' has {standard} standard minutes; standard minutes cannot be negative."), key));

        var affinity = node.Affinity;
        if (string.IsNullOrWhiteSpace(affinity) || affinity == "none")
            return;
        var problem = node.AffinityNode switch
        {
            null => "use 'none' or 'same_agent_as:<node key>'",
            var target when target == key => "a node cannot have affinity with itself",
            var target when index.IndexOf(target) < 0 => $"'{target}' is not a node",
            var target when !index.Nodes[index.IndexOf(target)].IsWork => $"'{target}' is not a task or qc node",
            _ => null,
        };
        if (problem is not null)
            errors.Add(new("affinity_invalid", $"Node '{key}' has an invalid affinity '{affinity}': {problem}.", key));
    }

    private static void CheckTaskExits(NodeDefinition node, List<EdgeDefinition> outgoing, List<ValidationError> errors)
    {
        if (outgoing.Count < 2)
            return;
        foreach (var edge in outgoing.Where(e => Label(e) is null))
            errors.Add(new("task_edge_unlabelled",
                $"Task '{node.Key}' has several exits, so edge {EdgeId(edge)} needs an outcome.", node.Key, EdgeId(edge)));
        foreach (var (label, edge) in DuplicateLabels(outgoing))
            errors.Add(new("task_duplicate_outcome",
                $"Task '{node.Key}' has more than one exit with outcome '{label}'.", node.Key, EdgeId(edge)));
    }

    private static void CheckQcExits(NodeDefinition node, List<EdgeDefinition> outgoing, List<ValidationError> errors)
    {
        var key = node.Key;
        // A single unlabelled exit is the pass edge.
        var hasPass = outgoing.Any(e => Label(e) == Pass) || (outgoing.Count == 1 && Label(outgoing[0]) is null);
        if (!hasPass)
            errors.Add(new("qc_pass_edge_missing", $"QC '{key}' needs an outgoing edge with outcome 'pass'.", key));
        foreach (var edge in outgoing)
        {
            var label = Label(edge);
            if (label is null && outgoing.Count > 1)
                errors.Add(new("qc_outcome_invalid",
                    $"QC '{key}' has several exits, so edge {EdgeId(edge)} must be labelled 'pass' or 'fail'.", key, EdgeId(edge)));
            else if (label is not null and not Pass and not Fail)
                errors.Add(new("qc_outcome_invalid",
                    $"QC '{key}' edge {EdgeId(edge)} has outcome '{label}'; a qc outcome is 'pass' or 'fail'.", key, EdgeId(edge)));
        }
        foreach (var outcome in new[] { Pass, Fail })
        {
            var same = outgoing.Where(e => Label(e) == outcome).ToList();
            if (same.Count > 1)
                errors.Add(new("qc_outcome_invalid", $"QC '{key}' has more than one '{outcome}' edge.", key, EdgeId(same[1])));
        }
    }

    private static void CheckDecision(NodeDefinition node, List<EdgeDefinition> outgoing, IReadOnlyDictionary<string, string> fields,
        List<ValidationError> errors)
    {
        var key = node.Key;
        if (node.Rules is { Count: > 0 })
            RuleValidator.Check(node, outgoing.Select(Label).ToList(), fields, errors);
        else if (string.IsNullOrWhiteSpace(node.DecisionField))
            errors.Add(new("decision_field_missing", $"Decision '{key}' needs rules or the field it decides on.", key));
        if (outgoing.Count < 2)
            errors.Add(new("decision_too_few_edges",
                Text($"Decision '{key}' needs at least two outgoing edges; it has {outgoing.Count}."), key));
        foreach (var edge in outgoing.Where(e => !e.IsDefault && Label(e) is null))
            errors.Add(new("decision_edge_unlabelled",
                $"Decision '{key}' edge {EdgeId(edge)} needs an outcome (only the default edge may have none).", key, EdgeId(edge)));
        foreach (var (label, edge) in DuplicateLabels(outgoing))
            errors.Add(new("decision_duplicate_outcome",
                $"Decision '{key}' has more than one edge with outcome '{label}'.", key, EdgeId(edge)));
        var defaults = outgoing.Where(e => e.IsDefault).ToList();
        if (defaults.Count == 0)
            errors.Add(new("decision_default_missing", $"Decision '{key}' needs a default edge.", key));
        else if (defaults.Count > 1)
            errors.Add(new("decision_multiple_defaults",
                $"Decision '{key}' has {defaults.Count.ToString(CultureInfo.InvariantCulture)} default edges; it needs exactly one.",
                key, EdgeId(defaults[1])));
    }

    /// <summary>
    /// Splits and joins must form nested blocks: the join of a split is its immediate post-dominator, and
    /// nothing enters a block except through its split.
    /// </summary>
    private static void CheckBlocks(GraphIndex index, List<ValidationError> errors)
    {
        var ipdom = BlockAnalysis.ImmediatePostDominators(index.Count, index.Successors);
        var exit = index.Count;
        var closes = new Dictionary<int, List<int>>();
        for (var s = 0; s < index.Count; s++)
        {
            if (index.Nodes[s].Type != NodeType.Split)
                continue;
            var key = index.Nodes[s].Key;
            var j = ipdom[s];
            if (j == exit)
                errors.Add(new("split_unmatched",
                    $"Split '{key}' has no matching join: its branches do not all meet again before an end.", key));
            else if (index.Nodes[j].Type != NodeType.Join)
                errors.Add(new("split_unmatched",
                    $"Split '{key}' has no matching join: its branches first meet at '{index.Nodes[j].Key}', which is not a join.", key));
            else if (closes.TryGetValue(j, out var splits))
                splits.Add(s);
            else
                closes[j] = [s];
        }

        for (var j = 0; j < index.Count; j++)
        {
            if (index.Nodes[j].Type != NodeType.Join)
                continue;
            var key = index.Nodes[j].Key;
            if (!closes.TryGetValue(j, out var splits))
                errors.Add(new("join_unmatched", $"Join '{key}' does not close the branches of any split.", key));
            else if (splits.Count > 1)
                errors.Add(new("join_unmatched", $"Join '{key}' closes several splits ("
                    + string.Join(", ", splits.Select(s => $"'{index.Nodes[s].Key}'")) + "); each split needs its own join.", key));
        }

        foreach (var (j, splits) in closes)
        {
            foreach (var s in splits)
            {
                var block = BlockAnalysis.Block(s, j, index.Successors);
                for (var n = 0; n < index.Count; n++)
                {
                    // The join belongs to its split too, unless it is shared (reported above).
                    var guarded = block[n] || (n == j && splits.Count == 1);
                    if (!guarded)
                        continue;
                    foreach (var p in index.Predecessors[n].Distinct())
                    {
                        if (p == s || block[p])
                            continue;
                        var edge = $"{index.Nodes[p].Key}->{index.Nodes[n].Key}";
                        var what = n == j
                            ? $"Join '{index.Nodes[n].Key}' closes split '{index.Nodes[s].Key}'"
                            : $"Node '{index.Nodes[n].Key}' belongs to the block of split '{index.Nodes[s].Key}'";
                        errors.Add(new("block_entered_from_outside",
                            $"{what} but is entered from '{index.Nodes[p].Key}' outside that block (edge {edge}).",
                            index.Nodes[n].Key, edge));
                    }
                }
            }
        }
    }

    private static IEnumerable<(string Label, EdgeDefinition Edge)> DuplicateLabels(List<EdgeDefinition> outgoing) =>
        outgoing
            .Where(e => Label(e) is not null)
            .GroupBy(e => Label(e)!, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1)
            .Select(g => (g.Key, g.ElementAt(1)));

    private static bool[] Reach(List<int> roots, List<int>[] neighbours)
    {
        var seen = new bool[neighbours.Length];
        var stack = new Stack<int>();
        foreach (var r in roots)
        {
            seen[r] = true;
            stack.Push(r);
        }
        while (stack.Count > 0)
        {
            foreach (var n in neighbours[stack.Pop()])
            {
                if (!seen[n])
                {
                    seen[n] = true;
                    stack.Push(n);
                }
            }
        }
        return seen;
    }

    private static List<int> Indices(GraphIndex index, NodeType type) =>
        Enumerable.Range(0, index.Count).Where(i => index.Nodes[i].Type == type).ToList();

    private static string? Label(EdgeDefinition edge) =>
        string.IsNullOrWhiteSpace(edge.Outcome) ? null : edge.Outcome.Trim();

    private static string Describe(EdgeDefinition edge) => Label(edge) is { } label ? $" (outcome '{label}')" : "";

    private static string EdgeId(EdgeDefinition edge) => $"{edge.From}->{edge.To}";

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
