using Microsoft.EntityFrameworkCore;
using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Flow.Runtime;

namespace Weft.Flow;

public sealed partial class FlowEngine
{
    /// <summary>
    /// Flow statistics of one graph version. The bottleneck is the node with the most work in front
    /// of it, weighed by how long a piece takes there (median work time, else standard minutes).
    /// </summary>
    public Task<GraphStatisticsDto> GetStatisticsAsync(string key, int version, CancellationToken ct = default) =>
        runtime.ReadAsync(async db =>
        {
            var graph = await runtime.Definitions.GetAsync(db, key, version);
            var now = runtime.Clock.GetUtcNow().UtcDateTime;
            var items = await db.WorkItems.AsNoTracking()
                .Where(w => w.GraphKey == key && w.GraphVersion == version)
                .Select(w => new { w.TokenId, w.JobId, w.NodeKey, w.State, w.ReadyAt, w.CreatedAt, w.StartedAt, w.WorkSeconds, w.Outcome, w.EndedAt, w.Id })
                .ToListAsync(ct);
            var tokens = await db.Tokens.AsNoTracking()
                .Where(t => t.GraphVersion == version && db.Jobs.Any(j => j.Id == t.JobId && j.GraphKey == key))
                .Select(t => new { t.Id, t.JobId, t.Serial, t.State, t.NodeKey, t.ParentTokenId, t.ReplacesTokenId, t.CancelReason, t.EndedAt })
                .ToListAsync(ct);

            var pieceOf = tokens.ToDictionary(t => t.Id, t => (t.JobId, t.Serial));
            var nodes = new List<NodeStatistics>();
            foreach (var node in graph.Definition.Nodes.Where(n => n.IsWork))
            {
                var here = items.Where(i => i.NodeKey == node.Key).ToList();
                var waiting = here.Where(i => i.State is WorkItemStates.Ready or WorkItemStates.Assigned).Select(i => i.TokenId).Distinct().Count();
                var inProgress = here.Where(i => i.State is WorkItemStates.InProgress or WorkItemStates.Paused).Select(i => i.TokenId).Distinct().Count();
                var done = here.Where(i => i.State == WorkItemStates.Completed).ToList();
                var queue = here.Where(i => i.StartedAt is not null).Select(i => (i.StartedAt!.Value - i.CreatedAt).TotalMinutes).ToList();
                var work = done.Select(i => i.WorkSeconds / 60.0).ToList();
                double? fpy = null;
                if (node.Type == NodeType.Qc && done.Count > 0)
                {
                    // First pass: the first qc result of each piece (job, serial), before any rework.
                    var firsts = done.Where(i => pieceOf.ContainsKey(i.TokenId))
                        .GroupBy(i => pieceOf[i.TokenId])
                        .Select(g => g.OrderBy(i => i.EndedAt).ThenBy(i => i.Id).First())
                        .ToList();
                    fpy = firsts.Count == 0 ? null : Math.Round(firsts.Count(i => i.Outcome == "pass") / (double)firsts.Count, 4);
                }
                nodes.Add(new NodeStatistics(node.Key, node.Type.ToString().ToLowerInvariant(), waiting, inProgress, done.Count,
                    Percentile(queue, 0.5), Percentile(queue, 0.9), Percentile(work, 0.5), Percentile(work, 0.9), fpy));
            }

            // Where tokens wait (timers, waits for a message): how many wait now, and how many have gone on.
            var waitingNodes = graph.Definition.Nodes.Where(n => n.Type is NodeType.Timer or NodeType.Wait).Select(n => n.Key).ToList();
            if (waitingNodes.Count > 0)
            {
                var passed = await db.Events.AsNoTracking()
                    .Where(e => e.GraphKey == key && e.GraphVersion == version && e.NodeKey != null && waitingNodes.Contains(e.NodeKey)
                        && (e.Type == "timer_fired" || e.Type == "message_received" || e.Type == "wait_timed_out"))
                    .GroupBy(e => e.NodeKey!).Select(g => new { Node = g.Key, Count = g.Count() })
                    .ToDictionaryAsync(x => x.Node, x => x.Count, ct);
                foreach (var node in graph.Definition.Nodes.Where(n => waitingNodes.Contains(n.Key)))
                {
                    var waiting = tokens.Count(t => t.NodeKey == node.Key && t.State == TokenStates.Waiting);
                    nodes.Add(new NodeStatistics(node.Key, node.Type.ToString().ToLowerInvariant(), waiting, 0, passed.GetValueOrDefault(node.Key),
                        null, null, null, null, null));
                }
            }

            var roots = tokens.Where(t => t.ParentTokenId == null).ToList();
            var since = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc).AddHours(-23);
            var perHour = Enumerable.Range(0, 24).Select(h => since.AddHours(h))
                .Select(h => new HourCount(h, roots.Count(t => t.State == TokenStates.Completed && t.EndedAt >= h && t.EndedAt < h.AddHours(1))))
                .ToList();
            var scrap = roots.Where(t => t.State == TokenStates.Cancelled)
                .GroupBy(t => t.CancelReason ?? "unknown").ToDictionary(g => g.Key, g => g.Count());

            string? bottleneck = null;
            // Waiting for time or a message is not work: only work nodes can be the bottleneck.
            var load = nodes.Where(n => n.Type is "task" or "qc")
                .Select(n => (n.Node, Weight: (n.Waiting + n.InProgress) * (n.WorkMinutesMedian ?? graph.Definition.Node(n.Node)?.StandardMinutes ?? 1.0)))
                .Where(x => x.Weight > 0)
                .OrderByDescending(x => x.Weight)
                .ThenBy(x => x.Node, StringComparer.Ordinal)
                .FirstOrDefault();
            if (load.Node is not null) bottleneck = load.Node;

            return new GraphStatisticsDto(key, version, now, nodes, perHour,
                roots.Count(t => TokenStates.Live.Contains(t.State)), roots.Count(t => t.State == TokenStates.Completed),
                scrap, roots.Count(t => t.ReplacesTokenId != null), bottleneck);
        }, ct);

    internal static double? Percentile(List<double> values, double p)
    {
        if (values.Count == 0) return null;
        values.Sort();
        var rank = p * (values.Count - 1);
        var lo = (int)Math.Floor(rank);
        var hi = (int)Math.Ceiling(rank);
        var v = values[lo] + ((values[hi] - values[lo]) * (rank - lo));
        return Math.Round(v, 3);
    }
}
