using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Weft.Flow;
using Weft.Flow.Automation;
using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Platform;
using Weft.Platform.Persistence;

namespace Weft.Bench;

/// <summary>
/// Automated completions per second: service agents whose handler does nothing, at an auto node, so the
/// figure is the runtime's own cost (assign, claim under a lease, complete), not the handler's.
/// </summary>
internal sealed class AutomatedCompletions : IAsyncDisposable
{
    private const string GraphKey = "automated";
    private const string Capability = "bench-noop";
    private static readonly CommandContext Setup = new("bench");
    private readonly ServiceProvider services;
    private readonly FlowEngine engine;
    private int jobs;

    private sealed class Noop : IAgentHandler
    {
        public Task<AgentResult> HandleAsync(AgentWork work, CancellationToken ct) => Task.FromResult(new AgentResult());
    }

    private AutomatedCompletions(ServiceProvider services)
    {
        this.services = services;
        engine = services.GetRequiredService<FlowEngines>().For(1);
    }

    public static async Task<AutomatedCompletions> StartAsync(DatabaseOptions database, int agents)
    {
        var sc = new ServiceCollection();
        sc.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        sc.AddSingleton(TimeProvider.System);
        sc.AddWeftDatabase(database);
        sc.AddWeftFlow();
        sc.AddAgentHandler<Noop>(capability: Capability);
        var services = sc.BuildServiceProvider();
        await PlatformStore.Tables.MigrateAsync(services);
        await FlowStore.Tables.MigrateAsync(services);
        var driver = new AutomatedCompletions(services);
        await driver.engine.Graphs.CreateGraphAsync(Setup, new CreateGraphRequest(GraphKey, "Automated", new GraphDefinition
        {
            Nodes =
            [
                new() { Key = "start", Type = NodeType.Start },
                new() { Key = "work", Type = NodeType.Task, Capability = Capability, Assignment = AssignmentMode.Auto },
                new() { Key = "end", Type = NodeType.End },
            ],
            Edges = [new() { From = "start", To = "work" }, new() { From = "work", To = "end" }],
        }));
        await driver.engine.Graphs.PublishAsync(Setup, GraphKey, new PublishRequest(null));
        for (var a = 0; a < agents; a++)
            await driver.engine.Agents.RegisterAgentAsync(Setup, new RegisterAgentRequest($"auto-{a + 1}", "Automated", "service", [new(Capability)], 25, "available"));
        return driver;
    }

    /// <summary>Starts jobs and runs the automation until the time is up; counts the completed items.</summary>
    public async Task<Rate> MeasureAsync(TimeSpan warmup, TimeSpan duration, Func<Task> refreshStatistics)
    {
        var runner = services.GetRequiredService<AutomationRunner>();
        await RunForAsync(runner, warmup);
        await refreshStatistics();
        var cpuBefore = ProcessorTime.OfThisProcess();
        var clock = Stopwatch.StartNew();
        var done = await RunForAsync(runner, duration);
        clock.Stop();
        return new Rate(done, clock.Elapsed, ProcessorTime.OfThisProcess() - cpuBefore, false);
    }

    private async Task<long> RunForAsync(AutomationRunner runner, TimeSpan duration)
    {
        long done = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            await engine.Jobs.StartJobAsync(Setup, new StartJobRequest(GraphKey, null, 50, $"AUTO-{++jobs}", 0, null, null));
            int ran;
            do
            {
                ran = await runner.RunDueAsync(1);
                done += ran;
            }
            while (ran > 0 && clock.Elapsed < duration);
        }
        return done;
    }

    public ValueTask DisposeAsync() => services.DisposeAsync();
}
