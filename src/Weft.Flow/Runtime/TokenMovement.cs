using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Flow.Persistence;
using Weft.Flow.Rules;

namespace Weft.Flow.Runtime;

// Token movement: a token passes through start, decision, split, join and end by itself and rests at
// task and qc nodes, where work items are created for it.
internal sealed class TokenMovement(FlowSession session)
{
    private readonly FlowDbContext db = session.Db;
    private readonly DateTime now = session.Now;

    /// <summary>Adds a token; it is written with the next save, before anything may refer to its id.</summary>
    public TokenRecord CreateToken(JobRecord job, int serial, int generation, int graphVersion, long? replaces)
    {
        var token = new TokenRecord
        {
            JobId = job.Id,
            Serial = serial,
            Generation = generation,
            GraphVersion = graphVersion,
            NodeKey = "",
            State = TokenStates.Active,
            ReplacesTokenId = replaces,
            CreatedAt = now,
            ArrivedAt = now,
        };
        db.Tokens.Add(token);
        session.Emit("token_created", job.Id, data: new { serial, generation, graphVersion, replaces },
            graph: job.GraphKey, graphVersion: graphVersion, token: token);
        return token;
    }

    public async Task MoveToAsync(JobRecord job, TokenRecord token, string nodeKey)
    {
        var graph = await session.GraphAsync(job.GraphKey, token.GraphVersion);
        // Iterative for start/decision hops; recursion only for split branches.
        while (true)
        {
            var node = graph.Node(nodeKey);
            token.NodeKey = nodeKey;
            token.ArrivedAt = now;
            session.Emit("token_arrived", job.Id, node: nodeKey, graph: job.GraphKey, graphVersion: token.GraphVersion, token: token);
            switch (node.Type)
            {
                case NodeType.Start:
                    nodeKey = graph.Definition.Outgoing(nodeKey).Single().To;
                    continue;
                case NodeType.Decision:
                    nodeKey = ChooseDecisionEdge(graph.Definition, node, job, token).To;
                    continue;
                case NodeType.Task or NodeType.Qc:
                    CreateWorkItems(job, token, node);
                    return;
                case NodeType.Split:
                    await SplitAsync(job, token, graph, node);
                    return;
                case NodeType.Join:
                    await ArriveAtJoinAsync(job, token, graph, node);
                    return;
                case NodeType.Timer:
                    if (await session.Waiting.WaitAtTimerAsync(job, token, node)) return;
                    nodeKey = graph.Definition.Outgoing(nodeKey).Single().To;
                    continue;
                case NodeType.Wait:
                    if (await session.Waiting.WaitForMessageAsync(job, token, node)) return;
                    nodeKey = graph.Definition.Outgoing(nodeKey).Single(e => !WaitingNodes.IsTimeout(e)).To;
                    continue;
                case NodeType.End:
                    token.State = TokenStates.Completed;
                    token.EndedAt = now;
                    session.Emit("token_completed", job.Id, node: nodeKey, graph: job.GraphKey, graphVersion: token.GraphVersion, token: token);
                    await CompleteJobIfDoneAsync(job);
                    return;
                default:
                    throw new InvalidOperationException($"Unknown node type {node.Type}.");
            }
        }
    }

    private static EdgeDefinition ChooseDecisionEdge(GraphDefinition graph, NodeDefinition node, JobRecord job, TokenRecord token)
    {
        if (node.Rules is { Count: > 0 } rules)
        {
            var outcome = RuleEvaluator.Choose(rules, FlowData.ParseObject(token.DataJson), FlowData.ParseObject(job.DataJson));
            var edges0 = graph.Outgoing(node.Key).ToList();
            return (outcome is null ? null : edges0.FirstOrDefault(e => e.Outcome?.Trim() == outcome.Trim())) ?? edges0.First(e => e.IsDefault);
        }
        var field = node.DecisionField ?? "";
        var value = Lookup(FlowData.ParseObject(token.DataJson), field) ?? Lookup(FlowData.ParseObject(job.DataJson), field);
        var edges = graph.Outgoing(node.Key).ToList();
        if (value is not null)
        {
            var match = edges.FirstOrDefault(e => string.Equals(e.Outcome, value, StringComparison.OrdinalIgnoreCase));
            if (match is not null) return match;
        }
        return edges.First(e => e.IsDefault);
    }

    private static string? Lookup(JsonObject data, string field)
    {
        if (!data.TryGetPropertyValue(field, out var node) || node is null) return null;
        return node is JsonValue v
            ? v.TryGetValue<string>(out var s) ? s : Convert.ToString(v.ToJsonString().Trim('"'), CultureInfo.InvariantCulture)
            : node.ToJsonString();
    }

    private async Task SplitAsync(JobRecord job, TokenRecord token, PublishedGraph graph, NodeDefinition split)
    {
        // Children name their parent by id, so a parent created in this command is written first.
        if (token.Id == 0) await db.SaveChangesAsync();
        token.State = TokenStates.Split;
        var branches = graph.Definition.Outgoing(split.Key).ToList();
        var children = new List<(TokenRecord Child, string To)>();
        foreach (var edge in branches)
        {
            var child = new TokenRecord
            {
                JobId = job.Id,
                Serial = token.Serial,
                Generation = token.Generation,
                GraphVersion = token.GraphVersion,
                NodeKey = split.Key,
                State = TokenStates.Active,
                ParentTokenId = token.Id,
                SplitNodeKey = split.Key,
                DataJson = token.DataJson,
                CreatedAt = now,
                ArrivedAt = now,
            };
            db.Tokens.Add(child);
            children.Add((child, edge.To));
        }
        await db.SaveChangesAsync();
        session.Emit("token_split", job.Id, token.Id, node: split.Key, data: new { children = children.Select(c => c.Child.Id).ToArray() },
            graph: job.GraphKey, graphVersion: token.GraphVersion);
        foreach (var (child, to) in children) await MoveToAsync(job, child, to);
    }

    private async Task ArriveAtJoinAsync(JobRecord job, TokenRecord token, PublishedGraph graph, NodeDefinition join)
    {
        if (token.ParentTokenId is not { } parentId)
            throw new InvalidOperationException($"Token {token.Id} reached join '{join.Key}' without a parent.");
        token.State = TokenStates.Waiting;
        // The branches of this split only: a token that split and joined before has merged branches of an earlier split.
        var siblings = await db.Tokens.Where(t => t.ParentTokenId == parentId && t.SplitNodeKey == token.SplitNodeKey).ToListAsync();
        if (siblings.Any(s => s.State != TokenStates.Waiting || s.NodeKey != join.Key)) return;

        var parent = await db.Tokens.SingleAsync(t => t.Id == parentId);
        // What the branches recorded travels on with the parent; a branch's untouched copy of the
        // parent's data must not overwrite what another branch changed.
        var before = FlowData.ParseObject(parent.DataJson);
        var merged = FlowData.ParseObject(parent.DataJson);
        foreach (var s in siblings.OrderBy(s => s.Id))
        {
            s.State = TokenStates.Merged;
            s.EndedAt = now;
            foreach (var (k, v) in FlowData.ParseObject(s.DataJson))
                if (!before.TryGetPropertyValue(k, out var was) || !JsonNode.DeepEquals(was, v)) merged[k] = v?.DeepClone();
        }
        parent.DataJson = FlowData.Serialize(merged);
        parent.State = TokenStates.Active;
        session.Emit("token_joined", job.Id, parent.Id, node: join.Key, data: new { children = siblings.Select(s => s.Id).ToArray() },
            graph: job.GraphKey, graphVersion: parent.GraphVersion);
        var next = graph.Definition.Outgoing(join.Key).OrderByDescending(e => e.IsDefault).First();
        await MoveToAsync(job, parent, next.To);
    }

    private void CreateWorkItems(JobRecord job, TokenRecord token, NodeDefinition node)
    {
        string? required = null, preferred = null;
        if (node.RequireField is not null || node.PreferField is not null)
        {
            var (tokenData, jobData) = (FlowData.ParseObject(token.DataJson), FlowData.ParseObject(job.DataJson));
            required = WorkRequirements.Write(WorkRequirements.Resolve(node.RequireField, tokenData, jobData));
            preferred = WorkRequirements.Write(WorkRequirements.Resolve(node.PreferField, tokenData, jobData));
        }
        for (var op = 1; op <= Math.Max(1, node.Operators); op++)
        {
            var item = new WorkItemRecord
            {
                JobId = job.Id,
                TokenId = token.Id,
                GraphKey = job.GraphKey,
                GraphVersion = token.GraphVersion,
                NodeKey = node.Key,
                Operator = op,
                Capability = (node.Capability ?? "").Trim().ToLowerInvariant(),
                Level = node.Level,
                Assignment = node.Assignment == AssignmentMode.Auto ? "auto" : "pool",
                State = WorkItemStates.Ready,
                Priority = job.Priority,
                DueAt = job.DueAt,
                CreatedAt = now,
                ReadyAt = now,
                RequiredCapabilities = required,
                PreferredCapabilities = preferred,
            };
            db.WorkItems.Add(item);
            session.Deadlines.WatchDeadline(job, token, node, item);
            session.Emit("work_item_created", job.Id, node: node.Key, data: required is null && preferred is null
                    ? new { item.Operator, item.Capability, item.Assignment }
                    : (object)new { item.Operator, item.Capability, item.Assignment, requires = WorkRequirements.Read(required), prefers = WorkRequirements.Read(preferred) },
                graph: job.GraphKey, graphVersion: token.GraphVersion, token: token, item: item);
            if (item.Assignment == "auto") session.Pending.NewlyReady.Add(item);
        }
    }

    /// <summary>Called when every operator's work item at the token's node is complete.</summary>
    public async Task AdvanceAfterWorkAsync(JobRecord job, TokenRecord token, string outcome)
    {
        var graph = await session.GraphAsync(job.GraphKey, token.GraphVersion);
        var node = graph.Node(token.NodeKey);
        var edges = graph.Definition.Outgoing(node.Key).ToList();
        var edge = edges.Count == 1 && (node.Type != NodeType.Qc || string.Equals(edges[0].Outcome ?? "pass", outcome, StringComparison.OrdinalIgnoreCase))
            ? edges[0]
            : edges.FirstOrDefault(e => string.Equals(e.Outcome, outcome, StringComparison.OrdinalIgnoreCase));
        if (edge is null && node.Type == NodeType.Qc && string.Equals(outcome, "fail", StringComparison.OrdinalIgnoreCase))
        {
            // No fail edge: the piece is scrapped and a replacement starts over.
            var root = await RootOfAsync(token);
            await session.Cancellation.CancelTokensAsync([root], CancelReasons.QcFail, restartAt: null, automatic: true);
            return;
        }
        if (edge is null) throw new InvalidOperationException($"No edge for outcome '{outcome}' at '{node.Key}'.");
        session.Emit("token_left", job.Id, token.Id, node: node.Key, data: new { outcome }, graph: job.GraphKey, graphVersion: token.GraphVersion);
        await MoveToAsync(job, token, edge.To);
    }

    public async Task<TokenRecord> RootOfAsync(TokenRecord token)
    {
        var current = token;
        while (current.ParentTokenId is { } parentId)
            current = await session.RowAsync<TokenRecord>(parentId);
        return current;
    }

    public async Task CompleteJobIfDoneAsync(JobRecord job)
    {
        if (job.State != "active") return;
        // The tokens this command holds count as it left them; the others as committed (nothing is saved to ask).
        var held = db.ChangeTracker.Entries<TokenRecord>().Where(e => e.Entity.JobId == job.Id && e.State != EntityState.Deleted).ToList();
        if (held.Exists(e => TokenStates.Live.Contains(e.Entity.State))) return;
        var settled = held.Where(e => e.State != EntityState.Added).Select(e => e.Entity.Id).ToList();
        if (await FlowQueries.OtherLiveToken(db, job.Id, [.. settled])) return;
        var anyCompleted = held.Exists(e => e.Entity.ParentTokenId == null && e.Entity.State == TokenStates.Completed)
            || await db.Tokens.AnyAsync(t => t.JobId == job.Id && t.ParentTokenId == null && t.State == TokenStates.Completed && !settled.Contains(t.Id));
        job.State = anyCompleted ? "completed" : "cancelled";
        job.CompletedAt = now;
        session.Emit(anyCompleted ? "job_completed" : "job_cancelled", job.Id, graph: job.GraphKey, graphVersion: job.GraphVersion);
        db.Publish(new JobEnded(job.Id, job.Reference, job.GraphKey, job.State, now), $"flow.job.{job.Id}");
    }
}
