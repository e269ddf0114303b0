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
        // What the tokens' trees hold is read together, before any is touched, not token by token.
        var jobs = await session.RowsAsync<JobRecord>(tokens.Select(t => t.JobId));
        var branches = await BranchesAsync(tokens);
        List<TokenRecord> trees = [.. tokens.SelectMany(t => Tree(t, branches))];
        var (openItems, openInbox) = await OpenWorkAsync(trees);
        await session.Waiting.StopWaitingAsync(trees);
        var cancelled = new List<TokenRecord>();
        var restarts = new List<(TokenRecord Token, JobRecord Job)>();
        foreach (var token in tokens)
        {
            var job = jobs[token.JobId];
            CancelTree(token, branches, openItems, openInbox, reason);
            session.Emit("token_cancelled", job.Id, token.Id, node: token.NodeKey, data: new { reason, automatic },
                graph: job.GraphKey, graphVersion: token.GraphVersion);
            cancelled.Add(token);
            if (reason == CancelReasons.Permanent) await session.Tokens.CompleteJobIfDoneAsync(job);
            else restarts.Add((token, job));
        }
        var replacements = await ReplaceAsync(restarts, reason, restartAt);
        await db.SaveChangesAsync();
        return new CancelResult(cancelled.Select(FlowMapping.ToDto).ToList(), replacements.Select(FlowMapping.ToDto).ToList());
    }

    /// <summary>
    /// For qc_fail and redesign: each cancelled token gets a replacement that starts over (on the graph's latest
    /// version for a redesign) as the next generation of its piece. The graphs' versions and the pieces' generations
    /// are read in one statement each, and the replacements saved together (their ids go in the events).
    /// </summary>
    private async Task<List<TokenRecord>> ReplaceAsync(List<(TokenRecord Token, JobRecord Job)> restarts, string reason, string? restartAt)
    {
        if (restarts.Count == 0) return [];
        var graphKeys = restarts.Select(r => r.Job.GraphKey).Distinct().ToList();
        var latest = reason == CancelReasons.Redesign
            ? await db.Graphs.Where(g => graphKeys.Contains(g.Key)).ToDictionaryAsync(g => g.Key, g => g.LatestVersion)
            : [];
        var jobIds = restarts.Select(r => r.Job.Id).Distinct().ToList();
        var serials = restarts.Select(r => r.Token.Serial).Distinct().ToList();
        var generations = (await db.Tokens
                .Where(t => jobIds.Contains(t.JobId) && serials.Contains(t.Serial) && t.ParentTokenId == null)
                .GroupBy(t => new { t.JobId, t.Serial })
                .Select(g => new { g.Key.JobId, g.Key.Serial, Generation = g.Max(t => t.Generation) })
                .ToListAsync())
            .ToDictionary(g => (g.JobId, g.Serial), g => g.Generation);
        var made = new List<(TokenRecord Token, JobRecord Job, TokenRecord Replacement, int Version)>();
        foreach (var (token, job) in restarts)
        {
            var version = reason == CancelReasons.Redesign ? latest[job.GraphKey] : token.GraphVersion;
            // Two tokens of one piece replaced in one command take successive generations.
            var generation = generations[(job.Id, token.Serial)] = Math.Max(generations.GetValueOrDefault((job.Id, token.Serial)), token.Generation) + 1;
            made.Add((token, job, session.Tokens.CreateToken(job, token.Serial, generation, version, token.Id), version));
        }
        await db.SaveChangesAsync();
        foreach (var (token, job, replacement, version) in made)
        {
            // A piece restarted from the start is a new piece; one resumed mid-graph keeps what was recorded.
            replacement.DataJson = restartAt is null ? null : token.DataJson;
            token.ReplacedByTokenId = replacement.Id;
            session.Emit("token_replaced", job.Id, token.Id, data: new { replacement = replacement.Id, reason, version },
                graph: job.GraphKey, graphVersion: version);
            var graph = await session.GraphAsync(job.GraphKey, version);
            await session.Tokens.MoveToAsync(job, replacement, restartAt ?? graph.Definition.StartNode.Key);
        }
        return made.ConvertAll(m => m.Replacement);
    }

    /// <summary>
    /// The live split children of the tokens, theirs and so on, by parent: the jobs' live branches are read in one
    /// statement, and the trees are walked in memory.
    /// </summary>
    private async Task<ILookup<long, TokenRecord>> BranchesAsync(IReadOnlyList<TokenRecord> tokens)
    {
        var jobIds = tokens.Select(t => t.JobId).Distinct().ToList();
        var serials = tokens.Select(t => t.Serial).Distinct().ToList();
        // A branch has its root's serial.
        return (await db.Tokens
                .Where(t => jobIds.Contains(t.JobId) && serials.Contains(t.Serial) && t.ParentTokenId != null && TokenStates.Live.Contains(t.State))
                .OrderBy(t => t.Id)
                .ToListAsync())
            .ToLookup(t => t.ParentTokenId!.Value);
    }

    /// <summary>A token and its live branches, theirs and so on, each before its own branches.</summary>
    private static IEnumerable<TokenRecord> Tree(TokenRecord token, ILookup<long, TokenRecord> branches)
    {
        yield return token;
        // Rows this command already changed come back as it left them: the state is checked again in memory.
        foreach (var child in branches[token.Id].Where(t => TokenStates.Live.Contains(t.State)))
            foreach (var t in Tree(child, branches)) yield return t;
    }

    /// <summary>The open work items of the tokens, and the open inbox entries about them, each read in one statement.</summary>
    private async Task<(ILookup<long, WorkItemRecord> Items, ILookup<long, InboxRecord> Inbox)> OpenWorkAsync(IReadOnlyList<TokenRecord> tokens)
    {
        var tokenIds = tokens.Select(t => t.Id).ToList();
        var items = await db.WorkItems
            .Where(w => tokenIds.Contains(w.TokenId) && WorkItemStates.Open.Contains(w.State))
            .OrderBy(w => w.Id)
            .ToListAsync();
        var itemIds = items.Select(i => (long?)i.Id).ToList();
        var inbox = itemIds.Count == 0 ? [] : await db.Inbox.Where(i => i.State == "open" && itemIds.Contains(i.WorkItemId)).ToListAsync();
        return (items.ToLookup(i => i.TokenId), inbox.ToLookup(i => i.WorkItemId!.Value));
    }

    /// <summary>Cancels a token and its live branches (theirs and so on), withdrawing their open work.</summary>
    private void CancelTree(TokenRecord root, ILookup<long, TokenRecord> branches, ILookup<long, WorkItemRecord> openItems,
        ILookup<long, InboxRecord> openInbox, string reason)
    {
        foreach (var token in Tree(root, branches).ToList())
        {
            token.State = TokenStates.Cancelled;
            token.CancelReason = reason;
            token.EndedAt = now;
            // Rows this command already changed come back as it left them: the state is checked again in memory.
            var items = openItems[token.Id].Where(w => WorkItemStates.Open.Contains(w.State)).ToList();
            foreach (var item in items) Withdraw(item);
            // Withdrawn work needs nobody's decision any more.
            foreach (var entry in items.SelectMany(i => openInbox[i.Id]).Where(i => i.State == "open"))
            {
                entry.State = "resolved";
                entry.Resolution = "withdrawn";
                entry.ResolvedAt = now;
                entry.ResolvedBy = "system";
            }
        }
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
