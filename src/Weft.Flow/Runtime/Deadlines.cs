using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Flow.Persistence;
using Weft.Flow.Rules;

namespace Weft.Flow.Runtime;

// Deadlines: a task's work item that is still open when its deadline passes is recorded as breached,
// put in the manager inbox, and (when the node says so) escalated: unstarted work then needs a higher
// capability level or another capability, and goes back to be assigned under the new requirement.
internal sealed class Deadlines(FlowSession session)
{
    public const string DeadlineTimer = "deadline";

    private readonly FlowDbContext db = session.Db;
    private readonly DateTime now = session.Now;

    /// <summary>Notes a new work item's deadline; its timer is written once the item has an id.</summary>
    public void WatchDeadline(JobRecord job, TokenRecord token, NodeDefinition node, WorkItemRecord item)
    {
        DateTime? due = null;
        if (node.DeadlineMinutes is { } minutes)
        {
            due = now.AddMinutes(minutes);
        }
        else if (node.DeadlineField is { } field)
        {
            var value = RuleEvaluator.Lookup(FlowData.ParseObject(token.DataJson), field) ?? RuleEvaluator.Lookup(FlowData.ParseObject(job.DataJson), field);
            if (value is JsonValue v && v.TryGetValue<string>(out var text) && RuleEvaluator.Date(text) is { } date) due = date.UtcDateTime;
        }
        if (due is { } at) session.Pending.Deadlines.Add((item, at));
    }

    public void ScheduleDeadlines()
    {
        foreach (var (item, due) in session.Pending.Deadlines)
        {
            if (!WorkItemStates.Open.Contains(item.State)) continue;
            db.Timers.Add(new TimerRecord { Kind = DeadlineTimer, WorkItemId = item.Id, DueAt = due });
        }
        session.Pending.Deadlines.Clear();
    }

    /// <summary>
    /// A work item's deadline passed (the item read by the caller, gone when null): record it and escalate what
    /// has not started. A manager is told through the inbox by the caller, for all missed deadlines at once.
    /// </summary>
    /// <returns>The message for the manager's inbox, or null when the item is gone or no longer open.</returns>
    public async Task<string?> MissDeadlineAsync(TimerRecord timer, WorkItemRecord? item)
    {
        if (item is null) return null;
        if (await session.LockJobAsync(item.JobId)) await db.Entry(item).ReloadAsync();
        if (!WorkItemStates.Open.Contains(item.State)) return null;
        var graph = await session.GraphAsync(item.GraphKey, item.GraphVersion);
        var node = graph.Node(item.NodeKey);
        var escalates = !WorkItemStates.Started.Contains(item.State)
            && ((node.EscalateToLevel is { } level && level > item.Level)
                || (node.EscalateToCapability is { } capability && !string.Equals(capability.Trim(), item.Capability, StringComparison.OrdinalIgnoreCase)));
        session.Emit("deadline_breached", item.JobId, item.TokenId, item.Id, item.NodeKey,
            new { due = timer.DueAt, state = item.State, agent = item.AgentKey, escalated = escalates }, item.GraphKey, item.GraphVersion);
        if (escalates)
        {
            var from = new { capability = item.Capability, level = item.Level };
            if (node.EscalateToLevel is { } newLevel) item.Level = Math.Max(item.Level, newLevel);
            var dropped = WorkRequirements.Read(item.RequiredCapabilities);
            if (node.EscalateToCapability is { } newCapability && !string.Equals(newCapability.Trim(), item.Capability, StringComparison.OrdinalIgnoreCase))
            {
                // Escalation reaches whoever has the new capability (a lead), whatever team the work was routed to.
                item.Capability = newCapability.Trim().ToLowerInvariant();
                item.RequiredCapabilities = null;
            }
            else dropped = [];
            session.Emit("work_item_escalated", item.JobId, item.TokenId, item.Id, item.NodeKey,
                dropped.Count == 0
                    ? new { from, to = new { capability = item.Capability, level = item.Level } }
                    : (object)new { from, to = new { capability = item.Capability, level = item.Level }, droppedRequirements = dropped },
                item.GraphKey, item.GraphVersion);
            if (item.State == WorkItemStates.Assigned)
            {
                await db.Timers.Where(t => t.WorkItemId == item.Id && t.Kind == Assignment.TimeoutTimer).ExecuteDeleteAsync();
                session.WorkItems.ReturnToReady(item, null, "work_item_returned", excludeAgent: null);
            }
            else if (item.Assignment == "auto")
            {
                session.Pending.NewlyReady.Add(item);
            }
        }
        return $"Work item {item.Id} at '{item.NodeKey}' missed its deadline ({timer.DueAt:u})" + (escalates ? "; it was escalated." : ".");
    }
}
