using Weft.Flow.Persistence;

namespace Weft.Flow.Runtime;

/// <summary>
/// What one command's changes call for before it saves: assignment for work that became ready or
/// agents that freed capacity, and the timers of the work items it touched. The session settles it
/// in <see cref="FlowSession.FlushAsync"/>.
/// </summary>
internal sealed class PendingWork
{
    /// <summary>Work items at <c>auto</c> nodes that became ready in this command.</summary>
    public List<WorkItemRecord> NewlyReady { get; } = [];

    /// <summary>Agents that may take more work: they let go of an item or became available.</summary>
    public HashSet<string> AgentsWithFreedCapacity { get; } = [];

    /// <summary>Agents that let go of a work item; one left holding nothing is idle from now.</summary>
    public HashSet<string> AgentsThatReleasedWork { get; } = [];

    /// <summary>Work items assigned in this command, whose assignment timeouts are to be scheduled.</summary>
    public List<WorkItemRecord> Timeouts { get; } = [];

    /// <summary>New work items' deadlines, written as timers once the items have ids.</summary>
    public List<(WorkItemRecord Item, DateTime Due)> Deadlines { get; } = [];

    /// <summary>An agent let go of a work item: it may take more, and if it holds nothing it is idle from now.</summary>
    public void Released(string agentKey)
    {
        AgentsWithFreedCapacity.Add(agentKey);
        AgentsThatReleasedWork.Add(agentKey);
    }
}
