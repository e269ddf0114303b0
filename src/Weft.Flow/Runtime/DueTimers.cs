using Microsoft.EntityFrameworkCore;
using Weft.Flow.Contracts;
using Weft.Flow.Persistence;

namespace Weft.Flow.Runtime;

// Timers that came due: a token's timer or wait timeout wakes its token (Waiting), a missed deadline goes
// to Deadlines, and an assignment timeout is handled here: the item goes back to be assigned to someone else.
internal sealed class DueTimers(FlowSession session)
{
    private readonly FlowDbContext db = session.Db;
    private readonly DateTime now = session.Now;

    /// <summary>Fires due timers: an assigned item not started in time goes to another agent.</summary>
    public async Task<int> FireDueTimersAsync(int max)
    {
        var due = await db.Timers.Where(t => t.DueAt <= now).OrderBy(t => t.DueAt).ThenBy(t => t.Id).Take(max).ToListAsync();
        if (due.Count == 0) return 0;
        // What the timers name is read together, after its jobs are locked (PostgreSQL), so it is read as the last
        // transaction that held a lock left it.
        var tokenIds = due.Where(t => t.TokenId is not null).Select(t => t.TokenId!.Value).Distinct().ToList();
        var itemIds = due.Where(t => t.TokenId is null && t.WorkItemId is not null).Select(t => t.WorkItemId!.Value).Distinct().ToList();
        await session.LockJobsOfAsync(tokenIds, itemIds);
        var tokens = await session.RowsAsync<TokenRecord>(tokenIds);
        var items = await session.RowsAsync<WorkItemRecord>(itemIds);
        // The jobs of the tokens that wake, which their moves need.
        await session.RowsAsync<JobRecord>(tokens.Values.Where(t => t.State == TokenStates.Waiting).Select(t => t.JobId));
        var timedOut = new Dictionary<WorkItemRecord, string>();
        var breached = new Dictionary<WorkItemRecord, string>();
        foreach (var timer in due)
        {
            db.Timers.Remove(timer);
            if (timer.TokenId is { } tokenId)
            {
                await session.Waiting.FireTokenTimerAsync(timer, tokens.GetValueOrDefault(tokenId));
                continue;
            }
            var item = timer.WorkItemId is { } itemId ? items.GetValueOrDefault(itemId) : null;
            if (timer.Kind == Deadlines.DeadlineTimer)
            {
                if (await session.Deadlines.MissDeadlineAsync(timer, item) is { } message) breached[item!] = message;
                continue;
            }
            if (item is null) continue;
            if (await session.LockJobAsync(item.JobId)) await db.Entry(item).ReloadAsync();
            if (item.State != WorkItemStates.Assigned || item.AgentKey != timer.AgentKey) continue;
            var previous = item.AgentKey;
            session.WorkItems.ReturnToReady(item, null, "work_item_timed_out", excludeAgent: previous);
            if (item.Assignment != "auto") continue;
            session.Pending.NewlyReady.Remove(item);
            timedOut[item] = previous!;
        }
        await session.Inbox.OpenInboxAsync("deadline_breached", [.. breached.Keys], item => breached[item]);
        // The items given back go to other agents together (one question for the candidates), and those nobody took to the inbox.
        if (timedOut.Count > 0)
        {
            await session.Assignment.AssignAsync([.. timedOut.Keys], reportUnassignable: false);
            await session.Inbox.OpenInboxAsync("timeout_no_agent", [.. timedOut.Keys.Where(i => i.State == WorkItemStates.Ready)], item =>
                $"Work item {item.Id} at '{item.NodeKey}' was not started by '{timedOut[item]}' in time and no other agent can take it.");
        }
        return due.Count;
    }
}
