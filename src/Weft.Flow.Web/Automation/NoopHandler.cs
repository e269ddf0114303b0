using Weft.Flow.Automation;

namespace Weft.Flow.Web.Automation;

/// <summary>
/// Completes at once with nothing recorded: for flows sketched before their software exists, and for
/// measuring the runtime's own cost (the bench). Does the work of automated agents at nodes of capability
/// <c>weft-noop</c>.
/// </summary>
internal sealed class NoopHandler : IAgentHandler
{
    public const string Capability = "weft-noop";

    public Task<AgentResult> HandleAsync(AgentWork work, CancellationToken ct) => Task.FromResult(new AgentResult());
}
