using Weft.Flow.Definitions;

namespace Weft.Flow.Web.Design;

/// <summary>The engine's own presets: the kinds of node every routing uses.</summary>
internal sealed class BasicPresets : INodePresetSource
{
    public IReadOnlyList<NodePreset> Presets { get; } =
    [
        new("start", "Start", new NodeDefinition { Type = NodeType.Start, Name = "Start" }),
        new("end", "End", new NodeDefinition { Type = NodeType.End, Name = "End" }),
        new("task", "Task", new NodeDefinition { Type = NodeType.Task, Name = "Task", Capability = "work", StandardMinutes = 10 }),
        new("decision", "Decision", new NodeDefinition { Type = NodeType.Decision, Name = "Decision" }),
        new("split", "Split", new NodeDefinition { Type = NodeType.Split, Name = "Split" }),
        new("join", "Join", new NodeDefinition { Type = NodeType.Join, Name = "Join" }),
        new("wait", "Wait for a message", new NodeDefinition { Type = NodeType.Wait, Name = "Wait", Message = "message.name" }),
        new("timer", "Timer", new NodeDefinition { Type = NodeType.Timer, Name = "Timer", DelayMinutes = 60 }),
    ];
}
