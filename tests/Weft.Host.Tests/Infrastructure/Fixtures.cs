using Weft.Flow.Definitions;

namespace Weft.Host.Tests.Infrastructure;

/// <summary>Small graph fixtures in API shape, for tests that only need some graph.</summary>
public static class Fixtures
{
    /// <summary>start → work (capability "craft", pool) → end.</summary>
    public static GraphDefinition OneTask(string capability = "craft", string assignment = "pool", double? timeoutMinutes = null) => new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start },
            new()
            {
                Key = "work", Type = NodeType.Task, Capability = capability, TimeoutMinutes = timeoutMinutes,
                Assignment = assignment == "auto" ? AssignmentMode.Auto : AssignmentMode.Pool,
            },
            new() { Key = "end", Type = NodeType.End },
        ],
        Edges = [new() { From = "start", To = "work" }, new() { From = "work", To = "end" }],
    };
}
