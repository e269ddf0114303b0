using System.Globalization;
using System.Text.Json.Nodes;
using Weft.Flow.Definitions;
using Weft.Platform.Errors;

namespace Weft.AI.Patterns;

/// <summary>
/// Writes a pattern as a routing graph: every agent's part is a task node (durable, visible, done by whoever has the
/// capability, a person included), branches are split and join, a debate's rounds are laid out one after another (the
/// graph stays acyclic, so the rounds are bounded by construction), and the parts that decide (judge, checker, handoff)
/// answer in a schema whose <c>outcome</c> picks the edge.
/// </summary>
internal static class PatternGraphs
{
    public const int MaxAgents = 8;
    public const int MaxRounds = 5;

    public static readonly JsonObject JudgeSchema = Schema("""
        {"type":"object","properties":{"decision":{"type":"string"},"winner":{"type":"string"},"reasoning":{"type":"string"}},
         "required":["decision","reasoning"]}
        """);

    public static readonly JsonObject CheckerSchema = Schema("""
        {"type":"object","properties":{"verdict":{"type":"string","enum":["approved","rejected"]},"issues":{"type":"array","items":{"type":"string"}},
         "outcome":{"type":"string","enum":["approved","rejected"]}},"required":["verdict","outcome"]}
        """);

    public static readonly JsonObject HandoffSchema = Schema("""
        {"type":"object","properties":{"answer":{"type":"string"},"confidence":{"type":"number","minimum":0,"maximum":1},
         "summary":{"type":"string"},"outcome":{"type":"string","enum":["answered","handoff"]}},"required":["answer","confidence","outcome"]}
        """);

    public static GraphDefinition Build(PatternRequest request)
    {
        var kind = request.Kind ?? throw WeftException.Invalid("kind_required", $"'kind' is required: one of {string.Join(", ", PatternKinds.All)}.");
        if (!PatternKinds.All.Contains(kind))
            throw WeftException.Invalid("invalid_kind", $"'kind' must be one of {string.Join(", ", PatternKinds.All)}.");
        var agents = request.Agents ?? [];
        var (least, most) = kind switch
        {
            PatternKinds.Sequential => (1, MaxAgents),
            PatternKinds.Verification or PatternKinds.Handoff => (1, 1),
            PatternKinds.Debate => (2, 4),
            _ => (2, MaxAgents),
        };
        if (agents.Count < least || agents.Count > most)
            throw WeftException.Invalid("invalid_agents", least == most
                ? $"A {kind} pattern has exactly {least} agent in 'agents'."
                : $"A {kind} pattern has {least} to {most} agents in 'agents'.");
        var needsLead = kind is PatternKinds.Parallel or PatternKinds.Debate or PatternKinds.Verification or PatternKinds.ExpertPanel;
        if (needsLead && request.Lead is null)
            throw WeftException.Invalid("lead_required", $"A {kind} pattern needs a 'lead' ({LeadName(kind)}).");
        if (!needsLead && request.Lead is not null)
            throw WeftException.Invalid("lead_not_used", $"A {kind} pattern has no lead.");
        if (kind == PatternKinds.Handoff && request.Person is null)
            throw WeftException.Invalid("person_required", "A handoff pattern needs a 'person': the capability of the people it hands over to.");
        if (request.Person is not null && kind is not (PatternKinds.Handoff or PatternKinds.Verification))
            throw WeftException.Invalid("person_not_used", $"A {kind} pattern has no person step; only handoff and verification do.");
        if (kind == PatternKinds.Debate)
        {
            if (request.Rounds is not { } r || r < 1 || r > MaxRounds)
                throw WeftException.Invalid("invalid_rounds", $"A debate has 1 to {MaxRounds} 'rounds'.");
        }
        else if (request.Rounds is not null)
        {
            throw WeftException.Invalid("rounds_not_used", "Only a debate has rounds.");
        }
        if (request.MaxCost is { } cost && (cost <= 0 || cost > 10_000))
            throw WeftException.Invalid("invalid_max_cost", "'maxCost' is a number of US dollars above 0 and at most 10,000.");
        var roles = agents.Select((a, i) => Checked(a, $"agents[{i}]")).ToList();
        var lead = request.Lead is null ? null : Checked(request.Lead, "lead", "lead");
        var person = request.Person is null ? null : Checked(request.Person, "person", "person");
        var keys = roles.Select(r => r.Key).Concat(lead is null ? [] : [lead.Key]).Concat(person is null ? [] : [person.Key]).ToList();
        if (keys.Distinct(StringComparer.Ordinal).Count() != keys.Count)
            throw WeftException.Invalid("duplicate_role_key", "Every agent, the lead and the person need keys of their own.");

        var graph = new GraphWriter();
        switch (kind)
        {
            case PatternKinds.Sequential:
                var previous = "start";
                foreach (var role in roles)
                {
                    graph.Task(role, Instructions(role, "Build on what the steps before you wrote (in the data, under their keys)."));
                    graph.Edge(previous, role.Key);
                    previous = role.Key;
                }
                graph.Edge(previous, "end");
                break;
            case PatternKinds.Parallel:
            case PatternKinds.ExpertPanel:
                var joined = graph.FanOut("start", "all", roles, r => Instructions(r, null));
                graph.Task(lead!, Instructions(lead!, kind == PatternKinds.Parallel
                    ? $"Aggregate the answers of {string.Join(", ", roles.Select(r => r.Key))} (in the data, under their keys) into one."
                    : $"Synthesize the specialists' contributions ({string.Join(", ", roles.Select(r => r.Key))}, in the data under their keys) into one answer; say where they disagree."));
                graph.Edge(joined, lead!.Key);
                graph.Edge(lead.Key, "end");
                break;
            case PatternKinds.Debate:
                var from = "start";
                for (var round = 1; round <= request.Rounds; round++)
                {
                    var n = round;
                    var debaters = roles.Select(r => r with { Key = RoundKey(n, r.Key), Name = $"{r.Name} (round {n})" }).ToList();
                    from = graph.FanOut(from, $"round-{n}", debaters, r => Instructions(r, n == 1
                        ? "Make your case."
                        : $"This is round {n} of {request.Rounds}: answer the other side's arguments from the earlier rounds (in the data, under round-1-…, round-2-…)."));
                }
                graph.Task(lead!, Instructions(lead!, "Weigh the debate (every round is in the data) and decide. Name the winner if there is one."), JudgeSchema);
                graph.Edge(from, lead!.Key);
                graph.Edge(lead.Key, "end");
                break;
            case PatternKinds.Verification:
                var maker = roles[0];
                graph.Task(maker, Instructions(maker, "Write the draft."));
                graph.Task(lead!, Instructions(lead!, $"Check the draft (in the data under '{maker.Key}') against the data. Approve it only if it is correct and complete; otherwise reject it and list the issues."), CheckerSchema);
                graph.Edge("start", maker.Key);
                graph.Edge(maker.Key, lead!.Key);
                graph.Edge(lead.Key, "end", "approved");
                if (person is not null)
                {
                    graph.Task(person, Instructions(person, "The checker rejected the draft: correct it, with the issues it listed."), auto: false);
                    graph.Edge(lead.Key, person.Key, "rejected");
                    graph.Edge(person.Key, "end");
                }
                else
                {
                    graph.End("rejected", "Rejected");
                    graph.Edge(lead.Key, "rejected", "rejected");
                }
                break;
            case PatternKinds.Handoff:
                var first = roles[0];
                graph.Task(first, Instructions(first, "Answer if you are confident; otherwise hand over to a person with a summary they can act on."), HandoffSchema);
                graph.Task(person!, Instructions(person!, "The agent handed this over: read its summary and answer."), auto: false);
                graph.Edge("start", first.Key);
                graph.Edge(first.Key, "end", "answered");
                graph.Edge(first.Key, person!.Key, "handoff");
                graph.Edge(person.Key, "end");
                break;
        }
        return graph.Definition();
    }

    /// <summary>A debater's node in a round: <c>round-2-pro</c>.</summary>
    public static string RoundKey(int round, string role) => string.Create(CultureInfo.InvariantCulture, $"round-{round}-{role}");

    private static string LeadName(string kind) => kind switch
    {
        PatternKinds.Parallel => "the aggregator",
        PatternKinds.Debate => "the judge",
        PatternKinds.Verification => "the checker",
        _ => "the lead who synthesizes",
    };

    private static Part Checked(PatternRole role, string where, string? defaultKey = null)
    {
        var key = role.Key ?? defaultKey;
        if (string.IsNullOrWhiteSpace(key) || key.Length > 40 || !key.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            || key is "start" or "end" or "rejected" || key.StartsWith("round-", StringComparison.Ordinal) || key.StartsWith("split-", StringComparison.Ordinal)
            || key.StartsWith("join-", StringComparison.Ordinal))
            throw WeftException.Invalid("invalid_role_key", $"'{where}.key' is 1-40 lowercase letters, digits and dashes, and not a name the pattern uses itself.");
        if (string.IsNullOrWhiteSpace(role.Capability) || role.Capability.Length > 64)
            throw WeftException.Invalid("capability_required", $"'{where}.capability' names the capability whose agents do this part (at most 64 characters).");
        if (role.Instructions is { Length: > 8000 })
            throw WeftException.Invalid("instructions_too_long", $"'{where}.instructions' is at most 8,000 characters.");
        if (role.Name is { Length: > 100 })
            throw WeftException.Invalid("name_too_long", $"'{where}.name' is at most 100 characters.");
        return new Part(key, string.IsNullOrWhiteSpace(role.Name) ? key : role.Name.Trim(), role.Capability.Trim(), role.Instructions);
    }

    private static string Instructions(Part role, string? pattern) =>
        string.Join("\n\n", new[] { role.Instructions?.Trim(), pattern }.Where(s => !string.IsNullOrEmpty(s)));

    private static JsonObject Schema(string json) => JsonNode.Parse(json)!.AsObject();

    /// <summary>A role as checked: its key, name and capability set.</summary>
    private sealed record Part(string Key, string Name, string Capability, string? Instructions);

    /// <summary>Collects nodes and edges, with the start and end every pattern has.</summary>
    private sealed class GraphWriter
    {
        private readonly List<NodeDefinition> nodes = [new() { Key = "start", Type = NodeType.Start }, new() { Key = "end", Type = NodeType.End }];
        private readonly List<EdgeDefinition> edges = [];

        public void Task(Part role, string instructions, JsonObject? schema = null, bool auto = true) =>
            nodes.Add(new NodeDefinition
            {
                Key = role.Key, Type = NodeType.Task, Name = role.Name, Capability = role.Capability,
                Assignment = auto ? AssignmentMode.Auto : AssignmentMode.Pool, Instructions = instructions,
                OutputSchema = schema?.DeepClone().AsObject(),
            });

        public void End(string key, string name) => nodes.Add(new NodeDefinition { Key = key, Type = NodeType.End, Name = name });

        public void Edge(string from, string to, string? outcome = null) => edges.Add(new EdgeDefinition { From = from, To = to, Outcome = outcome });

        /// <summary>Branches from <paramref name="from"/> to each role at once; returns the join they meet at.</summary>
        public string FanOut(string from, string name, IReadOnlyList<Part> roles, Func<Part, string> instructions)
        {
            string split = $"split-{name}", join = $"join-{name}";
            nodes.Add(new NodeDefinition { Key = split, Type = NodeType.Split });
            nodes.Add(new NodeDefinition { Key = join, Type = NodeType.Join });
            Edge(from, split);
            foreach (var role in roles)
            {
                Task(role, instructions(role));
                Edge(split, role.Key);
                Edge(role.Key, join);
            }
            return join;
        }

        public GraphDefinition Definition() => new() { Nodes = [.. nodes], Edges = [.. edges] };
    }
}
