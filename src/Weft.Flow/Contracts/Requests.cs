using System.Text.Json.Nodes;
using Weft.Flow.Definitions;

namespace Weft.Flow.Contracts;

public sealed record CreateGraphRequest(string? Key, string? Name, GraphDefinition? Draft);

/// <summary>The body of <c>PUT /graphs/{key}/draft</c>: the draft itself, with the revision the caller last saw.</summary>
public sealed record SaveDraftRequest(
    string? Name, IReadOnlyList<NodeDefinition>? Nodes, IReadOnlyList<EdgeDefinition>? Edges, int? Version, IReadOnlyList<FieldDefinition>? Fields = null);

public sealed record PublishRequest(int? Version);

/// <summary>The body of <c>POST /jobs/{id}/replan</c>: a new priority, a new due date, or both.</summary>
/// <summary>
/// The body of <c>POST /jobs/{id}/replan</c>: a new priority, due date, or data fields merged into the job's data (a
/// field set to null is removed); a token waiting at a timer whose date field changed waits for the new date (ADR 0025).
/// </summary>
public sealed record ReplanJobRequest(int? Priority, DateTime? DueAt, JsonObject? Data = null);

/// <summary>The body of <c>PUT /node-presets/{key}</c>: a name and the step's settings.</summary>
public sealed record SavePresetRequest(string? Name, NodeDefinition? Template);

public sealed record StartJobRequest(
    string? Graph, int? Version, int? Quantity, string? Reference, int? Priority, DateTime? DueAt, JsonObject? Data);

public sealed record CancelTokensRequest(IReadOnlyList<long>? Tokens, string? Reason, string? RestartAt);

/// <param name="Tier">One of <see cref="AgentTiers"/>, or none.</param>
/// <param name="Description">What the agent does (at most 500 characters).</param>
public sealed record RegisterAgentRequest(
    string? Key, string? Name, string? Kind, IReadOnlyList<CapabilityDto>? Capabilities, int? WipLimit, string? Status, string? Tier = null,
    string? Description = null);

/// <param name="Tier">One of <see cref="AgentTiers"/>; an empty text takes the tier away.</param>
/// <param name="Description">What the agent does; an empty text takes it away.</param>
public sealed record UpdateAgentRequest(
    string? Name, string? Kind, IReadOnlyList<CapabilityDto>? Capabilities, int? WipLimit, string? Status, int? Version, string? Tier = null,
    string? Description = null);

/// <summary>
/// A manager's decision on an inbox entry: <c>assign</c> the work to <paramref name="Agent"/>, <c>requeue</c> it
/// to the pool (to <paramref name="Capability"/> when given, e.g. a capability people have), <c>retry</c> failed
/// automated work, or <c>dismiss</c> the entry.
/// </summary>
public sealed record ResolveInboxRequest(string? Action, string? Agent, string? Note, string? Capability = null);

/// <summary>
/// The body of <c>POST /work-items/{id}/route</c>: the capabilities the agent must hold besides the item's own, and those that
/// rank agents first; a list replaces the item's (empty clears it), a missing one leaves it as it is.
/// </summary>
public sealed record RouteWorkItemRequest(IReadOnlyList<string>? Requires, IReadOnlyList<string>? Prefers, int? Version = null);

public sealed record WorkItemFilter(string? State, string? Capability, string? Agent, string? Node, long? Job);
