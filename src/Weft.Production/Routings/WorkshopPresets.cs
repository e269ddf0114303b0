using Weft.Flow.Definitions;

namespace Weft.Production.Routings;

/// <summary>The steps of a leather workshop and an assembly line, as the routing designer offers them.</summary>
internal sealed class WorkshopPresets : INodePresetSource
{
    public IReadOnlyList<NodePreset> Presets { get; } =
    [
        Step("cutting", "Cutting", "cutting", standard: 20, timeout: 120),
        Step("skiving", "Skiving", "skiving", standard: 15, timeout: 90),
        Step("stitching", "Stitching", "stitching", standard: 45, timeout: 240),
        Step("edge-painting", "Edge painting", "finishing", standard: 30, timeout: 180),
        Step("assembly", "Assembly", "assembly", standard: 25, timeout: 120, assignment: AssignmentMode.Auto),
        new("qc-inspection", "QC inspection", new NodeDefinition
        {
            Type = NodeType.Qc, Name = "QC inspection", Capability = "qc", StandardMinutes = 10, TimeoutMinutes = 60, Assignment = AssignmentMode.Auto,
        }),
        Step("packing", "Packing", "packing", standard: 5, timeout: 60, assignment: AssignmentMode.Auto),
    ];

    private static NodePreset Step(string key, string name, string capability, double standard, double timeout, AssignmentMode assignment = AssignmentMode.Pool) =>
        new(key, name, new NodeDefinition
        {
            Type = NodeType.Task, Name = name, Capability = capability, StandardMinutes = standard, TimeoutMinutes = timeout, Assignment = assignment,
        });
}
