using System.Text.Json.Serialization;

namespace Weft.Flow.Definitions;

/// <summary>The kinds of node a routing graph is made of.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NodeType>))]
public enum NodeType
{
    [JsonStringEnumMemberName("start")] Start,
    [JsonStringEnumMemberName("task")] Task,
    [JsonStringEnumMemberName("qc")] Qc,
    [JsonStringEnumMemberName("decision")] Decision,
    [JsonStringEnumMemberName("split")] Split,
    [JsonStringEnumMemberName("join")] Join,
    [JsonStringEnumMemberName("end")] End,
    /// <summary>The token waits for a duration, or until a date from its data.</summary>
    [JsonStringEnumMemberName("timer")] Timer,
    /// <summary>The token waits for a named message with its correlation key (or, with a timeout, for the timeout).</summary>
    [JsonStringEnumMemberName("wait")] Wait,
}

/// <summary>How work at a task node reaches an agent.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AssignmentMode>))]
public enum AssignmentMode
{
    [JsonStringEnumMemberName("pool")] Pool,
    [JsonStringEnumMemberName("auto")] Auto,
}

/// <summary>One node of a routing graph, as a person or program writes it in a draft.</summary>
public sealed record NodeDefinition
{
    public string Key { get; init; } = "";
    public NodeType Type { get; init; }
    public string? Name { get; init; }
    public string? Capability { get; init; }
    /// <summary>The capability level an agent needs for this node (default 1).</summary>
    public int Level { get; init; } = 1;
    public int Operators { get; init; } = 1;
    public double? StandardMinutes { get; init; }
    public double? TimeoutMinutes { get; init; }
    public AssignmentMode Assignment { get; init; } = AssignmentMode.Pool;
    /// <summary><c>none</c> or <c>same_agent_as:&lt;nodeKey&gt;</c>.</summary>
    public string? Affinity { get; init; }
    public string? DecisionField { get; init; }
    /// <summary>How often an automated agent's handler may fail at this node before a manager decides (default 3).</summary>
    public int? MaxAttempts { get; init; }
    /// <summary>A task's deadline: minutes after its work item is created…</summary>
    public double? DeadlineMinutes { get; init; }
    /// <summary>…or the ISO-8601 date in this data field.</summary>
    public string? DeadlineField { get; init; }
    /// <summary>On a missed deadline, unstarted work needs this capability level from then on.</summary>
    public int? EscalateToLevel { get; init; }
    /// <summary>
    /// On a missed deadline, unstarted work moves to this capability. The capabilities it required beyond its own
    /// (<see cref="RequireField"/>) are dropped then, while its preferences stay: escalation reaches whoever has this capability.
    /// </summary>
    public string? EscalateToCapability { get; init; }
    /// <summary>
    /// The data field (of the token's data, then the job's) holding a capability name, or a list of them, that the agent
    /// doing this work must hold too (at any level), e.g. a team: <c>team:billing</c>. Read when the work item is created.
    /// </summary>
    public string? RequireField { get; init; }
    /// <summary>
    /// The data field holding capabilities that rank agents able to do the work first (the more of them, the better), e.g. a
    /// language: <c>lang:pt</c>. A preference never holds work back: without an agent who has them, any able agent gets it.
    /// </summary>
    public string? PreferField { get; init; }
    /// <summary>A timer's wait, in minutes.</summary>
    public double? DelayMinutes { get; init; }
    /// <summary>A timer's field (of the token's data, then the job's) holding the ISO-8601 date to wait until.</summary>
    public string? UntilField { get; init; }
    /// <summary>The name of the message a wait node waits for, e.g. <c>payment.captured</c>.</summary>
    public string? Message { get; init; }
    /// <summary>The data field whose value is the message's correlation key (default: the job's reference).</summary>
    public string? CorrelationField { get; init; }
    /// <summary>A decision's rules, tried in order (instead of, or before, <see cref="DecisionField"/>).</summary>
    public IReadOnlyList<DecisionRule>? Rules { get; init; }
    /// <summary>What the agent doing a task should do: an AI agent is given them with the token's data and its persona.</summary>
    public string? Instructions { get; init; }
    /// <summary>
    /// A JSON schema (an object schema) the structured output of an AI agent at this task must satisfy; the output
    /// becomes the token's data.
    /// </summary>
    public System.Text.Json.Nodes.JsonObject? OutputSchema { get; init; }
    /// <summary>
    /// The data field (of the token's data, then the job's) whose text an AI agent's knowledge is searched with, e.g. the
    /// customer's question; without it the whole task is the search.
    /// </summary>
    public string? KnowledgeQueryField { get; init; }

    [JsonIgnore]
    public string? AffinityNode =>
        Affinity is { } a && a.StartsWith(AffinityPrefix, StringComparison.Ordinal) ? a[AffinityPrefix.Length..] : null;

    public const string AffinityPrefix = "same_agent_as:";

    /// <summary>The outcome of the edge a wait node leaves by when its timeout passes.</summary>
    public const string TimeoutOutcome = "timeout";

    [JsonIgnore]
    public bool IsWork => Type is NodeType.Task or NodeType.Qc;
}

/// <summary>A directed edge; <see cref="Outcome"/> labels it for decisions, qc results and multi-exit tasks.</summary>
public sealed record EdgeDefinition
{
    public string From { get; init; } = "";
    public string To { get; init; } = "";
    public string? Outcome { get; init; }
    public bool IsDefault { get; init; }
}

/// <summary>The nodes and edges of a draft or a published version.</summary>
public sealed record GraphDefinition
{
    public IReadOnlyList<NodeDefinition> Nodes { get; init; } = [];
    public IReadOnlyList<EdgeDefinition> Edges { get; init; } = [];
    /// <summary>The typed fields of the tokens' data that rules may name (optional).</summary>
    public IReadOnlyList<FieldDefinition>? Fields { get; init; }

    public NodeDefinition? Node(string key) => Nodes.FirstOrDefault(n => n.Key == key);

    public IEnumerable<EdgeDefinition> Outgoing(string key) => Edges.Where(e => e.From == key);

    public IEnumerable<EdgeDefinition> Incoming(string key) => Edges.Where(e => e.To == key);

    [JsonIgnore]
    public NodeDefinition StartNode => Nodes.Single(n => n.Type == NodeType.Start);
}

/// <summary>One reason a draft cannot be published.</summary>
public sealed record ValidationError(string Code, string Message, string? Node = null, string? Edge = null);

public sealed record ValidationResult(bool Valid, IReadOnlyList<ValidationError> Errors);
