using System.Text.Json.Nodes;
using Weft.Flow.Definitions;

namespace Weft.Flow.Contracts;

public sealed record CreateGraphRequest(string? Key, string? Name, GraphDefinition? Draft);

public sealed record SaveDraftRequest(string? Name, GraphDefinition? Draft, int? Version);

public sealed record PublishRequest(int? Version);

public sealed record StartJobRequest(
    string? Graph, int? Version, int? Quantity, string? Reference, int? Priority, DateTime? DueAt, JsonObject? Data);

public sealed record CancelTokensRequest(IReadOnlyList<long>? Tokens, string? Reason, string? RestartAt);

public sealed record RegisterAgentRequest(
    string? Key, string? Name, string? Kind, IReadOnlyList<CapabilityDto>? Capabilities, int? WipLimit, string? Status);

public sealed record UpdateAgentRequest(
    string? Name, string? Kind, IReadOnlyList<CapabilityDto>? Capabilities, int? WipLimit, string? Status, int? Version);

public sealed record ResolveInboxRequest(string? Action, string? Agent, string? Note);

public sealed record WorkItemFilter(string? State, string? Capability, string? Agent, string? Node, long? Job);
