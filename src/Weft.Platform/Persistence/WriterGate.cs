namespace Weft.Platform.Persistence;

/// <summary>
/// SQLite lets one transaction write at a time: two writers of one process that meet in the database wait for
/// each other in SQLite's busy handler (<see cref="SqliteBusyWait"/>), in steps that are coarse beside a write of a
/// millisecond. This process's writes therefore queue here, in memory, in the order they arrive, and run one after
/// the other: the engine's commands and every unit of work (<see cref="Transactions"/>: event deliveries, the other
/// modules' commands); other processes still meet SQLite's own wait. The queue is drained
/// by whichever caller found it idle: that caller runs its own write and then those that arrived
/// meanwhile, back to back on one thread whose caches already hold the engine's code and data, up to
/// <see cref="MaxRunsPerDrain"/> before handing the rest to a pool thread; each write still runs in
/// its own caller's execution context (its trace, its cancellation) and each caller is answered as
/// soon as its own write ends. A caller alone (no queue) runs its write on its own thread, as if there
/// were no gate. A write runs inside its turn, never starts another that queues: an engine command inside a unit of
/// work joins the unit's transaction instead (a queued write would wait for the turn it is inside, which the 30 s
/// bound turns into an error). PostgreSQL needs no queue.
/// </summary>
public sealed class WriterGate(DatabaseOptions database)
{
    /// <summary>How many writes one drain runs before it hands the queue to a pool thread (its own caller waits meanwhile).</summary>
    public const int MaxRunsPerDrain = 32;

    /// <summary>As long as SQLite itself would wait for a busy database.</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    private readonly Lock sync = new();
    private readonly Queue<IQueuedWrite> queue = new();
    private bool draining;

    /// <summary>Writes waiting for their turn now (not counting the one running).</summary>
    public int Waiting
    {
        get
        {
            lock (sync) return queue.Count;
        }
    }

    /// <summary>
    /// Runs <paramref name="write"/> in this process's turn to write (at once on PostgreSQL). Raises what the write raises;
    /// <see cref="OperationCanceledException"/> when <paramref name="ct"/> is cancelled before its turn; and
    /// <see cref="InvalidOperationException"/> when the turn does not come within 30 s (a write waiting, inside another
    /// write of this process, for a write queued behind it would wait for ever).
    /// </summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> write, CancellationToken ct = default)
    {
        if (database.IsPostgres) return await write();
        ct.ThrowIfCancellationRequested();
        var queued = new QueuedWrite<T>(write, ExecutionContext.Capture());
        bool lead;
        lock (sync)
        {
            queue.Enqueue(queued);
            lead = !draining;
            draining = true;
        }
        if (lead) await DrainAsync();
        if (queued.Task.IsCompleted) return await queued.Task;
        try
        {
            return await queued.Task.WaitAsync(MaxWait, ct);
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && !queued.Task.IsCompleted))
        {
            // A write that has begun is waited for to its end (it observes the cancellation itself); one still queued is skipped.
            if (!queued.Abandon()) return await queued.Task;
            if (e is OperationCanceledException) throw;
            throw new InvalidOperationException("No turn to write to SQLite within 30 s: is a write waiting inside another write of this process?", e);
        }
    }

    /// <summary>Runs what is queued, in order, until the queue is empty or this drain has run its share.</summary>
    private async Task DrainAsync()
    {
        for (var runs = 0; ; runs++)
        {
            IQueuedWrite? next = null;
            lock (sync)
            {
                if (queue.Count == 0)
                {
                    draining = false;
                    return;
                }
                if (runs < MaxRunsPerDrain) next = queue.Dequeue();
            }
            if (next is null)
            {
                // This drain's own caller has waited long enough: a pool thread goes on with the queue.
                _ = Task.Run(DrainAsync);
                return;
            }
            await next.RunAsync();
        }
    }

    private interface IQueuedWrite
    {
        /// <summary>Runs the write in its caller's context (unless abandoned); never throws: the caller gets the outcome.</summary>
        Task RunAsync();
    }

    private sealed class QueuedWrite<T>(Func<Task<T>> write, ExecutionContext? context) : IQueuedWrite
    {
        private const int Queued = 0, Begun = 1, Abandoned = 2;
        private readonly TaskCompletionSource<T> outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int state;

        public Task<T> Task => outcome.Task;

        /// <summary>Gives up a write that has not begun; false when it has begun (or ended).</summary>
        public bool Abandon() => Interlocked.CompareExchange(ref state, Abandoned, Queued) == Queued;

        public Task RunAsync()
        {
            if (Interlocked.CompareExchange(ref state, Begun, Queued) != Queued) return System.Threading.Tasks.Task.CompletedTask;
            if (context is null) return RunWithoutSyncContextAsync();
            Task? running = null;
            ExecutionContext.Run(context, _ => running = RunWithoutSyncContextAsync(), null);
            return running!;
        }

        // The thread that drains may be a caller's with a synchronization context of its own (a page's renderer, say):
        // another caller's write must not post its continuations there.
        private Task RunWithoutSyncContextAsync()
        {
            var previous = SynchronizationContext.Current;
            SynchronizationContext.SetSynchronizationContext(null);
            try
            {
                return RunHereAsync();
            }
            finally
            {
                SynchronizationContext.SetSynchronizationContext(previous);
            }
        }

        private async Task RunHereAsync()
        {
            try
            {
                outcome.SetResult(await write());
            }
            catch (OperationCanceledException e)
            {
                outcome.SetCanceled(e.CancellationToken);
            }
            catch (Exception e)
            {
                outcome.SetException(e);
            }
        }
    }
}
