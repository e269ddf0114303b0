using System.Text.Json.Nodes;

namespace Weft.Flow.Automation;

/// <summary>One work item for a handler: what to do it on, and how to say it is still being done.</summary>
/// <param name="ExecutionId">Stable for this work item across attempts and processes.</param>
/// <param name="Attempt">1 for the first run, 2 for the first retry, and so on.</param>
/// <param name="Data">The job's data with the token's on top (what earlier steps recorded).</param>
/// <param name="HeartbeatAsync">Call during long work: it keeps the lease; false means the work was taken away (stop).</param>
public sealed record AgentWork(
    long Tenant, string ExecutionId, int Attempt, long WorkItemId, long JobId, string JobReference, long TokenId,
    string Agent, string Graph, int GraphVersion, string Node, string Capability, JsonObject Data,
    Func<CancellationToken, Task<bool>> HeartbeatAsync);
