using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Weft.Flow;
using Weft.Flow.Contracts;
using Weft.Platform;
using Weft.Platform.Persistence;

namespace Weft.Bench;

/// <summary>The engine in this process, built as the host builds it, with the system clock.</summary>
internal sealed class EngineDriver : IWorkDriver
{
    private static readonly CommandContext Setup = new("bench");
    private readonly ServiceProvider services;
    private readonly FlowEngine engine;
    private int jobs;
    private long cycles;

    public long Cycles => Interlocked.Read(ref cycles);

    private EngineDriver(ServiceProvider services)
    {
        this.services = services;
        engine = services.GetRequiredService<FlowEngines>().For(1);
    }

    public static async Task<EngineDriver> StartAsync(DatabaseOptions database)
    {
        var sc = new ServiceCollection();
        sc.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        sc.AddSingleton(TimeProvider.System);
        sc.AddWeftDatabase(database);
        sc.AddWeftFlow();
        var services = sc.BuildServiceProvider();
        await DatabaseSetup.PrepareAsync(database);
        await PlatformStore.Tables.MigrateAsync(services);
        await FlowStore.Tables.MigrateAsync(services);
        return new EngineDriver(services);
    }

    public async Task PrepareAsync(int agents)
    {
        await engine.Graphs.CreateGraphAsync(Setup, new CreateGraphRequest(WorkItemCompletions.GraphKey, "Bench", WorkItemCompletions.Graph()));
        await engine.Graphs.PublishAsync(Setup, WorkItemCompletions.GraphKey, new PublishRequest(null));
        for (var a = 0; a < agents; a++)
        {
            var key = WorkItemCompletions.Agent(a);
            await engine.Agents.RegisterAgentAsync(Setup, new RegisterAgentRequest(key, key, "service",
                [new(WorkItemCompletions.Capability)], 10, "available"));
        }
    }

    public Task StartJobAsync(int tokens) =>
        engine.Jobs.StartJobAsync(Setup, new StartJobRequest(WorkItemCompletions.GraphKey, null, tokens, $"BENCH-{++jobs}", 0, null, null));

    public async Task<IReadOnlyList<long>> ReadyItemsAsync()
    {
        var ids = new List<long>();
        var filter = new WorkItemFilter("ready", null, null, WorkItemCompletions.TaskNode, null);
        string? cursor = null;
        do
        {
            var page = await engine.Work.ListWorkItemsAsync(filter, FlowEngine.MaxPageSize, cursor);
            ids.AddRange(page.Items.Select(i => i.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null && ids.Count <= WorkItemCompletions.MaxStock);
        return ids;
    }

    public async Task CycleAsync(string agent, long item)
    {
        var ctx = new CommandContext(agent);
        await engine.Work.ClaimAsync(ctx, item);
        await engine.Work.StartAsync(ctx, item);
        var done = await engine.Work.CompleteAsync(ctx, item, null, null);
        if (done.State != "completed") throw new InvalidOperationException($"Work item {item} is {done.State} after completion.");
        Interlocked.Increment(ref cycles);
    }

    public TimeSpan CpuTime() => ProcessorTime.OfThisProcess();

    public Task<HostTimes?> HostTimesAsync() => Task.FromResult<HostTimes?>(null);

    public ValueTask DisposeAsync() => services.DisposeAsync();
}
