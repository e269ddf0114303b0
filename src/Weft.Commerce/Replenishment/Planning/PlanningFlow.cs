using System.Globalization;
using System.Text.Json.Nodes;
using Weft.Flow;
using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Platform.Errors;

namespace Weft.Commerce.Replenishment.Planning;

/// <summary>
/// Replenishment's daily flow, one job a day: the token waits on a timer until the day's planning time, the planner (a
/// software agent) runs and schedules the next day's job, then a decision rule routes the run: nothing proposed ends it;
/// an amount at or below the threshold is approved and ordered by the software agent; anything larger waits for a buyer
/// (a person's task: review the board, then complete it) before its approved suggestions become purchase orders. The
/// threshold is the graph's decision rule (500 by default), so a tenant changes it by editing the graph.
/// </summary>
internal static class PlanningFlow
{
    public const string Graph = "commerce-replenishment";
    public const string Agent = "commerce-planner";
    public const string Planning = "replenishment-planning";
    public const string Approving = "replenishment-auto-approval";
    public const string Ordering = "replenishment-ordering";
    public const string Buying = "buying";
    public const decimal AutoApproveAtMost = 500;

    public static GraphDefinition Definition { get; } = new()
    {
        Nodes =
        [
            new NodeDefinition { Key = "start", Type = NodeType.Start, Name = "Day" },
            new NodeDefinition { Key = "wait", Type = NodeType.Timer, Name = "Planning time", UntilField = "runAt" },
            new NodeDefinition { Key = "plan", Type = NodeType.Task, Name = "Plan replenishment", Capability = Planning, Assignment = AssignmentMode.Auto },
            new NodeDefinition
            {
                Key = "route", Type = NodeType.Decision, Name = "Approve automatically?",
                Rules =
                [
                    new DecisionRule { When = new RuleCondition { Field = "suggestions", Op = "eq", Value = 0 }, Outcome = "nothing" },
                    new DecisionRule { When = new RuleCondition { Field = "amount", Op = "lte", Value = AutoApproveAtMost }, Outcome = "auto" },
                ],
            },
            new NodeDefinition { Key = "auto-approve", Type = NodeType.Task, Name = "Approve and order", Capability = Approving, Assignment = AssignmentMode.Auto },
            new NodeDefinition
            {
                Key = "review", Type = NodeType.Task, Name = "Review suggestions", Capability = Buying, DeadlineMinutes = 8 * 60,
                Instructions = "Open the replenishment board, approve (or edit, or reject) the day's suggestions, then complete this task: the approved ones are ordered.",
            },
            new NodeDefinition { Key = "order", Type = NodeType.Task, Name = "Order what was approved", Capability = Ordering, Assignment = AssignmentMode.Auto },
            new NodeDefinition { Key = "end", Type = NodeType.End, Name = "Planned" },
        ],
        Edges =
        [
            new EdgeDefinition { From = "start", To = "wait" },
            new EdgeDefinition { From = "wait", To = "plan" },
            new EdgeDefinition { From = "plan", To = "route" },
            new EdgeDefinition { From = "route", To = "end", Outcome = "nothing" },
            new EdgeDefinition { From = "route", To = "auto-approve", Outcome = "auto" },
            new EdgeDefinition { From = "route", To = "review", IsDefault = true },
            new EdgeDefinition { From = "auto-approve", To = "end" },
            new EdgeDefinition { From = "review", To = "order" },
            new EdgeDefinition { From = "order", To = "end" },
        ],
    };

    /// <summary>The graph and the planner agent, made for the tenant if they are not there yet.</summary>
    public static async Task EnsureAsync(FlowEngine engine, CancellationToken ct)
    {
        var system = new CommandContext("commerce");
        await FlowSetup.EnsureGraphAsync(engine, system, Graph, "Replenishment: plan daily, approve, order", Definition, ct);
        await FlowSetup.EnsureAgentAsync(engine, system, new RegisterAgentRequest(Agent, "Replenishment planner", "service",
            [new CapabilityDto(Planning), new CapabilityDto(Approving), new CapabilityDto(Ordering)], 10, "available"), ct);
    }

    /// <summary>The job of <paramref name="day"/>'s run, waiting for <paramref name="hourUtc"/> that day; asking twice makes one job.</summary>
    public static async Task<JobDto> ScheduleAsync(FlowEngine engine, DateOnly day, int hourUtc, CancellationToken ct)
    {
        var run = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var runAt = day.ToDateTime(new TimeOnly(hourUtc, 0), DateTimeKind.Utc);
        var ctx = new CommandContext("commerce", IdempotencyKey: $"{Graph}/{run}", Fingerprint: run);
        return await engine.Jobs.StartJobAsync(ctx, new StartJobRequest(Graph, null, 1, $"replenishment-{run}", 0, runAt.AddHours(8),
            new JsonObject { ["run"] = run, ["runAt"] = runAt.ToString("O") }), ct);
    }
}
