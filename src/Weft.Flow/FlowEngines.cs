using Weft.Flow.Runtime;

namespace Weft.Flow;

/// <summary>
/// Hands out the engine of one tenant. Everything an engine reads or writes belongs to its tenant;
/// another tenant's objects behave as if they did not exist.
/// </summary>
public sealed class FlowEngines
{
    private readonly FlowRuntime runtime;

    internal FlowEngines(FlowRuntime runtime) => this.runtime = runtime;

    public FlowEngine For(long tenantId) =>
        tenantId > 0 ? new FlowEngine(runtime, tenantId) : throw new ArgumentOutOfRangeException(nameof(tenantId), "Tenant ids start at 1.");
}
