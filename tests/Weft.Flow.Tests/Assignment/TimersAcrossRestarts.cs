using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Testing;

namespace Weft.Flow.Tests.Assignment;

public sealed class TimersAcrossRestarts
{
    private static readonly CommandContext Manager = new("manager");

    // start → work (auto, reassigned after 10 minutes unstarted) → end
    private static GraphDefinition TimedTask() => new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start },
            new() { Key = "work", Type = NodeType.Task, Capability = "craft", Assignment = AssignmentMode.Auto, TimeoutMinutes = 10 },
            new() { Key = "end", Type = NodeType.End },
        ],
        Edges = [new() { From = "start", To = "work" }, new() { From = "work", To = "end" }],
    };

    private static async Task<WorkItemDto> AssignOneTimedItemAsync(FlowEngine e)
    {
        await e.Graphs.CreateGraphAsync(Manager, new CreateGraphRequest("bench", "Bench", TimedTask()));
        await e.Graphs.PublishAsync(Manager, "bench", new PublishRequest(null));
        await e.Agents.RegisterAgentAsync(Manager, new RegisterAgentRequest("ana", "Ana", "person", [new("craft")], 1, "available"));
        await e.Agents.RegisterAgentAsync(Manager, new RegisterAgentRequest("bob", "Bob", "person", [new("craft")], 1, "available"));
        var job = await e.Jobs.StartJobAsync(Manager, new StartJobRequest("bench", null, 1, "ONE", 0, null, null));
        var item = (await e.Work.ListWorkItemsAsync(new WorkItemFilter(null, null, null, null, job.Id), null, null)).Items.Single();
        item.State.ShouldBe("assigned");
        item.Agent.ShouldNotBeNull();
        return item;
    }

    private static string OtherThan(string? agent) => agent == "ana" ? "bob" : "ana";

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_timeout_set_before_a_restart_reassigns_the_item_after_it(string provider)
    {
        // Only the last host is disposed: a restart already disposed the engine before it, and the
        // database belongs to whichever host is current.
        var host = await FlowTestHost.StartAsync(provider);
        try
        {
            var item = await AssignOneTimedItemAsync(host.Engine);
            var due = item.AssignedAt!.Value.AddMinutes(10);

            host = await host.RestartAsync();

            (await host.Engine.Upkeep.NextTimerDueAsync()).ShouldBe(due);
            host.Clock.Advance(TimeSpan.FromMinutes(9));
            (await host.Engine.Upkeep.RunDueTimersAsync()).TimersFired.ShouldBe(0);
            (await host.Engine.Work.GetWorkItemAsync(item.Id)).Agent.ShouldBe(item.Agent);

            host.Clock.Advance(TimeSpan.FromMinutes(2));
            (await host.Engine.Upkeep.RunDueTimersAsync()).TimersFired.ShouldBe(1);

            var after = await host.Engine.Work.GetWorkItemAsync(item.Id);
            after.State.ShouldBe("assigned");
            after.Agent.ShouldBe(OtherThan(item.Agent));
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_timer_that_fell_due_while_the_engine_was_down_fires_on_the_first_run_after(string provider)
    {
        var host = await FlowTestHost.StartAsync(provider);
        try
        {
            var item = await AssignOneTimedItemAsync(host.Engine);

            // The process is gone for half an hour; the timer falls due meanwhile.
            host.Clock.Advance(TimeSpan.FromMinutes(30));
            host = await host.RestartAsync();
            (await host.Engine.Upkeep.RunDueTimersAsync()).TimersFired.ShouldBe(1);

            var after = await host.Engine.Work.GetWorkItemAsync(item.Id);
            after.State.ShouldBe("assigned");
            after.Agent.ShouldBe(OtherThan(item.Agent));
            // The new holder gets a fresh timeout of its own, stored like the first.
            (await host.Engine.Upkeep.NextTimerDueAsync()).ShouldBe(host.Clock.GetUtcNow().UtcDateTime.AddMinutes(10));
            (await host.Engine.Upkeep.RunDueTimersAsync()).TimersFired.ShouldBe(0);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }
}
