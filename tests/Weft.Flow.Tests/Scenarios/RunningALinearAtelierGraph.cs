using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Testing;

namespace Weft.Flow.Tests.Scenarios;

public sealed class RunningALinearAtelierGraph
{
    // start → cut → stitch → inspect (qc) → end
    private static GraphDefinition Linear() => new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start },
            new() { Key = "cut", Type = NodeType.Task, Capability = "cutting" },
            new() { Key = "stitch", Type = NodeType.Task, Capability = "stitching" },
            new() { Key = "inspect", Type = NodeType.Qc, Capability = "qc" },
            new() { Key = "end", Type = NodeType.End },
        ],
        Edges =
        [
            new() { From = "start", To = "cut" },
            new() { From = "cut", To = "stitch" },
            new() { From = "stitch", To = "inspect" },
            new() { From = "inspect", To = "end", Outcome = "pass" },
        ],
    };

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Two_bags_travel_from_start_to_end_and_the_job_completes(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var e = host.Engine;
        var ctx = new CommandContext("tester");
        await e.Graphs.CreateGraphAsync(ctx, new CreateGraphRequest("bag", "Bag", Linear()));
        await e.Graphs.PublishAsync(ctx, "bag", new PublishRequest(null));
        await e.Agents.RegisterAgentAsync(ctx, new RegisterAgentRequest("ana", "Ana", "person",
            [new("cutting"), new("stitching"), new("qc")], 5, "available"));
        var job = await e.Jobs.StartJobAsync(ctx, new StartJobRequest("bag", null, 2, "BAG-1", 0, null, null));

        var ana = new CommandContext("ana");
        foreach (var node in new[] { "cut", "stitch", "inspect" })
        {
            var ready = await e.Work.ListWorkItemsAsync(new WorkItemFilter("ready", null, null, node, job.Id), null, null);
            ready.Items.Count.ShouldBe(2);
            foreach (var item in ready.Items)
            {
                await e.Work.ClaimAsync(ana, item.Id);
                await e.Work.StartAsync(ana, item.Id);
                host.Clock.Advance(TimeSpan.FromMinutes(3));
                var done = await e.Work.CompleteAsync(ana, item.Id, node == "inspect" ? "pass" : null, null);
                done.State.ShouldBe("completed");
                done.WorkSeconds.ShouldBe(180);
            }
        }

        (await e.Jobs.GetJobAsync(job.Id)).State.ShouldBe("completed");
        var tokens = await e.Jobs.GetTokensAsync(job.Id);
        tokens.ShouldAllBe(t => t.State == "completed" && t.Node == "end");
        var stats = await e.Graphs.GetStatisticsAsync("bag", 1);
        stats.TokensCompleted.ShouldBe(2);
        stats.Nodes.Single(n => n.Node == "inspect").FirstPassYield.ShouldBe(1.0);
    }
}
