using Weft.Platform.Persistence;

namespace Weft.Flow.Tests.Persistence;

/// <summary>
/// On SQLite the engine's writes queue in memory (<see cref="WriterGate"/>): one at a time, in the order they arrive, each
/// in its own caller's context and answered with its own outcome, whichever thread runs it.
/// </summary>
public sealed class TakingTurnsToWrite
{
    private static readonly DatabaseOptions Sqlite = new(DatabaseOptions.SqliteProvider, "Data Source=:memory:");
    private static readonly AsyncLocal<string?> Caller = new();

    [Fact]
    public async Task Writes_run_one_at_a_time_in_arrival_order_each_in_its_callers_context_with_its_own_outcome()
    {
        var gate = new WriterGate(Sqlite);
        var running = 0;
        var order = new List<int>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The first write holds the turn until released, so the others queue behind it.
        var first = Task.Run(() => gate.RunAsync(async () =>
        {
            Enter(0);
            await release.Task;
            return Leave(0);
        }));
        await EventuallyAsync(() => Volatile.Read(ref running) == 1);
        var queued = new List<Task<string>>();
        for (var i = 1; i <= 6; i++)
        {
            var n = i;
            queued.Add(Task.Run(() =>
            {
                Caller.Value = $"caller {n}";
                return gate.RunAsync(() =>
                {
                    Enter(n);
                    if (n == 3)
                    {
                        Leave(n);
                        throw new InvalidOperationException("write 3 fails");
                    }
                    // The write sees its own caller's context, whichever thread runs it.
                    return Task.FromResult($"{Leave(n)} as {Caller.Value}");
                });
            }));
            // One at a time into the queue, so the arrival order is known.
            await EventuallyAsync(() => gate.Waiting == n);
        }
        release.SetResult();

        (await first).ShouldBe("0");
        for (var i = 1; i <= 6; i++)
        {
            if (i == 3) (await Should.ThrowAsync<InvalidOperationException>(queued[i - 1])).Message.ShouldBe("write 3 fails");
            else (await queued[i - 1]).ShouldBe($"{i} as caller {i}");
        }
        order.ShouldBe([0, 1, 2, 3, 4, 5, 6]);

        void Enter(int n)
        {
            Interlocked.Increment(ref running).ShouldBe(1, "writes never overlap");
            lock (order) order.Add(n);
        }

        string Leave(int n)
        {
            Interlocked.Decrement(ref running);
            return n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    [Fact]
    public async Task A_write_cancelled_before_its_turn_never_runs_and_the_queue_goes_on()
    {
        var gate = new WriterGate(Sqlite);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = Task.Run(() => gate.RunAsync(async () =>
        {
            started.SetResult();
            await release.Task;
            return 1;
        }));
        await started.Task;
        using var cancel = new CancellationTokenSource();
        var ran = false;
        var cancelled = gate.RunAsync(() =>
        {
            ran = true;
            return Task.FromResult(2);
        }, cancel.Token);
        var after = gate.RunAsync(() => Task.FromResult(3));
        await cancel.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(cancelled);
        release.SetResult();

        (await first).ShouldBe(1);
        (await after).ShouldBe(3);
        ran.ShouldBeFalse();
    }

    [Fact]
    public async Task A_caller_alone_runs_its_write_on_its_own_thread_and_many_callers_all_get_their_turn()
    {
        var gate = new WriterGate(Sqlite);
        var thread = Environment.CurrentManagedThreadId;
        (await gate.RunAsync(() => Task.FromResult(Environment.CurrentManagedThreadId))).ShouldBe(thread);

        // More than one drain's share, from many threads at once: every write runs once.
        var total = 0;
        var writes = Enumerable.Range(0, 10 * WriterGate.MaxRunsPerDrain).Select(i => Task.Run(() => gate.RunAsync(() =>
        {
            Interlocked.Increment(ref total);
            return Task.FromResult(i);
        })));
        (await Task.WhenAll(writes)).Order().ShouldBe(Enumerable.Range(0, 10 * WriterGate.MaxRunsPerDrain));
        total.ShouldBe(10 * WriterGate.MaxRunsPerDrain);
    }

    [Fact]
    public async Task A_write_drained_by_another_callers_thread_runs_without_that_threads_synchronization_context()
    {
        var gate = new WriterGate(Sqlite);
        var page = new RendererLikeContext();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The first caller has a synchronization context of its own (as a page's renderer does) and drains the queue.
        var first = Task.Run(async () =>
        {
            SynchronizationContext.SetSynchronizationContext(page);
            return await gate.RunAsync(async () =>
            {
                started.SetResult();
                await release.Task;
                return 1;
            });
        });
        await started.Task;
        SynchronizationContext? atStart = page, afterAwait = page;
        var second = gate.RunAsync(async () =>
        {
            atStart = SynchronizationContext.Current;
            await Task.Yield();
            afterAwait = SynchronizationContext.Current;
            return 2;
        });
        await EventuallyAsync(() => gate.Waiting == 1);
        release.SetResult();

        (await first).ShouldBe(1);
        (await second).ShouldBe(2);
        atStart.ShouldBeNull();
        afterAwait.ShouldBeNull();
    }

    /// <summary>Runs what is posted on the pool, with itself as the current context, as a renderer's dispatcher would on its thread.</summary>
    private sealed class RendererLikeContext : SynchronizationContext
    {
        public override void Post(SendOrPostCallback d, object? state) => ThreadPool.QueueUserWorkItem(_ =>
        {
            SetSynchronizationContext(this);
            d(state);
        });
    }

    [Fact]
    public async Task On_PostgreSQL_writes_do_not_queue()
    {
        var gate = new WriterGate(new DatabaseOptions(DatabaseOptions.PostgresProvider, "Host=unused"));
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = gate.RunAsync(() => release.Task);
        (await gate.RunAsync(() => Task.FromResult(2))).ShouldBe(2);
        release.SetResult(1);
        (await held).ShouldBe(1);
    }

    private static async Task EventuallyAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++) await Task.Delay(10);
        condition().ShouldBeTrue("the condition held within 5 seconds");
    }
}
