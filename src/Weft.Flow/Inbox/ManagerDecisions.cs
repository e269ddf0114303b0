using Weft.Flow.Contracts;
using Weft.Flow.Persistence;

namespace Weft.Flow.Runtime;

// What a manager decides from the inbox: give the work to a named agent, or put it back in the pool.
internal sealed partial class FlowSession
{
    public async Task ManagerAssignAsync(WorkItemRecord item, string agentKey, string? note)
    {
        var target = await AgentAsync(agentKey);
        if (!HasCapability(target, item.Capability, item.Level))
            throw FlowException.Rule("target_lacks_capability",
                $"Agent '{agentKey}' lacks capability '{item.Capability}' at level {item.Level}.");
        if (target.Status != AgentStatuses.Available)
            throw FlowException.Conflict("agent_not_available", $"Agent '{agentKey}' is {target.Status}.");
        if (item.AgentKey != agentKey && await LoadOfAsync(agentKey) >= target.WipLimit)
            throw FlowException.Conflict("wip_limit_reached", $"Agent '{agentKey}' already holds {target.WipLimit} work item(s).");
        StopClock(item);
        if (item.AgentKey is { } previous && previous != agentKey) Released(previous);
        if (note is not null) item.Note = note;
        AssignTo(item, target, "work_item_assigned", new { agent = agentKey, by = actor, note });
    }

    public void ManagerRequeue(WorkItemRecord item, string? note)
    {
        if (item.State == WorkItemStates.Ready) return;
        ReturnToReady(item, note, "work_item_requeued", excludeAgent: item.AgentKey);
    }
}
