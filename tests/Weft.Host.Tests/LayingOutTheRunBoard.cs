using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Flow.Web.Control;

namespace Weft.Host.Tests;

/// <summary>The Run board's layout: a lane per step in the graph's order, the most urgent work first, filters that narrow it.</summary>
public sealed class LayingOutTheRunBoard
{
    private static readonly DateTime Monday = new(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc);

    private static readonly GraphDefinition Bag = new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start },
            new() { Key = "cut", Type = NodeType.Task, Name = "Cut", Capability = "cutting" },
            new() { Key = "stitch", Type = NodeType.Task, Name = "Stitch", Capability = "stitching" },
            new() { Key = "end", Type = NodeType.End },
        ],
        Edges = [new() { From = "start", To = "cut" }, new() { From = "cut", To = "stitch" }, new() { From = "stitch", To = "end" }],
    };

    private static RunCard Card(long id, string node, string state, int priority = 0, DateTime? due = null, long job = 1, string? agent = null) =>
        new(new WorkItemDto(id, job, id, "bag", 1, node, 1, node == "cut" ? "cutting" : "stitching", 1, "pool", state, agent, priority, null,
                Monday, null, null, 0, null, null, null, 1),
            $"J-{job}", $"J-{job}-{id:D3}", node == "cut" ? "Cut" : "Stitch", id, due);

    private static readonly Dictionary<(string, int), GraphDefinition> Graphs = new() { [("bag", 1)] = Bag };

    [Fact]
    public void Lanes_follow_the_graph_and_each_cell_puts_priority_then_due_date_then_age_first()
    {
        RunCard[] cards =
        [
            Card(1, "stitch", "ready"),
            Card(2, "cut", "ready", priority: 0, due: Monday.AddDays(2)),
            Card(3, "cut", "ready", priority: 0, due: Monday.AddDays(1)),
            Card(4, "cut", "ready", priority: 5),
            Card(5, "cut", "ready"),
            Card(6, "cut", "in_progress", agent: "ana"),
        ];

        var lanes = RunBoard.Lay(cards, new RunFilter(), Graphs);

        lanes.Select(l => l.Node).ShouldBe(["cut", "stitch"]);
        lanes[0].In("ready").Select(c => c.Item.Id).ShouldBe([4, 3, 2, 5]);
        lanes[0].In("in_progress").Select(c => c.Item.Id).ShouldBe([6]);
        lanes[0].In("paused").ShouldBeEmpty();
        lanes[0].Total.ShouldBe(5);
        lanes[1].Total.ShouldBe(1);
    }

    [Fact]
    public void Filters_keep_one_job_one_capability_or_one_agent_and_drop_lanes_left_empty()
    {
        RunCard[] cards = [Card(1, "cut", "ready", job: 1), Card(2, "stitch", "assigned", job: 2, agent: "bo"), Card(3, "cut", "paused", job: 2, agent: "ana")];

        RunBoard.Lay(cards, new RunFilter(Job: 2), Graphs).SelectMany(l => l.Cells.Values.SelectMany(c => c)).Select(c => c.Item.Id).Order().ShouldBe([2, 3]);
        RunBoard.Lay(cards, new RunFilter(Capability: "stitching"), Graphs).ShouldHaveSingleItem().Node.ShouldBe("stitch");
        RunBoard.Lay(cards, new RunFilter(Agent: "ana"), Graphs).ShouldHaveSingleItem().In("paused").ShouldHaveSingleItem().Item.Id.ShouldBe(3);
        RunBoard.Lay(cards, new RunFilter(Job: 2, Agent: "nobody"), Graphs).ShouldBeEmpty();
    }

    [Fact]
    public void A_card_is_late_once_its_due_time_has_passed()
    {
        var card = Card(1, "cut", "ready", due: Monday);
        card.IsLateAt(Monday).ShouldBeFalse();
        card.IsLateAt(Monday.AddMinutes(1)).ShouldBeTrue();
        Card(2, "cut", "ready").IsLateAt(Monday.AddYears(1)).ShouldBeFalse();
    }
}
