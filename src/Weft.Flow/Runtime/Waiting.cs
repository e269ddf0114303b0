using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Flow.Persistence;
using Weft.Flow.Rules;

namespace Weft.Flow.Runtime;

// Waiting: a token rests at a timer until its time, and at a wait node until the message it waits for
// arrives (or its timeout passes). Timers live in the database like assignment timeouts; a message
// that arrives before its token is kept, and consumed when the token arrives.
internal sealed class Waiting(FlowSession session)
{
    public const string TokenTimer = "token_timer";
    public const string WaitTimeout = "wait_timeout";

    private readonly FlowDbContext db = session.Db;
    private readonly DateTime now = session.Now;

    /// <summary>A token reaches a timer: it waits until its time, or goes on at once if that has passed.</summary>
    public async Task<bool> WaitAtTimerAsync(JobRecord job, TokenRecord token, NodeDefinition node)
    {
        DateTime due;
        if (node.DelayMinutes is { } minutes)
        {
            due = now.AddMinutes(minutes);
        }
        else
        {
            if (DateOf(job, token, node) is { } until)
            {
                due = until;
            }
            else
            {
                session.Emit("timer_date_missing", job.Id, node: node.Key, data: new { field = node.UntilField },
                    graph: job.GraphKey, graphVersion: token.GraphVersion, token: token);
                return false;
            }
        }
        if (due <= now) return false;
        if (token.Id == 0) await db.SaveChangesAsync();
        token.State = TokenStates.Waiting;
        db.Timers.Add(new TimerRecord { Kind = TokenTimer, TokenId = token.Id, DueAt = due });
        session.Emit("token_waiting", job.Id, token.Id, node: node.Key, data: new { until = due }, graph: job.GraphKey, graphVersion: token.GraphVersion);
        return true;
    }

    /// <summary>
    /// The job's data changed: each of its tokens waiting at a timer that takes its date from the data waits for the date
    /// the data holds now, sooner or later (at once when it has passed). A timer whose field is gone keeps its date.
    /// </summary>
    public async Task FollowTimerDatesAsync(JobRecord job)
    {
        var waiting = await db.Tokens.Where(t => t.JobId == job.Id && t.State == TokenStates.Waiting && t.WaitMessage == null).ToListAsync();
        if (waiting.Count == 0) return;
        var ids = waiting.Select(t => t.Id).ToList();
        var timers = await db.Timers.Where(t => t.Kind == TokenTimer && t.TokenId != null && ids.Contains(t.TokenId.Value)).ToListAsync();
        foreach (var token in waiting)
        {
            var timer = timers.FirstOrDefault(t => t.TokenId == token.Id);
            var node = (await session.GraphAsync(job.GraphKey, token.GraphVersion)).Node(token.NodeKey);
            if (timer is null || node.Type != NodeType.Timer || node.UntilField is null) continue;
            if (DateOf(job, token, node) is not { } until || until == timer.DueAt) continue;
            var from = timer.DueAt;
            timer.DueAt = until < now ? now : until;
            session.Emit("timer_moved", job.Id, token.Id, node: node.Key, data: new { from, until = timer.DueAt, field = node.UntilField },
                graph: job.GraphKey, graphVersion: token.GraphVersion);
        }
    }

    /// <summary>The date a timer waits for from its field, in the token's data first, then the job's; null when there is none.</summary>
    private static DateTime? DateOf(JobRecord job, TokenRecord token, NodeDefinition node)
    {
        var value = RuleEvaluator.Lookup(FlowData.ParseObject(token.DataJson), node.UntilField!) ?? RuleEvaluator.Lookup(FlowData.ParseObject(job.DataJson), node.UntilField!);
        return value is JsonValue v && v.TryGetValue<string>(out var text) && RuleEvaluator.Date(text) is { } until ? until.UtcDateTime : null;
    }

    /// <summary>
    /// A token reaches a wait node: a message kept for it is consumed at once (the token goes on);
    /// otherwise it waits, with a timeout timer when the node has one.
    /// </summary>
    public async Task<bool> WaitForMessageAsync(JobRecord job, TokenRecord token, NodeDefinition node)
    {
        var key = CorrelationKeyOf(job, token, node);
        await LockMessageAsync(node.Message!, key);
        if (token.Id == 0) await db.SaveChangesAsync();
        var kept = await db.Messages.Where(m => m.Name == node.Message && m.CorrelationKey == key && m.ConsumedAt == null)
            .OrderBy(m => m.Id).FirstOrDefaultAsync();
        if (kept is not null)
        {
            kept.ConsumedAt = now;
            kept.ConsumedBy++;
            Receive(job, token, node, kept);
            return false;
        }
        token.State = TokenStates.Waiting;
        token.WaitMessage = node.Message;
        token.WaitKey = key;
        if (node.TimeoutMinutes is { } minutes) db.Timers.Add(new TimerRecord { Kind = WaitTimeout, TokenId = token.Id, DueAt = now.AddMinutes(minutes) });
        session.Emit("token_waiting", job.Id, token.Id, node: node.Key, data: new { message = node.Message, key }, graph: job.GraphKey, graphVersion: token.GraphVersion);
        return true;
    }

    /// <summary>The message's data joins the token's, and the token is marked to leave by the edge without an outcome.</summary>
    private void Receive(JobRecord job, TokenRecord token, NodeDefinition node, MessageRecord message)
    {
        var data = FlowData.ParseObject(token.DataJson);
        foreach (var (k, v) in FlowData.ParseObject(message.DataJson)) data[k] = v?.DeepClone();
        token.DataJson = FlowData.Serialize(data);
        token.WaitMessage = null;
        token.WaitKey = null;
        token.State = TokenStates.Active;
        session.Emit("message_received", job.Id, token.Id, node: node.Key, data: new { message = message.Name, key = message.CorrelationKey, id = message.Id },
            graph: job.GraphKey, graphVersion: token.GraphVersion);
    }

    /// <summary>
    /// A message arrives: every token waiting for its name and key takes it and goes on; when none waits, it is
    /// kept for the first that arrives.
    /// </summary>
    public async Task<MessageDto> DeliverMessageAsync(string name, string key, JsonObject? data)
    {
        await LockMessageAsync(name, key);
        var message = new MessageRecord { Name = name, CorrelationKey = key, DataJson = FlowData.Serialize(data), SentBy = session.Actor, ReceivedAt = now };
        db.Messages.Add(message);
        await db.SaveChangesAsync();
        var waitingIds = await db.Tokens.Where(t => t.WaitMessage == name && t.WaitKey == key && t.State == TokenStates.Waiting)
            .Select(t => t.Id).ToListAsync();
        var woken = new List<long>();
        if (waitingIds.Count > 0)
        {
            // Their jobs are locked together (in id order), then the tokens, their jobs and their timers are read and
            // removed in one statement each, whatever the number of tokens: read after the lock, as the last
            // transaction that held it left them.
            await session.LockJobsOfAsync(waitingIds, []);
            var tokens = (await session.RowsAsync<TokenRecord>(waitingIds)).Values
                .Where(t => t.WaitMessage == name && t.WaitKey == key && t.State == TokenStates.Waiting).OrderBy(t => t.Id).ToList();
            var jobs = await session.RowsAsync<JobRecord>(tokens.Select(t => t.JobId));
            var timed = tokens.Select(t => (long?)t.Id).ToList();
            if (timed.Count > 0) await db.Timers.Where(t => timed.Contains(t.TokenId)).ExecuteDeleteAsync();
            foreach (var token in tokens)
            {
                var job = jobs[token.JobId];
                var graph = await session.GraphAsync(job.GraphKey, token.GraphVersion);
                var node = graph.Node(token.NodeKey);
                Receive(job, token, node, message);
                message.ConsumedBy++;
                woken.Add(token.Id);
                await session.Tokens.MoveToAsync(job, token, graph.Definition.Outgoing(node.Key).Single(e => !WaitingNodes.IsTimeout(e)).To);
            }
        }
        if (woken.Count > 0) message.ConsumedAt = now;
        session.Emit(woken.Count > 0 ? "message_delivered" : "message_kept", data: new { message = message.Id, name, key, tokens = woken });
        return new MessageDto(message.Id, name, key, woken.Count > 0 ? "consumed" : "kept", woken, message.ReceivedAt);
    }

    /// <summary>
    /// A token timer or wait timeout that came due: the token (read by the caller, gone when null) goes on, by the
    /// timeout edge for a wait.
    /// </summary>
    public async Task FireTokenTimerAsync(TimerRecord timer, TokenRecord? token)
    {
        if (token is null) return;
        if (await session.LockJobAsync(token.JobId)) await db.Entry(token).ReloadAsync();
        if (token.State != TokenStates.Waiting) return;
        var job = await session.RowAsync<JobRecord>(token.JobId);
        var graph = await session.GraphAsync(job.GraphKey, token.GraphVersion);
        var node = graph.Node(token.NodeKey);
        if (timer.Kind == TokenTimer && node.Type == NodeType.Timer)
        {
            token.State = TokenStates.Active;
            session.Emit("timer_fired", job.Id, token.Id, node: node.Key, graph: job.GraphKey, graphVersion: token.GraphVersion);
            await session.Tokens.MoveToAsync(job, token, graph.Definition.Outgoing(node.Key).Single().To);
        }
        else if (timer.Kind == WaitTimeout && node.Type == NodeType.Wait)
        {
            token.State = TokenStates.Active;
            token.WaitMessage = null;
            token.WaitKey = null;
            session.Emit("wait_timed_out", job.Id, token.Id, node: node.Key, graph: job.GraphKey, graphVersion: token.GraphVersion);
            await session.Tokens.MoveToAsync(job, token, graph.Definition.Outgoing(node.Key).Single(WaitingNodes.IsTimeout).To);
        }
    }

    /// <summary>Cancelled tokens stop waiting: their timers go (in one statement), and no message is taken for them.</summary>
    public async Task StopWaitingAsync(IReadOnlyCollection<TokenRecord> tokens)
    {
        foreach (var token in tokens)
        {
            token.WaitMessage = null;
            token.WaitKey = null;
        }
        var ids = tokens.Where(t => t.Id != 0).Select(t => (long?)t.Id).ToList();
        if (ids.Count > 0) await db.Timers.Where(t => ids.Contains(t.TokenId)).ExecuteDeleteAsync();
    }

    private static string CorrelationKeyOf(JobRecord job, TokenRecord token, NodeDefinition node)
    {
        if (node.CorrelationField is not { } field) return job.Reference;
        var value = RuleEvaluator.Lookup(FlowData.ParseObject(token.DataJson), field) ?? RuleEvaluator.Lookup(FlowData.ParseObject(job.DataJson), field);
        return value switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonValue v => v.ToJsonString(),
            _ => job.Reference,
        };
    }

    /// <summary>
    /// A message and the token that waits for it take turns: without this, a token arriving and its message
    /// arriving at the same moment could each miss the other. SQLite writers take turns anyway.
    /// </summary>
    private async Task LockMessageAsync(string name, string key)
    {
        if (!db.IsPostgres) return;
        var lockKey = string.Create(CultureInfo.InvariantCulture, $"weft.message|{db.TenantId}|{name}|{key}");
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({lockKey}, 0))");
    }
}
