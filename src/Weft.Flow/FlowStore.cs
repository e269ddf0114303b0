using Weft.Flow.Persistence;
using Weft.Platform.Persistence;

namespace Weft.Flow;

/// <summary>The engine's tables (<c>flow_*</c>) and their migrations.</summary>
public static class FlowStore
{
    public static ModuleStore Tables { get; } = ModuleStore.Of<FlowDbContext>("flow", "flow_migrations");
}
