using Weft.Flow;
using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Platform.Errors;

namespace Weft.Commerce.Inbound;

/// <summary>
/// The flow every advance shipping notice runs through, one job per notice: a person receives it (due when the goods
/// are), a software agent decides what quality control the receipt needs, a person inspects it when it does, a software
/// agent works out where the goods go, and a person puts them away, bin by bin. It is an ordinary graph on the engine,
/// made for a tenant on its first notice, so it shows in the control center, its steps have deadlines, and a restart
/// loses nothing; a tenant may edit it (add deadlines, escalations) like any other graph.
/// </summary>
internal static class InboundFlow
{
    public const string Graph = "commerce-inbound";
    public const string Agent = "commerce-inbound";
    public const string Receive = "receive";
    public const string PlanQc = "plan-qc";
    public const string Inspect = "inspect";
    public const string PlanPutaway = "plan-putaway";
    public const string Putaway = "putaway";

    /// <summary>The capabilities people need for its steps.</summary>
    public const string Receiving = "receiving";
    public const string Quality = "quality";
    public const string Putting = "putaway";

    /// <summary>What the software agent does.</summary>
    public const string QcPlanning = "inbound-qc-planning";
    public const string PutawayPlanning = "inbound-putaway-planning";

    public static GraphDefinition Definition { get; } = new()
    {
        Nodes =
        [
            new NodeDefinition { Key = "start", Type = NodeType.Start, Name = "Notice" },
            new NodeDefinition
            {
                Key = Receive, Type = NodeType.Task, Name = "Receive", Capability = Receiving, DeadlineField = "dueAt",
                Instructions = "Count what arrived against the notice, line by line: good units, damaged units, lots.",
            },
            new NodeDefinition { Key = PlanQc, Type = NodeType.Task, Name = "Plan quality control", Capability = QcPlanning, Assignment = AssignmentMode.Auto },
            new NodeDefinition { Key = "needs-qc", Type = NodeType.Decision, Name = "Inspection needed?", DecisionField = "needsQc" },
            new NodeDefinition
            {
                Key = Inspect, Type = NodeType.Task, Name = "Inspect", Capability = Quality, DeadlineMinutes = 24 * 60,
                Instructions = "Check the sampled units of each line against its product's checks; failed lots go to quarantine.",
            },
            new NodeDefinition { Key = PlanPutaway, Type = NodeType.Task, Name = "Plan putaway", Capability = PutawayPlanning, Assignment = AssignmentMode.Auto },
            new NodeDefinition { Key = "anything-to-store", Type = NodeType.Decision, Name = "Anything to put away?", DecisionField = "hasPutaway" },
            new NodeDefinition
            {
                Key = Putaway, Type = NodeType.Task, Name = "Put away", Capability = Putting, DeadlineMinutes = 24 * 60,
                Instructions = "Take each putaway to its bin and scan the bin's barcode.",
            },
            new NodeDefinition { Key = "end", Type = NodeType.End, Name = "Stored" },
        ],
        Edges =
        [
            new EdgeDefinition { From = "start", To = Receive },
            new EdgeDefinition { From = Receive, To = PlanQc },
            new EdgeDefinition { From = PlanQc, To = "needs-qc" },
            new EdgeDefinition { From = "needs-qc", To = Inspect, Outcome = "yes" },
            new EdgeDefinition { From = "needs-qc", To = PlanPutaway, IsDefault = true },
            new EdgeDefinition { From = Inspect, To = PlanPutaway },
            new EdgeDefinition { From = PlanPutaway, To = "anything-to-store" },
            new EdgeDefinition { From = "anything-to-store", To = Putaway, Outcome = "yes" },
            new EdgeDefinition { From = "anything-to-store", To = "end", IsDefault = true },
            new EdgeDefinition { From = Putaway, To = "end" },
        ],
    };

    /// <summary>Makes the graph and its software agent for the tenant if they are not there yet (two hosts at once: one makes them).</summary>
    public static async Task EnsureAsync(FlowEngine engine, CancellationToken ct)
    {
        var system = new CommandContext("commerce");
        await FlowSetup.EnsureGraphAsync(engine, system, Graph, "Inbound: receive, inspect, put away", Definition, ct);
        await FlowSetup.EnsureAgentAsync(engine, system, new RegisterAgentRequest(Agent, "Inbound planner", "service",
            [new CapabilityDto(QcPlanning), new CapabilityDto(PutawayPlanning)], 50, "available"), ct);
    }
}
