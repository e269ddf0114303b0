using Weft.Flow.Runtime;
using Weft.Platform.Paging;

namespace Weft.Flow;

/// <summary>
/// The engine's door for one tenant (from <see cref="FlowEngines.For"/>): every command and query the host and
/// modules may call, one façade per area.
/// </summary>
public sealed class FlowEngine
{
    private readonly TenantRuntime runtime;

    internal FlowEngine(FlowRuntime runtime, long tenantId)
    {
        this.runtime = new TenantRuntime(runtime, tenantId);
        Graphs = new FlowGraphs(this.runtime);
        Jobs = new FlowJobs(this.runtime);
        Work = new FlowWork(this.runtime);
        Agents = new FlowAgents(this.runtime);
        Inbox = new FlowInbox(this.runtime);
        Upkeep = new FlowUpkeep(this.runtime);
        Automation = new FlowAutomation(this.runtime);
    }

    /// <summary>The tenant whose graphs, jobs, work and agents this engine sees and changes.</summary>
    public long TenantId => runtime.Tenant;

    /// <summary>The largest page a list returns (its <c>limit</c>).</summary>
    public const int MaxPageSize = PageCursor.MaxSize;

    /// <summary>The most tokens one job may start with.</summary>
    public const int MaxQuantity = 10_000;

    /// <summary>The states a job can be in, as <see cref="FlowJobs.ListJobsAsync"/> filters them.</summary>
    public static readonly IReadOnlyList<string> JobStates = ["active", "completed", "cancelled"];

    /// <summary>Graphs: drafts, validation, publishing, versions, statistics.</summary>
    public FlowGraphs Graphs { get; }

    /// <summary>Jobs: starting and reading them, their tokens and events, cancelling tokens, messages to waiting tokens.</summary>
    public FlowJobs Jobs { get; }

    /// <summary>Work items: listing and reading them, and an agent's commands (claim, start, pause, resume, complete, hand off, requeue).</summary>
    public FlowWork Work { get; }

    /// <summary>Agents: registering and changing them, their load and queue, automated agents' runs.</summary>
    public FlowAgents Agents { get; }

    /// <summary>The manager inbox: what needs a person's decision, and resolving it.</summary>
    public FlowInbox Inbox { get; }

    /// <summary>What the host's background services call: due timers, sweeps, idempotency keys, gauges.</summary>
    public FlowUpkeep Upkeep { get; }

    /// <summary>The commands the automation runner gives for automated agents' work.</summary>
    internal FlowAutomation Automation { get; }
}
