using Microsoft.EntityFrameworkCore;
using Weft.Flow;
using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Platform.Errors;
using Weft.Platform.Paging;
using Weft.Production.Orders;
using Weft.Production.Persistence;

namespace Weft.Production.Planning;

/// <summary>
/// The plan as people read it: the people's shift calendars and availability from the engine and production, the
/// released work still to do at each node (the standard minutes of every task a unit has yet to reach, following every
/// branch of a split and the default way out of a decision), then <see cref="CapacityPlan"/> and <see cref="FinishForecast"/>.
/// </summary>
internal sealed class ProductionPlan(ProductionDb data, FlowEngines engines, ShiftCalendars calendars, TimeProvider clock)
{
    public const int MaxDays = 90;

    public async Task<PlanDto> BuildAsync(long tenant, int? days, CancellationToken ct = default)
    {
        if (days is < 1 or > MaxDays) throw WeftException.Invalid("invalid_days", $"'days' must be between 1 and {MaxDays}.");
        var span = days ?? 14;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var engine = engines.For(tenant);
        var agents = await AllPages.ReadAsync(cursor => engine.Agents.ListAgentsAsync(FlowEngine.MaxPageSize, cursor, ct));
        var shifts = await calendars.OfPeopleAsync(tenant, agents, ct);
        var people = agents.Where(a => shifts.ContainsKey(a.Key))
            .Select(a => new PlanAgent(a.Key, a.Capabilities.Select(c => c.Name).ToList(), shifts[a.Key], a.Status == AgentStatuses.Away)).ToList();

        List<ProductionOrderRecord> released;
        await using (var db = await data.OpenAsync(tenant, ct))
            released = await db.Orders.AsNoTracking().Where(o => o.State == OrderStates.Released && o.JobId != null).OrderBy(o => o.Id).ToListAsync(ct);
        var open = new List<OpenOrder>();
        foreach (var order in released)
        {
            var remaining = await RemainingAsync(engine, order, ct);
            if (remaining.Count > 0)
                open.Add(new OpenOrder(order.Id, order.DueAt is { } due ? DateOnly.FromDateTime(due) : null, order.Priority, remaining));
        }

        var plan = CapacityPlan.Build(today, span, people, open);
        var forecasts = FinishForecast.For(today, people, open).ToDictionary(f => f.OrderId);
        return new PlanDto(today, span,
            plan.Days.Select(d => new PlanDayDto(d.Date, d.Capabilities.Select(c => Load(c.Key, c.Value)).ToList(), Load("total", d.Total))).ToList(),
            plan.AfterPlan.Select(a => new PlanLoadDto(a.Key, 0, Math.Round(a.Value, 1), false)).ToList(),
            FinishForecast.QueueOrder(open).Select(o =>
            {
                var record = released.Single(r => r.Id == o.OrderId);
                var f = forecasts[o.OrderId];
                return new OrderForecastDto(o.OrderId, OrderRules.Number(record), record.Kind, f.Due, f.Finish, f.Late, f.Reason, f.Detail,
                    o.Capabilities.Select(c => new PlanLoadDto(c, 0, Math.Round(o.StandardMinutesFor(c), 1), false)).ToList(), o.Priority);
            }).ToList());
    }

    private static PlanLoadDto Load(string capability, DayLoad load) =>
        new(capability, load.Available, Math.Round(load.Demanded, 1), load.Overloaded);

    /// <summary>For every unit still in the flow, the tasks it has yet to do; a unit in a split counts its branches' open work.</summary>
    private static async Task<IReadOnlyList<RemainingWork>> RemainingAsync(FlowEngine engine, ProductionOrderRecord order, CancellationToken ct)
    {
        var tokens = await engine.Jobs.GetTokensAsync(order.JobId!.Value, ct);
        var live = tokens.Where(t => TokenStates.Live.Contains(t.State)).ToList();
        if (live.Count == 0) return [];
        var done = (await AllPages.ReadAsync(cursor => engine.Work.ListWorkItemsAsync(
            new WorkItemFilter(WorkItemStates.Completed, null, null, null, order.JobId), FlowEngine.MaxPageSize, cursor, ct)))
            .Select(item => (Token: item.TokenId, item.Node)).ToHashSet();

        var counts = new Dictionary<(string Capability, double Minutes), int>();
        var graphs = new Dictionary<int, GraphDefinition>();
        foreach (var root in live.Where(t => t.ParentTokenId == null))
        {
            if (!graphs.TryGetValue(root.GraphVersion, out var graph))
                graphs[root.GraphVersion] = graph = (await engine.Graphs.GetVersionAsync(order.Routing, root.GraphVersion, ct)).Definition;
            var branches = new HashSet<long> { root.Id };
            // Tokens come in id order, so a branch (of a branch) follows the token it split from.
            foreach (var t in tokens.Where(t => t.ParentTokenId is { } parent && branches.Contains(parent))) branches.Add(t.Id);
            foreach (var node in Ahead(graph, root.Node))
            {
                // A branch's finished work is done for its unit; an unfinished task counts in full (no partial credit).
                if (node.Capability is not { } capability || done.Any(d => branches.Contains(d.Token) && d.Node == node.Key)) continue;
                var minutes = (node.StandardMinutes ?? 0) * Math.Max(1, node.Operators);
                if (minutes <= 0) continue;
                counts[(capability, minutes)] = counts.GetValueOrDefault((capability, minutes)) + 1;
            }
        }
        return counts.Select(c => new RemainingWork(c.Key.Capability, c.Value, c.Key.Minutes)).ToList();
    }

    /// <summary>The task and QC nodes from <paramref name="from"/> (included) to the end: every branch of a split, the default way out of a decision.</summary>
    private static IEnumerable<NodeDefinition> Ahead(GraphDefinition graph, string from)
    {
        var seen = new HashSet<string>();
        var next = new Queue<string>([from]);
        while (next.TryDequeue(out var key))
        {
            if (!seen.Add(key) || graph.Node(key) is not { } node) continue;
            if (node.Type is NodeType.Task or NodeType.Qc) yield return node;
            var edges = graph.Edges.Where(e => e.From == key).ToList();
            if (node.Type == NodeType.Decision) edges = [edges.FirstOrDefault(e => e.IsDefault) ?? edges.FirstOrDefault() ?? new EdgeDefinition()];
            else if (node.Type == NodeType.Qc) edges = edges.Where(e => e.Outcome is null or "pass").Take(1).ToList();
            foreach (var edge in edges.Where(e => e.To.Length > 0)) next.Enqueue(edge.To);
        }
    }
}
