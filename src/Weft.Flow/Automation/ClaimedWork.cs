using System.Text.Json.Nodes;

namespace Weft.Flow.Automation;

/// <summary>A work item an automated agent's handler is about to run, under a lease.</summary>
internal sealed record ClaimedWork(
    long WorkItemId, string LeaseId, int Attempt, string Agent, string Capability, long JobId, string Reference, long TokenId,
    string Graph, int GraphVersion, string Node, JsonObject Data, string AgentKind = "service");
