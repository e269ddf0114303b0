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

    public Task OpenInboxAsync(string reason, WorkItemRecord item, string message) => OpenInboxAsync(reason, [item], _ => message);

    /// <summary>
    /// Opens an entry for each item that has no open entry for this reason yet, with the same number of
    /// statements whatever the number of items (the entries' ids go in the events, so they are saved).
    /// Each message is written once the items have their ids (items this command made get them here).
    /// </summary>
    public async Task OpenInboxAsync(string reason, IReadOnlyList<WorkItemRecord> items, Func<WorkItemRecord, string> message)
    {
        if (items.Count == 0) return;
        // Items this command made get their ids, and entries it opened before are in the database for the question below.
        await db.SaveChangesAsync();
        var ids = items.Select(i => i.Id).Distinct().ToList();
        var open = (await db.Inbox.Where(i => i.State == "open" && i.Reason == reason && i.WorkItemId != null && ids.Contains(i.WorkItemId.Value))
            .Select(i => i.WorkItemId!.Value).ToListAsync()).ToHashSet();
        var opened = new List<(WorkItemRecord Item, InboxRecord Entry)>();
        foreach (var item in items)
        {
            if (!open.Add(item.Id)) continue;
            var entry = new InboxRecord
            {
                Reason = reason,
                Message = message(item),
                WorkItemId = item.Id,
                JobId = item.JobId,
                AgentKey = item.AgentKey,
                State = "open",
                CreatedAt = now,
            };
            db.Inbox.Add(entry);
            opened.Add((item, entry));
        }
        if (opened.Count == 0) return;
        await db.SaveChangesAsync();
        foreach (var (item, entry) in opened)
            session.Emit("inbox_opened", item.JobId, item.TokenId, item.Id, item.NodeKey, new { entry = entry.Id, reason }, item.GraphKey, item.GraphVersion);
    }

    public async Task CloseInboxForAsync(long workItemId, string resolution, bool includeAbsence = false, string resolvedBy = "system")
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
            entry.ResolvedBy = resolvedBy;
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
            // As on escalation: what the work required besides belonged to the capability it leaves.
            if (!string.Equals(item.Capability, capability.Trim(), StringComparison.OrdinalIgnoreCase)) item.RequiredCapabilities = null;
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
