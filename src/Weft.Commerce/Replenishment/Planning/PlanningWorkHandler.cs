using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Weft.Flow;
using Weft.Flow.Automation;

namespace Weft.Commerce.Replenishment.Planning;

/// <summary>
/// The replenishment planner's steps in the daily flow: plan (and schedule tomorrow's run), approve and order a run the
/// decision rule let through, order what a buyer approved. Each is safe to repeat after a crash: planning again replaces
/// the run's own proposals, approving finds none left, ordering finds the suggestions already ordered.
/// </summary>
internal sealed class PlanningWorkHandler(ReplenishmentPlanner planner, Suggestions suggestions, FlowEngines engines, IConfiguration configuration) : IAgentHandler
{
    public async Task<AgentResult> HandleAsync(AgentWork work, CancellationToken ct)
    {
        var run = work.Data["run"]?.GetValue<string>() ?? throw new InvalidOperationException($"Job {work.JobReference} has no 'run' in its data.");
        switch (work.Capability)
        {
            case PlanningFlow.Planning:
            {
                var day = DateOnly.ParseExact(run, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                await PlanningFlow.ScheduleAsync(engines.For(work.Tenant), day.AddDays(1), HourUtc(configuration), ct);
                var plan = await planner.PlanAsync(work.Tenant, run, new PlanRequest(), ct);
                return new AgentResult(Data: new JsonObject { ["suggestions"] = plan.Suggestions.Count, ["amount"] = plan.Amount, ["skipped"] = plan.Skipped.Count });
            }
            case PlanningFlow.Approving:
            {
                var approved = await suggestions.ApproveRunAsync(work.Tenant, PlanningFlow.Agent, run, ct);
                var orders = await suggestions.OrderRunAsync(work.Tenant, PlanningFlow.Agent, run, ct);
                return new AgentResult(Data: new JsonObject { ["approved"] = approved, ["orders"] = new JsonArray([.. orders.Select(o => (JsonNode)o.Number)]) });
            }
            case PlanningFlow.Ordering:
            {
                var orders = await suggestions.OrderRunAsync(work.Tenant, PlanningFlow.Agent, run, ct);
                return new AgentResult(Data: new JsonObject { ["orders"] = new JsonArray([.. orders.Select(o => (JsonNode)o.Number)]) });
            }
            default:
                throw new InvalidOperationException($"The replenishment planner does not do '{work.Capability}'.");
        }
    }

    /// <summary>The hour of the day (UTC) the daily run plans at: <c>Weft:Commerce:PlanningHourUtc</c>, 5 by default.</summary>
    internal static int HourUtc(IConfiguration configuration) => Math.Clamp(configuration.GetValue("Weft:Commerce:PlanningHourUtc", 5), 0, 23);
}
