using System.Collections.Concurrent;
using Weft.Flow.Definitions;

namespace Weft.Bench;

/// <summary>One way of driving the engine: in process, or over HTTP.</summary>
internal interface IWorkDriver : IAsyncDisposable
{
    /// <summary>Creates and publishes <see cref="WorkItemCompletions.Graph"/> and registers the agents.</summary>
    Task PrepareAsync(int agents);

    /// <summary>Starts one job whose tokens each wait as a ready work item at the task node.</summary>
    Task StartJobAsync(int tokens);

    Task<IReadOnlyList<long>> ReadyItemsAsync();

    /// <summary>Claim, start and complete one work item: three commands, three transactions.</summary>
    Task CycleAsync(string agent, long item);

    /// <summary>Cycles done so far, warm-up included.</summary>
    long Cycles { get; }

    /// <summary>Processor time used so far by the processes that run the engine (and the client).</summary>
    TimeSpan CpuTime();

    /// <summary>The host's own tally of the time it spent in requests and in engine commands so far (null in process).</summary>
    Task<HostTimes?> HostTimesAsync();
}

/// <summary>
/// Requests and engine commands a host has handled, and the seconds they took, as its <c>/metrics</c> says; and the host
/// process's own processor time (from the operating system), so that the client's share can be told apart.
/// </summary>
internal sealed record HostTimes(long Requests, double RequestSeconds, long Commands, double CommandSeconds, TimeSpan Cpu)
{
    public static HostTimes operator -(HostTimes after, HostTimes before) => new(after.Requests - before.Requests,
        after.RequestSeconds - before.RequestSeconds, after.Commands - before.Commands, after.CommandSeconds - before.CommandSeconds,
        after.Cpu - before.Cpu);
}

/// <summary>Work-item completions per second: each client takes ready items from a shared stock.</summary>
internal static class WorkItemCompletions
{
    public const string GraphKey = "bench";
    public const string Capability = "bench";
    public const string TaskNode = "work";
    // Small jobs, shuffled: clients mostly work on different jobs, as agents in a busy shop would
    // (commands on one job are serialised by the engine).
    private const int TokensPerJob = 20;
    public const int MaxStock = 200_000;
    private const int MinWarmupCycles = 2000;
    private static readonly TimeSpan WarmupRound = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxWarmup = TimeSpan.FromSeconds(30);

    // start → work (a pool task) → end: each completion moves a token to its end and completes it.
    public static GraphDefinition Graph() => new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start },
            new() { Key = TaskNode, Type = NodeType.Task, Name = "Work", Capability = Capability, Assignment = AssignmentMode.Pool },
            new() { Key = "end", Type = NodeType.End },
        ],
        Edges =
        [
            new() { From = "start", To = TaskNode },
            new() { From = TaskNode, To = "end" },
        ],
    };

    public static string Agent(int client) => $"bench-{client + 1}";

    /// <summary>
    /// Warms up, restocks and measures; <paramref name="refreshStatistics"/> runs after every restock that started jobs
    /// (see <see cref="ScratchDatabases.RefreshStatisticsAsync"/>).
    /// </summary>
    public static async Task<Rate> MeasureAsync(IWorkDriver driver, int clients, TimeSpan warmup, TimeSpan duration, Func<Task> refreshStatistics)
    {
        var stock = new ConcurrentQueue<long>();
        // Warm up for at least the given time, until the driver has done enough cycles for the JIT to
        // finish tiering up the hot paths (a host process started for the run needs a couple of thousand), and until two rounds in a row agree within
        // a tenth, within a bound.
        var warmed = TimeSpan.Zero;
        var rate = 0.0;
        var previous = 0.0;
        do
        {
            await RestockAsync(driver, stock, (int)Math.Max(50 * clients, rate * WarmupRound.TotalSeconds * 1.5), refreshStatistics);
            var round = await Measure.ForAsync(clients, WarmupRound, driver.CpuTime, CycleAsync);
            warmed += round.Elapsed;
            previous = rate;
            rate = round.PerSecond;
        }
        while ((warmed < warmup || driver.Cycles < MinWarmupCycles || Math.Abs(rate - previous) > 0.1 * rate) && warmed < MaxWarmup);
        // Enough ready items for the warm rate with room to spare, made before the clock starts.
        await RestockAsync(driver, stock, (int)Math.Min(MaxStock, (rate * duration.TotalSeconds * 2) + (50 * clients)), refreshStatistics);
        // What the restock set going in the background (the host's deliveries and projections) is not the completions' cost.
        await Measure.UntilQuietAsync(driver.CpuTime);
        var timesBefore = await driver.HostTimesAsync();
        var measured = await Measure.ForAsync(clients, duration, driver.CpuTime, CycleAsync);
        var timesAfter = await driver.HostTimesAsync();
        return timesBefore is null || timesAfter is null ? measured : measured with { Host = timesAfter - timesBefore };

        async Task<bool> CycleAsync(int client)
        {
            if (!stock.TryDequeue(out var item)) return false;
            await driver.CycleAsync(Agent(client), item);
            return true;
        }
    }

    private static async Task RestockAsync(IWorkDriver driver, ConcurrentQueue<long> stock, int need, Func<Task> refreshStatistics)
    {
        var ready = await driver.ReadyItemsAsync();
        if (ready.Count < need)
        {
            for (var missing = need - ready.Count; missing > 0; missing -= TokensPerJob)
                await driver.StartJobAsync(Math.Min(TokensPerJob, missing));
            await refreshStatistics();
            ready = await driver.ReadyItemsAsync();
        }
        var shuffled = ready.ToArray();
        new Random(2024).Shuffle(shuffled);
        stock.Clear();
        foreach (var item in shuffled) stock.Enqueue(item);
    }
}
