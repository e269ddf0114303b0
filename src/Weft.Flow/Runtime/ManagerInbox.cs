using Microsoft.EntityFrameworkCore;
using Weft.Flow.Contracts;
using Weft.Flow.Persistence;

namespace Weft.Flow.Runtime;

// The manager inbox: entries opened for work that needs a person's decision, closed when it no longer
// does, and what a manager decides from it: give the work to a named agent, or put it back in the pool.
internal sealed class ManagerInbox(FlowSession session)
{
    private readonly FlowDbContext db = session.Db;
    private readonly DateTime now = session.Now;

    public async Task OpenInboxAsync(string reason, WorkItemRecord item, string message)
    {
        await db.SaveChangesAsync();
        var exists = await db.Inbox.AnyAsync(i => i.State == "open" && i.WorkItemId == item.Id && i.Reason == reason);
        if (exists) return;
        var entry = new InboxRecord
        {
            Reason = reason,
            Message = message,
            WorkItemId = item.Id,
            JobId = item.JobId,
            AgentKey = item.AgentKey,
            State = "open",
            CreatedAt = now,
        };
        db.Inbox.Add(entry);
        await db.SaveChangesAsync();
        session.Emit("inbox_opened", item.JobId, item.TokenId, item.Id, item.NodeKey, new { entry = entry.Id, reason }, item.GraphKey, item.GraphVersion);
    }

    public async Task CloseInboxForAsync(long workItemId, string resolution, bool includeAbsence = false)
    {
        // Absences and missed deadlines are for a manager to see, whatever happens to the item meanwhile.
        var open = await db.Inbox.Where(i => i.State == "open" && i.WorkItemId == workItemId
            && (includeAbsence || (i.Reason != "agent_away" && i.Reason != "agent_offline" && i.Reason != "deadline_breached"))).ToListAsync();
        open.RemoveAll(i => i.State != "open");
        foreach (var entry in open)
        {
            entry.State = "resolved";
            entry.Resolution = resolution;
            entry.ResolvedAt = now;
            entry.ResolvedBy = "system";
        }
    }

    public async Task ManagerAssignAsync(WorkItemRecord item, string agentKey, string? note)
    {
        var target = await session.WorkItems.TargetThatCanTakeAsync(agentKey, item);
        session.WorkItems.StopClock(item);
        if (item.AgentKey is { } previous && previous != agentKey) session.Pending.Released(previous);
        if (note is not null) item.Note = note;
        ForgetAutomation(item);
        session.Assignment.AssignTo(item, target, "work_item_assigned", new { agent = agentKey, by = session.Actor, note });
    }

    public void ManagerRequeue(WorkItemRecord item, string? note, string? capability)
    {
        if (capability is not null)
        {
            session.Emit("work_item_moved", item.JobId, item.TokenId, item.Id, item.NodeKey, new { from = item.Capability, to = capability.Trim().ToLowerInvariant() },
                item.GraphKey, item.GraphVersion);
            item.Capability = capability.Trim().ToLowerInvariant();
        }
        if (item.State == WorkItemStates.Ready) return;
        ForgetAutomation(item);
        session.WorkItems.ReturnToReady(item, note, "work_item_requeued", excludeAgent: item.AgentKey);
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
