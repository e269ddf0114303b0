using System.Text.Json.Nodes;
using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Microsoft.Extensions.Logging;
using Weft.Platform.Errors;

namespace Weft.Flow.Web.Demo;

/// <summary>The first start in demo mode: an atelier bag graph, a few craftspeople and a few orders.</summary>
internal static class DemoData
{
    public const string GraphKey = "atelier-bag";

    public static GraphDefinition AtelierBag() => new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start, Name = "Order received" },
            new() { Key = "cut", Type = NodeType.Task, Name = "Cut leather", Capability = "cutting", StandardMinutes = 25, TimeoutMinutes = 60, Assignment = AssignmentMode.Auto },
            new() { Key = "parts", Type = NodeType.Split, Name = "Make parts in parallel" },
            new() { Key = "body", Type = NodeType.Task, Name = "Stitch body", Capability = "stitching", Level = 2, StandardMinutes = 90 },
            new() { Key = "handle", Type = NodeType.Task, Name = "Make handle", Capability = "stitching", StandardMinutes = 40 },
            new() { Key = "strap", Type = NodeType.Task, Name = "Make strap", Capability = "stitching", StandardMinutes = 35 },
            new() { Key = "parts_done", Type = NodeType.Join, Name = "Parts ready" },
            new() { Key = "assemble", Type = NodeType.Task, Name = "Assemble", Capability = "assembly", StandardMinutes = 60, Assignment = AssignmentMode.Auto, Affinity = "same_agent_as:cut" },
            new() { Key = "finish", Type = NodeType.Decision, Name = "Edge finish?", DecisionField = "finish" },
            new() { Key = "paint", Type = NodeType.Task, Name = "Paint edges", Capability = "finishing", StandardMinutes = 30 },
            new() { Key = "burnish", Type = NodeType.Task, Name = "Burnish edges", Capability = "finishing", StandardMinutes = 20 },
            new() { Key = "inspect", Type = NodeType.Qc, Name = "Final inspection", Capability = "qc", StandardMinutes = 10 },
            new() { Key = "done", Type = NodeType.End, Name = "Ready to ship" },
        ],
        Edges =
        [
            new() { From = "start", To = "cut" },
            new() { From = "cut", To = "parts" },
            new() { From = "parts", To = "body" },
            new() { From = "parts", To = "handle" },
            new() { From = "parts", To = "strap" },
            new() { From = "body", To = "parts_done" },
            new() { From = "handle", To = "parts_done" },
            new() { From = "strap", To = "parts_done" },
            new() { From = "parts_done", To = "assemble" },
            new() { From = "assemble", To = "finish" },
            new() { From = "finish", To = "paint", Outcome = "painted" },
            new() { From = "finish", To = "burnish", Outcome = "natural", IsDefault = true },
            new() { From = "paint", To = "inspect" },
            new() { From = "burnish", To = "inspect" },
            new() { From = "inspect", To = "done", Outcome = "pass" },
        ],
    };

    public static async Task SeedAsync(FlowEngine engine, TimeProvider clock, ILogger logger)
    {
        try
        {
            await engine.Graphs.GetGraphAsync(GraphKey);
            return;
        }
        catch (WeftException e) when (e.Kind == ErrorKind.NotFound)
        {
        }

        var ctx = new CommandContext("demo");
        var now = clock.GetUtcNow().UtcDateTime;
        await engine.Graphs.CreateGraphAsync(ctx, new CreateGraphRequest(GraphKey, "Atelier bag", AtelierBag()));
        await engine.Graphs.PublishAsync(ctx, GraphKey, new PublishRequest(null));
        (string Key, string Name, CapabilityDto[] Caps)[] people =
        [
            ("alice", "Alice Martin", [new("cutting", 3), new("assembly", 2)]),
            ("bruno", "Bruno Costa", [new("stitching", 2), new("assembly", 1)]),
            ("chloe", "Chloé Dubois", [new("stitching", 1), new("finishing", 2), new("qc", 1)]),
            ("dmitri", "Dmitri Volkov", [new("qc", 2), new("finishing", 1), new("cutting", 1)]),
        ];
        foreach (var (key, name, caps) in people)
            await engine.Agents.RegisterAgentAsync(ctx, new RegisterAgentRequest(key, name, "person", caps, 2, "available"));
        await engine.Jobs.StartJobAsync(ctx, new StartJobRequest(GraphKey, null, 2, "BAG-1001", 0, now.AddDays(3), new JsonObject { ["finish"] = "painted" }));
        await engine.Jobs.StartJobAsync(ctx, new StartJobRequest(GraphKey, null, 1, "BAG-1002", 0, now.AddDays(5), null));
        await engine.Jobs.StartJobAsync(ctx, new StartJobRequest(GraphKey, null, 3, "BAG-1003", 5, now.AddDays(2), new JsonObject { ["finish"] = "natural" }));
        logger.LogInformation("Demo data seeded: graph '{Graph}', 4 agents, 3 jobs", GraphKey);
    }
}
