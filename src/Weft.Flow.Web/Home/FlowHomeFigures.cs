using System.Security.Claims;
using Weft.Flow.Web.Ui;
using Weft.Platform.Errors;
using Weft.Platform.Web.Security;
using Weft.Platform.Web.Ui;

namespace Weft.Flow.Web.Home;

/// <summary>On a person's home page: the work they hold and can claim, the manager inbox, the active jobs, as their permissions allow.</summary>
internal sealed class FlowHomeFigures(FlowEngines engines) : IHomeFigures
{
    // The engine's counts by state, under their metric names (FlowEngine.Upkeep.GaugesAsync): exact, in one read.
    private const string JobGauge = "weft_jobs";
    private const string InboxGauge = "weft_inbox_entries";

    public IReadOnlyCollection<string> Tables => [FlowTables.WorkItems, FlowTables.Agents, FlowTables.Inbox, FlowTables.Jobs];

    public async Task<IReadOnlyList<HomeFigure>> ForAsync(ClaimsPrincipal caller, CancellationToken ct)
    {
        if (caller.TenantOf() is not { } tenant) return [];
        var engine = engines.For(tenant);
        var figures = new List<HomeFigure>();
        if (caller.Can(FlowPermissions.Work) && caller.AgentOf() is { } agent && await QueueOfAsync(engine, agent, ct) is { } queue)
        {
            figures.Add(new HomeFigure("My work", queue.Held.Count, "Work items you hold: start, pause, resume or complete them.", "/work", Urgent: true, Order: 10));
            figures.Add(new HomeFigure("Ready for you", queue.Available.Count, "Work items in the pool that you can claim.", "/work", Order: 11));
        }
        if (!caller.Can(FlowPermissions.Manage) && !caller.Can(FlowPermissions.Read)) return figures;
        var gauges = (await engine.Upkeep.GaugesAsync(ct)).ToDictionary(g => g.Name, g => g.Values);
        if (caller.Can(FlowPermissions.Manage))
            figures.Add(new HomeFigure("Manager inbox", Count(gauges, InboxGauge, FlowStates.OpenEntry), "Decisions the engine left to a manager: assign, requeue or dismiss.",
                "/inbox", Urgent: true, Order: 20));
        if (caller.Can(FlowPermissions.Read))
            figures.Add(new HomeFigure("Active jobs", Count(gauges, JobGauge, FlowStates.ActiveJob), "Jobs whose tokens are still on their way.", "/jobs", Order: 30));
        return figures;
    }

    /// <summary>The agent's queue; none when the agent linked to the account does not exist (any more).</summary>
    private static async Task<AgentQueueDto?> QueueOfAsync(FlowEngine engine, string agent, CancellationToken ct)
    {
        try
        {
            return await engine.Agents.GetAgentQueueAsync(agent, ct);
        }
        catch (WeftException e) when (e.Kind == ErrorKind.NotFound)
        {
            return null;
        }
    }

    private static int Count(IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> gauges, string gauge, string state) =>
        gauges.TryGetValue(gauge, out var byState) ? byState.GetValueOrDefault(state) : 0;
}
