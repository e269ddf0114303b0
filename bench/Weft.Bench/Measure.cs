using System.Diagnostics;

namespace Weft.Bench;

/// <summary>Operations counted over a fixed time, and the processor time the processes involved spent on them.</summary>
internal sealed record Rate(long Count, TimeSpan Elapsed, TimeSpan Cpu, bool RanOut, long AllocatedBytes = 0)
{
    /// <summary>How long this process was paused for garbage collection during the measurement, and the collections of each generation.</summary>
    public TimeSpan GcPause { get; init; }

    public int[] Collections { get; init; } = [0, 0, 0];

    /// <summary>What the host's own metrics say about the measured time, when a host in its own process did the work.</summary>
    public HostTimes? Host { get; init; }

    public double PerSecond => Count / Elapsed.TotalSeconds;

    /// <summary>Memory this process allocated per operation: unlike time, it does not depend on what else runs.</summary>
    public double AllocatedKibPerOp => Count == 0 ? double.NaN : AllocatedBytes / 1024.0 / Count;

    public double CpuMillisecondsPerOp => Count == 0 ? double.NaN : Cpu.TotalMilliseconds / Count;
}

internal static partial class Measure
{
    /// <summary>
    /// Runs <paramref name="clients"/> loops side by side until <paramref name="duration"/> is over and
    /// counts the steps done. A step already begun finishes (nothing is cancelled halfway); a step
    /// returning false means its loop ran out of work, which ends that loop early.
    /// </summary>
    /// <param name="cpuTime">Processor time used so far by the processes doing the work.</param>
    public static async Task<Rate> ForAsync(int clients, TimeSpan duration, Func<TimeSpan> cpuTime, Func<int, Task<bool>> step)
    {
        long count = 0;
        var ranOut = 0;
        var cpuBefore = cpuTime();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var pauseBefore = GC.GetTotalPauseDuration();
        int[] collectionsBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        var clock = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                if (!await step(client))
                {
                    Interlocked.Exchange(ref ranOut, 1);
                    return;
                }
                Interlocked.Increment(ref count);
            }
        }));
        await Task.WhenAll(loops);
        clock.Stop();
        return new Rate(Interlocked.Read(ref count), clock.Elapsed, cpuTime() - cpuBefore, ranOut == 1,
            GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore)
        {
            GcPause = GC.GetTotalPauseDuration() - pauseBefore,
            Collections = [.. Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - collectionsBefore[g])],
        };
    }
}

internal static partial class Measure
{
    private static readonly TimeSpan QuietSample = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxQuietWait = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Waits until the processes doing the work use less than a tenth of one core over a quarter of a
    /// second (they finished what the setup set going), or at most 15 s.
    /// </summary>
    public static async Task UntilQuietAsync(Func<TimeSpan> cpuTime)
    {
        var clock = Stopwatch.StartNew();
        var before = cpuTime();
        while (clock.Elapsed < MaxQuietWait)
        {
            await Task.Delay(QuietSample);
            var now = cpuTime();
            if (now - before < QuietSample / 10) return;
            before = now;
        }
    }
}

internal static class ProcessorTime
{
    public static TimeSpan OfThisProcess()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }
}
