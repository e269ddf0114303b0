using Microsoft.EntityFrameworkCore;
using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Flow.Persistence;

namespace Weft.Flow.Runtime;

// Cancellation: a token (with its split children) stops, its open work is withdrawn, and for
// qc_fail and redesign a replacement token that remembers what it replaces starts over.
internal sealed class Cancellation(FlowSession session)
{
    private readonly FlowDbContext db = session.Db;
    private readonly DateTime now = session.Now;

    public async Task<CancelResult> CancelTokensAsync(IReadOnlyList<TokenRecord> tokens, string reason, string? restartAt, bool automatic)
    {
        var cancelled = new List<TokenRecord>();
        var replacements = new List<TokenRecord>();
        foreach (var token in tokens)
        {
            var job = await db.Jobs.SingleAsync(j => j.Id == token.JobId);
            await CancelTreeAsync(job, token, reason);
            session.Emit("token_cancelled", job.Id, token.Id, node: token.NodeKey, data: new { reason, automatic },
                graph: job.GraphKey, graphVersion: token.GraphVersion);
            cancelled.Add(token);

            if (reason == CancelReasons.Permanent)
            {
                await session.Tokens.CompleteJobIfDoneAsync(job);
                continue;
            }

            var version = reason == CancelReasons.Redesign
                ? (await db.Graphs.SingleAsync(g => g.Key == job.GraphKey)).LatestVersion
                : token.GraphVersion;
            var graph = await session.GraphAsync(job.GraphKey, version);
            var generation = await db.Tokens
                .Where(t => t.JobId == job.Id && t.Serial == token.Serial && t.ParentTokenId == null)
                .MaxAsync(t => t.Generation) + 1;
            var replacement = session.Tokens.CreateToken(job, token.Serial, generation, version, token.Id);
            await db.SaveChangesAsync();
            // A piece restarted from the start is a new piece; one resumed mid-graph keeps what was recorded.
            replacement.DataJson = restartAt is null ? null : token.DataJson;
            token.ReplacedByTokenId = replacement.Id;
            session.Emit("token_replaced", job.Id, token.Id, data: new { replacement = replacement.Id, reason, version },
                graph: job.GraphKey, graphVersion: version);
            var startAt = restartAt ?? graph.Definition.StartNode.Key;
            await session.Tokens.MoveToAsync(job, replacement, startAt);
            replacements.Add(replacement);
        }
        await db.SaveChangesAsync();
        return new CancelResult(cancelled.Select(FlowMapping.ToDto).ToList(), replacements.Select(FlowMapping.ToDto).ToList());
    }

    private async Task CancelTreeAsync(JobRecord job, TokenRecord token, string reason)
    {
        token.State = TokenStates.Cancelled;
        token.CancelReason = reason;
        token.EndedAt = now;
        await session.Waiting.StopWaitingAsync(token);
        // Rows this command already changed come back as it left them: the state is checked again in memory.
        var items = (await db.WorkItems
            .Where(w => w.TokenId == token.Id && WorkItemStates.Open.Contains(w.State))
            .ToListAsync()).Where(w => WorkItemStates.Open.Contains(w.State)).ToList();
        foreach (var item in items) Withdraw(item);
        // Withdrawn work needs nobody's decision any more.
        var withdrawn = items.Select(i => (long?)i.Id).ToList();
        foreach (var entry in (await db.Inbox.Where(i => i.State == "open" && withdrawn.Contains(i.WorkItemId)).ToListAsync()).Where(i => i.State == "open"))
        {
            entry.State = "resolved";
            entry.Resolution = "withdrawn";
            entry.ResolvedAt = now;
            entry.ResolvedBy = "system";
        }
        var children = (await db.Tokens
            .Where(t => t.ParentTokenId == token.Id && TokenStates.Live.Contains(t.State))
            .ToListAsync()).Where(t => TokenStates.Live.Contains(t.State)).ToList();
        foreach (var child in children) await CancelTreeAsync(job, child, reason);
    }

    private void Withdraw(WorkItemRecord item)
    {
        session.WorkItems.StopClock(item);
        if (item.AgentKey is { } agent && WorkItemStates.Held.Contains(item.State)) session.Pending.Released(agent);
        item.State = WorkItemStates.Cancelled;
        item.EndedAt = now;
        session.Emit("work_item_withdrawn", item.JobId, item.TokenId, item.Id, item.NodeKey, graph: item.GraphKey, graphVersion: item.GraphVersion);
    }

    /// <summary>Where a qc_fail replacement may restart: a node outside every split block that holds work.</summary>
    public static bool IsValidRestartNode(PublishedGraph graph, string node)
    {
        var n = graph.Definition.Node(node);
        return n is not null && n.Type is NodeType.Task or NodeType.Qc or NodeType.Decision or NodeType.Split
            && graph.Structure.IsTopLevel(node);
    }
}
