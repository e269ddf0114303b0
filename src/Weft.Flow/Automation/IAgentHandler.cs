namespace Weft.Flow.Automation;

/// <summary>
/// Does the work items of a <c>service</c> or <c>ai</c> agent. The runtime calls it outside any
/// transaction and completes the item with its result in one transaction; a handler that throws is
/// tried again later (with backoff, up to the node's <c>maxAttempts</c>), then the item goes to the
/// manager inbox. The same work may run more than once (a process that died mid-way): use
/// <see cref="AgentWork.ExecutionId"/> to recognise a repeat of what you did outside Weft.
/// </summary>
public interface IAgentHandler
{
    Task<AgentResult> HandleAsync(AgentWork work, CancellationToken ct);
}
