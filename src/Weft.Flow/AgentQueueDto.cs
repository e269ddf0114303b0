using Weft.Flow.Contracts;

namespace Weft.Flow;

/// <summary>An agent's queue: the work items it holds now, then the ready pool work it could claim, best first.</summary>
public sealed record AgentQueueDto(string Agent, IReadOnlyList<WorkItemDto> Held, IReadOnlyList<WorkItemDto> Available);
