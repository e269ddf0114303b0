using Weft.Platform.Persistence;
using Weft.Platform.Tenancy;

namespace Weft.Flow.Persistence;


internal sealed class GraphRecord : ITenantOwned
{
    public long TenantId { get; set; }
    public long Id { get; set; }
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string DraftJson { get; set; } = "{}";
    public int DraftRevision { get; set; }
    public int LatestVersion { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A step a manager saved for the routing designer: a node's settings under a name.</summary>
internal sealed class NodePresetRecord : ITenantOwned
{
    public long TenantId { get; set; }
    public long Id { get; set; }
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string TemplateJson { get; set; } = "{}";
    public string? SavedBy { get; set; }
    public DateTime SavedAt { get; set; }
}

internal sealed class GraphVersionRecord : ITenantOwned
{
    public long TenantId { get; set; }
    public long Id { get; set; }
    public string GraphKey { get; set; } = "";
    public int Number { get; set; }
    public string DefinitionJson { get; set; } = "{}";
    public DateTime PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
}

internal sealed class AgentRecord : IVersioned, ITenantOwned
{
    public long TenantId { get; set; }
    public long Id { get; set; }
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string Kind { get; set; } = "person";
    public string CapabilitiesJson { get; set; } = "[]";
    public int WipLimit { get; set; } = 1;
    public string Status { get; set; } = "available";
    /// <summary>The registry's tier (<c>essential</c>, <c>revenue</c>, <c>operational</c>, <c>advanced</c>), if any.</summary>
    public string? Tier { get; set; }
    public string? Description { get; set; }
    public int Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>When the agent last had nothing to do; the longest idle is preferred.</summary>
    public DateTime IdleSince { get; set; }
}

/// <summary>
/// One capability of an agent, so that eligibility is asked in SQL. Mirrors the agent's
/// <see cref="AgentRecord.CapabilitiesJson"/> (what the API shows), written with it; the name is kept
/// lower-case invariant, since capabilities compare without case.
/// </summary>
internal sealed class AgentCapabilityRecord : ITenantOwned
{
    public long TenantId { get; set; }
    public long Id { get; set; }
    public long AgentId { get; set; }
    public AgentRecord? Agent { get; set; }
    public string Name { get; set; } = "";
    public int Level { get; set; }
}

internal sealed class JobRecord : IVersioned, ITenantOwned
{
    public long TenantId { get; set; }
    public long Id { get; set; }
    public string GraphKey { get; set; } = "";
    public int GraphVersion { get; set; }
    public string Reference { get; set; } = "";
    public int Quantity { get; set; }
    public int Priority { get; set; }
    public DateTime? DueAt { get; set; }
    public string DataJson { get; set; } = "{}";
    public string State { get; set; } = "active";
    public int Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
}

internal sealed class TokenRecord : IVersioned, ITenantOwned
{
    public long TenantId { get; set; }
    public long Id { get; set; }
    public long JobId { get; set; }
    public int Serial { get; set; }
    public int Generation { get; set; }
    public int GraphVersion { get; set; }
    public string NodeKey { get; set; } = "";
    public string State { get; set; } = "active";
    public long? ParentTokenId { get; set; }
    public string? SplitNodeKey { get; set; }
    public long? ReplacesTokenId { get; set; }
    public long? ReplacedByTokenId { get; set; }
    public string? CancelReason { get; set; }
    public string? DataJson { get; set; }
    /// <summary>At a wait node: the message and correlation key the token waits for.</summary>
    public string? WaitMessage { get; set; }
    public string? WaitKey { get; set; }
    public int Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ArrivedAt { get; set; }
    public DateTime? EndedAt { get; set; }
}

internal sealed class WorkItemRecord : IVersioned, ITenantOwned
{
    public long TenantId { get; set; }
    public long Id { get; set; }
    public long JobId { get; set; }
    public long TokenId { get; set; }
    public string GraphKey { get; set; } = "";
    public int GraphVersion { get; set; }
    public string NodeKey { get; set; } = "";
    public int Operator { get; set; } = 1;
    public string Capability { get; set; } = "";
    public int Level { get; set; } = 1;
    public string Assignment { get; set; } = "pool";
    public string State { get; set; } = "ready";
    public string? AgentKey { get; set; }
    public int Priority { get; set; }
    public DateTime? DueAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ReadyAt { get; set; }
    public DateTime? AssignedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? RunningSince { get; set; }
    public double WorkSeconds { get; set; }
    public DateTime? EndedAt { get; set; }
    public string? Outcome { get; set; }
    public string? ResultJson { get; set; }
    public string? Note { get; set; }
    public string? ExcludedAgentKey { get; set; }
    /// <summary>Capabilities the agent must hold beyond <see cref="Capability"/>, written <c>|a|b|</c> (see <see cref="Runtime.WorkRequirements"/>).</summary>
    public string? RequiredCapabilities { get; set; }
    /// <summary>Capabilities that rank able agents first, written like <see cref="RequiredCapabilities"/>.</summary>
    public string? PreferredCapabilities { get; set; }
    /// <summary>Automated work: runs so far, the current run's lease, when to try again, and why the last run failed.</summary>
    public int ExecutionAttempts { get; set; }
    public string? LeaseId { get; set; }
    public DateTime? LeaseUntil { get; set; }
    public DateTime? NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public int Version { get; set; }
}

internal sealed class EventRecord : ITenantOwned
{
    public long TenantId { get; set; }
    public long Id { get; set; }
    public string Type { get; set; } = "";
    public DateTime At { get; set; }
    public string? Actor { get; set; }
    public string? GraphKey { get; set; }
    public int? GraphVersion { get; set; }
    public long? JobId { get; set; }
    public long? TokenId { get; set; }
    public long? WorkItemId { get; set; }
    public string? NodeKey { get; set; }
    public string? DataJson { get; set; }
}

internal sealed class InboxRecord : IVersioned, ITenantOwned
{
    public long TenantId { get; set; }
    public long Id { get; set; }
    public string Reason { get; set; } = "";
    public string Message { get; set; } = "";
    public long? WorkItemId { get; set; }
    public long? JobId { get; set; }
    public string? AgentKey { get; set; }
    public string State { get; set; } = "open";
    public string? Resolution { get; set; }
    public string? ResolvedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public int Version { get; set; }
}

internal sealed class TimerRecord : ITenantOwned
{
    public long TenantId { get; set; }
    public long Id { get; set; }
    public string Kind { get; set; } = "";
    /// <summary>The work item an assignment timeout watches; null for a token's timer.</summary>
    public long? WorkItemId { get; set; }
    /// <summary>The token a timer or wait timeout holds; null for an assignment timeout.</summary>
    public long? TokenId { get; set; }
    public string? AgentKey { get; set; }
    public DateTime DueAt { get; set; }
}

internal sealed class IdempotencyRecord : ITenantOwned
{
    public long TenantId { get; set; }
    public string Key { get; set; } = "";
    public string Fingerprint { get; set; } = "";
    public string ResultJson { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// A message sent to the tenant's flows (<c>POST /api/v1/messages</c>): consumed by the tokens waiting for
/// its name and correlation key when it arrived, or kept until the first such token arrives.
/// </summary>
internal sealed class MessageRecord : ITenantOwned
{
    public long TenantId { get; set; }
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string CorrelationKey { get; set; } = "";
    public string? DataJson { get; set; }
    public string? SentBy { get; set; }
    public DateTime ReceivedAt { get; set; }
    public DateTime? ConsumedAt { get; set; }
    public int ConsumedBy { get; set; }
}
