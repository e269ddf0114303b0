using Weft.Flow.Contracts;
using Weft.Flow.Persistence;

namespace Weft.Flow.Runtime;

// What a manager decides from the inbox: give the work to a named agent, or put it back in the pool.
internal sealed partial class FlowSession
{
    public async Task ManagerAssignAsync(WorkItemRecord item, string agentKey, string? note)
    {
        var target = await TargetThatCanTakeAsync(agentKey, item);
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
