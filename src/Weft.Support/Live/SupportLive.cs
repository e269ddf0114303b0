using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Weft.Platform.Changes;
using Weft.Support.Conversations;

namespace Weft.Support.Live;

/// <summary>A message as live screens get it: the message, with its conversation's number, status and subject.</summary>
internal sealed record LiveMessage(long Conversation, long Number, string Status, string Subject, string? HandoverReason, MessageDto Message);

/// <summary>
/// Pushes every committed message to the screens watching: a customer's chat widget watches its conversation, an
/// agent's workspace watches them all. One pump per tenant wakes on the change feed (this process's commits, and other
/// processes' through PostgreSQL's notifications), reads what is new in one query however many watch, and hands each
/// watcher its share. Message ids grow, but on PostgreSQL a transaction may commit after a later id's: the pump reads
/// back a window below the last id it saw and skips what it already pushed, so a late commit is pushed late, not lost.
/// A screen that (re)connects reads what it missed itself (after the last id it has) and drops repeats by id.
/// </summary>
internal sealed class SupportLive(SupportDb data, ChangeFeed feed, ILogger<SupportLive> log) : IDisposable
{
    private readonly SupportDb store = data;
    private readonly ChangeFeed changes = feed;
    private readonly ILogger logger = log;

    /// <summary>How far below the last id each read looks again for late commits.</summary>
    public const int Window = 200;

    private readonly ConcurrentDictionary<long, Pump> pumps = new();
    private readonly CancellationTokenSource stopping = new();

    /// <summary>
    /// Calls <paramref name="onMessage"/> with each new message of the tenant (of one conversation when given; notes
    /// only when <paramref name="notes"/>). The callback must not block: hand the message to a queue. Dispose to stop.
    /// </summary>
    /// <remarks>Returns once the tenant's pump runs: what commits after that is pushed, so a screen reads its backlog after this.</remarks>
    public async Task<IDisposable> WatchAsync(long tenant, long? conversation, bool notes, Action<LiveMessage> onMessage)
    {
        var pump = pumps.GetOrAdd(tenant, t => new Pump(this, t));
        var watching = pump.Add(new Watcher(conversation, notes, onMessage));
        try
        {
            await pump.Ready;
            return watching;
        }
        catch
        {
            watching.Dispose();
            // A pump that could not start (the database was away) gives way to a new one on the next watch.
            if (pumps.TryRemove(new KeyValuePair<long, Pump>(tenant, pump))) pump.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        stopping.Cancel();
        foreach (var pump in pumps.Values) pump.Dispose();
    }

    private sealed record Watcher(long? Conversation, bool Notes, Action<LiveMessage> OnMessage);

    private sealed class Pump : IDisposable
    {
        private readonly SupportLive owner;
        private readonly long tenant;
        private readonly ConcurrentDictionary<long, Watcher> watchers = new();
        private readonly Channel<bool> wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        private readonly IDisposable subscription;
        private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Ready => started.Task;
        private readonly HashSet<long> pushed = [];
        private long mark = -1;
        private long next;

        public Pump(SupportLive owner, long tenant)
        {
            this.owner = owner;
            this.tenant = tenant;
            subscription = owner.changes.Subscribe(tenant, ["support_messages"], _ => wake.Writer.TryWrite(true));
            _ = Task.Run(RunAsync);
        }

        public IDisposable Add(Watcher watcher)
        {
            var id = Interlocked.Increment(ref next);
            watchers[id] = watcher;
            return new Removal(() => watchers.TryRemove(id, out _));
        }

        private async Task RunAsync()
        {
            var ct = owner.stopping.Token;
            try
            {
                // Messages from before the pump began are what a connecting screen reads itself.
                try
                {
                    await using var db = await owner.store.OpenAsync(tenant, ct);
                    mark = await db.Messages.Select(m => (long?)m.Id).MaxAsync(ct) ?? 0;
                    var floor = mark - Window;
                    pushed.UnionWith(await db.Messages.Where(m => m.Id > floor).Select(m => m.Id).ToListAsync(ct));
                    started.TrySetResult();
                }
                catch (Exception e)
                {
                    started.TrySetException(e);
                    return;
                }
                while (await wake.Reader.WaitToReadAsync(ct))
                {
                    wake.Reader.TryRead(out _);
                    try
                    {
                        await PushNewAsync(ct);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        owner.logger.LogWarning(e, "Pushing tenant {Tenant}'s new support messages failed; the next change retries.", tenant);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        private async Task PushNewAsync(CancellationToken ct)
        {
            while (true)
            {
                await using var db = await owner.store.OpenAsync(tenant, ct);
                var from = Math.Max(0, mark - Window);
                var rows = await db.Messages.AsNoTracking().Where(m => m.Id > from).OrderBy(m => m.Id).Take(500)
                    .Join(db.Conversations, m => m.ConversationId, c => c.Id, (m, c) => new { m, c.Number, c.Status, c.Subject, c.HandoverReason })
                    .ToListAsync(ct);
                var fresh = rows.Where(r => !pushed.Contains(r.m.Id)).ToList();
                foreach (var row in fresh)
                {
                    pushed.Add(row.m.Id);
                    var live = new LiveMessage(row.m.ConversationId, row.Number, row.Status, row.Subject, row.HandoverReason, Conversations.Conversations.ToDto(row.m));
                    foreach (var watcher in watchers.Values)
                    {
                        if (watcher.Conversation is { } only && only != row.m.ConversationId) continue;
                        if (!watcher.Notes && row.m.Kind == MessageKinds.Note) continue;
                        watcher.OnMessage(live);
                    }
                }
                if (rows.Count > 0) mark = Math.Max(mark, rows[^1].m.Id);
                pushed.RemoveWhere(id => id <= mark - Window);
                if (rows.Count < 500) return;
            }
        }

        public void Dispose()
        {
            subscription.Dispose();
            wake.Writer.TryComplete();
        }
    }

    private sealed class Removal(Action remove) : IDisposable
    {
        private int done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref done, 1) == 0) remove();
        }
    }
}
