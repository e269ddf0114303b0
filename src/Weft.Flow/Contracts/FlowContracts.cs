using System.Text.Json.Nodes;
using Weft.Flow.Definitions;
using Weft.Platform.Persistence;

namespace Weft.Flow.Contracts;

/// <summary>
/// Who asks for a command (<see cref="Actor"/>, recorded on its events), the agent it acts as for a
/// work-item command (<see cref="Agent"/>; when absent the actor is taken to be an agent key), the
/// idempotency key it came with, and the version of the target the caller last saw (a stale one is
/// refused with 409 <c>stale_version</c>).
/// </summary>
public sealed record CommandContext(
    string? Actor = null, string? IdempotencyKey = null, string? Fingerprint = null, int? ExpectedVersion = null, string? Agent = null)
{
    /// <summary>
    /// Another module's unit of work the command runs in (a command spanning modules): the engine's
    /// changes then commit or roll back with that module's. Without one, the command is its own transaction.
    /// </summary>
    public UnitOfWork? Unit { get; init; }

    public static readonly CommandContext System = new("system");
}

public sealed record GraphSummary(string Key, string Name, int LatestVersion, int DraftRevision, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record GraphDetail(
    string Key, string Name, int LatestVersion, int DraftRevision, GraphDefinition Draft,
    IReadOnlyList<int> Versions, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record GraphVersionDto(string Graph, int Number, GraphDefinition Definition, DateTime PublishedAt, string? PublishedBy);

public sealed record CapabilityDto(string Name, int Level = 1);

/// <param name="Tier">Where it stands in the registry: <c>essential</c>, <c>revenue</c>, <c>operational</c> or <c>advanced</c> (see <see cref="AgentTiers"/>), or none.</param>
/// <param name="Description">What it does, in a sentence or two.</param>
public sealed record AgentDto(
    string Key, string Name, string Kind, IReadOnlyList<CapabilityDto> Capabilities, int WipLimit, string Status,
    int Load, int Version, DateTime CreatedAt, DateTime UpdatedAt, string? Tier = null, string? Description = null);

public sealed record JobDto(
    long Id, string Graph, int Version, string Reference, int Quantity, int Priority, DateTime? DueAt, JsonObject Data,
    string State, DateTime CreatedAt, DateTime? CompletedAt, int Revision);

public sealed record TokenDto(
    long Id, long JobId, int Serial, int Generation, int GraphVersion, string Node, string State, long? ParentTokenId,
    long? ReplacesTokenId, long? ReplacedByTokenId, string? CancelReason, DateTime CreatedAt, DateTime ArrivedAt, DateTime? EndedAt);

public sealed record WorkItemDto(
    long Id, long JobId, long TokenId, string Graph, int GraphVersion, string Node, int Operator, string Capability, int Level,
    string Assignment, string State, string? Agent, int Priority, DateTime? DueAt, DateTime CreatedAt, DateTime? AssignedAt,
    DateTime? StartedAt, double WorkSeconds, string? Outcome, JsonObject? Result, string? Note, int Version, DateTime? EndedAt = null, DateTime? RunningSince = null,
    IReadOnlyList<string>? Requires = null, IReadOnlyList<string>? Prefers = null);

public sealed record EventDto(
    long Id, string Type, DateTime At, string? Actor, string? Graph, int? GraphVersion, long? JobId, long? TokenId,
    long? WorkItemId, string? Node, JsonObject? Data);

public sealed record InboxEntryDto(
    long Id, string Reason, string Message, long? WorkItemId, long? JobId, string? Agent, string State, string? Resolution,
    string? ResolvedBy, DateTime CreatedAt, DateTime? ResolvedAt);

public sealed record CancelResult(IReadOnlyList<TokenDto> Cancelled, IReadOnlyList<TokenDto> Replacements);

public sealed record SweepResult(int Assigned, int TimersFired);

public static class WorkItemStates
{
    public const string Ready = "ready";
    public const string Assigned = "assigned";
    public const string InProgress = "in_progress";
    public const string Paused = "paused";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";

    public static readonly string[] All = [Ready, Assigned, InProgress, Paused, Completed, Cancelled];
    public static readonly string[] Held = [Assigned, InProgress, Paused];
    public static readonly string[] Open = [Ready, Assigned, InProgress, Paused];
    public static readonly string[] Started = [InProgress, Paused];
}

public static class TokenStates
{
    public const string Active = "active";
    public const string Split = "split";
    public const string Waiting = "waiting";
    public const string Merged = "merged";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";

    public static readonly string[] Live = [Active, Split, Waiting];
}

public static class CancelReasons
{
    public const string QcFail = "qc_fail";
    public const string Redesign = "redesign";
    public const string Permanent = "permanent";

    public static readonly string[] All = [QcFail, Redesign, Permanent];
}

public static class AgentStatuses
{
    public const string Available = "available";
    public const string Away = "away";
    public const string Offline = "offline";

    public static readonly string[] All = [Available, Away, Offline];
}

/// <summary>
/// The registry's tiers, from the seed system that organised its agents so: <c>essential</c> (the work cannot run without
/// them), <c>revenue</c> (they earn or protect money), <c>operational</c> (they keep work flowing) and <c>advanced</c>
/// (optional intelligence on top).
/// </summary>
public static class AgentTiers
{
    public const string Essential = "essential";
    public const string Revenue = "revenue";
    public const string Operational = "operational";
    public const string Advanced = "advanced";

    public static readonly string[] All = [Essential, Revenue, Operational, Advanced];
}

public static class AgentKinds
{
    public static readonly string[] All = ["person", "ai", "service"];
}
