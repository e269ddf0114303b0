using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Testing;

namespace Weft.Flow.Tests.Scenarios;

/// <summary>The statistics Inspect charts: pieces finished per day, first inspections per day, and how work minutes spread.</summary>
public sealed class CountingTheFlowDayByDay
{
    // start → cut → inspect (qc) → end; a failed inspection cancels the piece and remakes it from the start.
    private static GraphDefinition Line() => new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start },
            new() { Key = "cut", Type = NodeType.Task, Capability = "cutting" },
            new() { Key = "inspect", Type = NodeType.Qc, Capability = "qc" },
            new() { Key = "end", Type = NodeType.End },
        ],
        Edges = [new() { From = "start", To = "cut" }, new() { From = "cut", To = "inspect" }, new() { From = "inspect", To = "end", Outcome = "pass" }],
    };

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Pieces_and_first_inspections_are_counted_on_the_day_they_happen_and_work_minutes_spread_in_quartiles(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("line", Line());
        await host.AgentAsync("ana", "cutting", "qc");
        var monday = DateOnly.FromDateTime(host.Clock.GetUtcNow().UtcDateTime);
        var job = await host.JobAsync("line", quantity: 2);
        var tokens = await host.Engine.Jobs.GetTokensAsync(job.Id);

        // Monday: piece 1 cut in 10 minutes and passed; piece 2 cut in 20 and failed.
        await host.DoAsync("ana", (await host.OpenItemAsync(job.Id, tokens[0].Id)).Id, work: TimeSpan.FromMinutes(10));
        await host.DoAsync("ana", (await host.OpenItemAsync(job.Id, tokens[0].Id)).Id, "pass", work: TimeSpan.FromMinutes(2));
        await host.DoAsync("ana", (await host.OpenItemAsync(job.Id, tokens[1].Id)).Id, work: TimeSpan.FromMinutes(20));
        await host.DoAsync("ana", (await host.OpenItemAsync(job.Id, tokens[1].Id)).Id, "fail", work: TimeSpan.FromMinutes(2));
        // Tuesday: its remake is cut in 30 minutes and passes (a second inspection of the same piece, not a first one).
        host.Clock.Advance(TimeSpan.FromDays(1));
        var remake = (await host.Engine.Jobs.GetTokensAsync(job.Id)).Single(t => t.ReplacesTokenId == tokens[1].Id);
        await host.DoAsync("ana", (await host.OpenItemAsync(job.Id, remake.Id)).Id, work: TimeSpan.FromMinutes(30));
        await host.DoAsync("ana", (await host.OpenItemAsync(job.Id, remake.Id)).Id, "pass", work: TimeSpan.FromMinutes(2));

        var stats = await host.Engine.Graphs.GetStatisticsAsync("line", 1);
        var tuesday = monday.AddDays(1);
        stats.CompletedPerDay!.Count.ShouldBe(FlowGraphs.StatisticsDays);
        stats.CompletedPerDay[^1].ShouldBe(new DayCount(tuesday, 1));
        stats.CompletedPerDay[^2].ShouldBe(new DayCount(monday, 1));
        stats.CompletedPerDay.Take(FlowGraphs.StatisticsDays - 2).ShouldAllBe(d => d.Count == 0);
        stats.CompletedPerDay[0].Day.ShouldBe(tuesday.AddDays(1 - FlowGraphs.StatisticsDays));

        stats.FirstPassYieldPerDay![^2].ShouldBe(new DayYield(monday, 2, 1));
        stats.FirstPassYieldPerDay[^2].Yield.ShouldBe(0.5);
        stats.FirstPassYieldPerDay[^1].ShouldBe(new DayYield(tuesday, 0, 0));
        stats.FirstPassYieldPerDay[^1].Yield.ShouldBeNull();
        stats.Nodes.Single(n => n.Node == "inspect").FirstPassYield.ShouldBe(0.5);

        // Cutting took 10, 20 and 30 minutes: quartiles at 15 and 25.
        stats.Nodes.Single(n => n.Node == "cut").WorkMinutesSpread.ShouldBe(new WorkSpread(10, 15, 20, 25, 30));
        stats.Nodes.Single(n => n.Node == "inspect").WorkMinutesSpread.ShouldBe(new WorkSpread(2, 2, 2, 2, 2));
    }
}
