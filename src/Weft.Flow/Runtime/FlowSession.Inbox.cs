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
        ForgetAutomation(item);
        AssignTo(item, target, "work_item_assigned", new { agent = agentKey, by = actor, note });
    }

    public void ManagerRequeue(WorkItemRecord item, string? note, string? capability)
    {
        if (capability is not null)
        {
            Emit("work_item_moved", item.JobId, item.TokenId, item.Id, item.NodeKey, new { from = item.Capability, to = capability.Trim().ToLowerInvariant() },
                item.GraphKey, item.GraphVersion);
            item.Capability = capability.Trim().ToLowerInvariant();
        }
        if (item.State == WorkItemStates.Ready) return;
        ForgetAutomation(item);
        ReturnToReady(item, note, "work_item_requeued", excludeAgent: item.AgentKey);
    }

    /// <summary>Work a manager gives to someone else starts their own count of attempts.</summary>
    private static void ForgetAutomation(WorkItemRecord item)
    {
        item.ExecutionAttempts = 0;
        item.LeaseId = null;
        item.LeaseUntil = null;
        item.NextAttemptAt = null;
    }
}
