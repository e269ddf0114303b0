using Weft.Flow.Definitions;
using Weft.Flow.Web.Design;

namespace Weft.Host.Tests;

/// <summary>The designer's comparison of two versions of a routing.</summary>
public sealed class ComparingRoutingVersions
{
    private static readonly GraphDefinition V1 = new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start },
            new() { Key = "cut", Type = NodeType.Task, Capability = "cutting", StandardMinutes = 20 },
            new() { Key = "skive", Type = NodeType.Task, Capability = "skiving" },
            new() { Key = "end", Type = NodeType.End },
        ],
        Edges = [new() { From = "start", To = "cut" }, new() { From = "cut", To = "skive" }, new() { From = "skive", To = "end" }],
    };

    [Fact]
    public void Added_removed_and_changed_steps_and_connections_are_listed()
    {
        var v2 = V1 with
        {
            Nodes =
            [
                V1.Nodes[0],
                V1.Nodes[1] with { StandardMinutes = 25, Assignment = AssignmentMode.Auto },
                new() { Key = "check", Type = NodeType.Qc, Capability = "qc" },
                V1.Nodes[3],
            ],
            Edges = [new() { From = "start", To = "cut" }, new() { From = "cut", To = "check" }, new() { From = "check", To = "end", Outcome = "pass" }],
        };

        var diff = GraphDiff.Between(V1, v2);

        diff.AddedNodes.ShouldBe(["check"]);
        diff.RemovedNodes.ShouldBe(["skive"]);
        var cut = diff.ChangedNodes.ShouldHaveSingleItem();
        cut.Node.ShouldBe("cut");
        cut.Settings.ShouldBe([("assignment", "pool", "auto"), ("standardMinutes", "20", "25")]);
        diff.AddedEdges.ShouldBe(["cut → check", "check → end (pass)"]);
        diff.RemovedEdges.ShouldBe(["cut → skive", "skive → end"]);
        diff.IsEmpty.ShouldBeFalse();
    }

    [Fact]
    public void A_version_compared_with_itself_has_no_difference() =>
        GraphDiff.Between(V1, V1 with { }).IsEmpty.ShouldBeTrue();
}
