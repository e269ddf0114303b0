using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Weft.Flow.Contracts;
using Weft.Flow.Persistence;
using Weft.Flow.Runtime;
using Weft.Platform.Errors;
using Weft.Platform.Paging;

namespace Weft.Flow;

/// <summary>
/// A tenant's work items and the commands an agent gives about them: claim, start, pause, resume, complete, hand off,
/// requeue. A command acts as <see cref="CommandContext.Agent"/>, else as <see cref="CommandContext.Actor"/> (with
/// neither it raises <c>agent_required</c>); it raises <c>work_item_not_found</c> for an unknown item and, when
/// <see cref="CommandContext.ExpectedVersion"/> is set, <c>stale_version</c> if the item has changed since.
/// Reached through <see cref="FlowEngine.Work"/>.
/// </summary>
public sealed class FlowWork
{
    private readonly TenantRuntime runtime;

    internal FlowWork(TenantRuntime runtime) => this.runtime = runtime;

    /// <summary>
    /// The tenant's work items in id order, filtered by state, capability, agent, node and job, a page at a time.
    /// Raises <c>invalid_state</c>, <c>invalid_limit</c> or <c>invalid_cursor</c>.
    /// </summary>
    public Task<Page<WorkItemDto>> ListWorkItemsAsync(WorkItemFilter filter, int? limit, string? cursor, CancellationToken ct = default)
    {
        if (filter.State is { } st && !WorkItemStates.All.Contains(st))
            throw WeftException.Invalid("invalid_state", $"'state' must be one of: {string.Join(", ", WorkItemStates.All)}.");
        return runtime.ReadAsync(async db =>
        {
            var (take, after) = PageCursor.Parse(limit, cursor);
            var q = db.WorkItems.AsNoTracking().Where(w => w.Id > after);
            if (!string.IsNullOrEmpty(filter.State)) q = q.Where(w => w.State == filter.State);
            if (!string.IsNullOrEmpty(filter.Capability))
            {
                var capability = filter.Capability.ToLowerInvariant();
                q = q.Where(w => w.Capability == capability);
            }
            if (!string.IsNullOrEmpty(filter.Agent)) q = q.Where(w => w.AgentKey == filter.Agent);
            if (!string.IsNullOrEmpty(filter.Node)) q = q.Where(w => w.NodeKey == filter.Node);
            if (filter.Job is { } job) q = q.Where(w => w.JobId == job);
            var rows = await q.OrderBy(w => w.Id).Take(take + 1).ToListAsync(ct);
            return PageCursor.Of(rows, take, r => r.Id, FlowMapping.ToDto);
        }, ct);
    }

    /// <summary>One work item. Raises <c>work_item_not_found</c>.</summary>
    public Task<WorkItemDto> GetWorkItemAsync(long id, CancellationToken ct = default) =>
        runtime.ReadAsync(async db => FlowMapping.ToDto(
            await db.WorkItems.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, ct)
            ?? throw WeftException.NotFound("work_item_not_found", $"Work item {id} does not exist.")), ct);

    private Task<WorkItemDto> OnWorkItemAsync(CommandContext ctx, long id, Func<FlowSession, WorkItemRecord, Task> action, CancellationToken ct,
        bool withJobAndToken = false, [CallerMemberName] string command = "") =>
        runtime.ExecuteAsync(ctx, async s =>
        {
            var item = await s.WorkItemForCommandAsync(id, withJobAndToken);
            if (ctx.ExpectedVersion is { } expected && expected != item.Version)
                throw WeftException.Conflict("stale_version", $"Work item {id} is at version {item.Version}, not {expected}.");
            await action(s, item);
            // Assignment and versions settled here, so the answer shows them; the runtime writes them with the commit.
            await s.SettleForAnswerAsync();
            return FlowMapping.ToDto(item);
        }, ct, command);

    private static string Actor(CommandContext ctx) =>
        (ctx.Agent ?? ctx.Actor) is { Length: > 0 } agent && !string.IsNullOrWhiteSpace(agent)
            ? agent
            : throw WeftException.Invalid("agent_required", "The acting agent is required for a work item command.");

    /// <summary>
    /// The acting agent takes a ready work item. Raises <c>work_item_already_claimed</c> (or <c>work_item_completed</c>,
    /// <c>work_item_cancelled</c>), <c>capability_missing</c>, <c>agent_not_available</c> or <c>wip_limit_reached</c>.
    /// </summary>
    public Task<WorkItemDto> ClaimAsync(CommandContext ctx, long id, CancellationToken ct = default)
    {
        var agent = Actor(ctx);
        return OnWorkItemAsync(ctx, id, (s, item) => s.WorkItems.ClaimAsync(item, agent), ct);
    }

    /// <summary>
    /// The agent holding an assigned work item starts it; its work time runs from now. Raises <c>not_your_work_item</c>
    /// or <c>illegal_transition</c>.
    /// </summary>
    public Task<WorkItemDto> StartAsync(CommandContext ctx, long id, CancellationToken ct = default)
    {
        var agent = Actor(ctx);
        return OnWorkItemAsync(ctx, id, (s, item) => { s.WorkItems.Start(item, agent); return Task.CompletedTask; }, ct);
    }

    /// <summary>
    /// Changes what an open work item asks of its agent besides its capability (see <see cref="RouteWorkItemRequest"/>): ready
    /// work is offered again, assigned work whose holder no longer qualifies goes back to be assigned, started work stays
    /// with its holder. Raises <c>validation_failed</c>, <c>work_item_completed</c> or <c>work_item_cancelled</c>.
    /// </summary>
    public Task<WorkItemDto> RouteAsync(CommandContext ctx, long id, RouteWorkItemRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        foreach (var (field, names) in new[] { ("requires", request.Requires), ("prefers", request.Prefers) })
            if (names is not null && (names.Count > WorkRequirements.MaxNames || names.Any(n => string.IsNullOrWhiteSpace(n) || n.Trim().Length > WorkRequirements.MaxName)))
                errors[field] = [$"'{field}' lists at most {WorkRequirements.MaxNames} capabilities of 1-{WorkRequirements.MaxName} characters."];
        if (request.Requires is null && request.Prefers is null) errors["body"] = ["Give 'requires', 'prefers' or both."];
        errors.ThrowIfAny();
        return OnWorkItemAsync(ctx with { ExpectedVersion = request.Version ?? ctx.ExpectedVersion }, id,
            (s, item) => s.WorkItems.RouteAsync(item, request.Requires, request.Prefers), ct);
    }

    /// <summary>
    /// The holder pauses work in progress for a reason (required, at most 500 characters); its work time stops.
    /// Raises <c>validation_failed</c>, <c>not_your_work_item</c> or <c>illegal_transition</c>.
    /// </summary>
    public Task<WorkItemDto> PauseAsync(CommandContext ctx, long id, string? reason, CancellationToken ct = default)
    {
        var agent = Actor(ctx);
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
            throw WeftException.Invalid("validation_failed", "'reason' is required, at most 500 characters.",
                new Dictionary<string, string[]> { ["reason"] = ["Required, at most 500 characters."] });
        return OnWorkItemAsync(ctx, id, (s, item) => { s.WorkItems.Pause(item, agent, reason); return Task.CompletedTask; }, ct);
    }

    /// <summary>
    /// The holder resumes paused work; an open inbox entry about the holder's absence from it is closed.
    /// Raises <c>not_your_work_item</c> or <c>illegal_transition</c>.
    /// </summary>
    public Task<WorkItemDto> ResumeAsync(CommandContext ctx, long id, CancellationToken ct = default)
    {
        var agent = Actor(ctx);
        return OnWorkItemAsync(ctx, id, (s, item) => s.WorkItems.ResumeAsync(item, agent), ct);
    }

    /// <summary>
    /// The holder completes work in progress with an outcome (pass or fail at a qc, an edge's outcome where the node
    /// has a choice) and data that travels on with the token; the token moves on once every operator is done.
    /// Raises <c>validation_failed</c>, <c>not_your_work_item</c>, <c>illegal_transition</c> or <c>outcome_invalid</c>.
    /// </summary>
    public Task<WorkItemDto> CompleteAsync(CommandContext ctx, long id, string? outcome, JsonObject? data, CancellationToken ct = default) =>
        CompleteAsync(ctx, id, outcome, data, note: null, ct);

    /// <summary>Completes work as <see cref="CompleteAsync(CommandContext, long, string?, JsonObject?, CancellationToken)"/>, with a note (a QC finding, say) kept on the item.</summary>
    public Task<WorkItemDto> CompleteAsync(CommandContext ctx, long id, string? outcome, JsonObject? data, string? note, CancellationToken ct = default)
    {
        var agent = Actor(ctx);
        if (outcome is { Length: > 64 })
            throw WeftException.Invalid("validation_failed", "'outcome' is at most 64 characters.",
                new Dictionary<string, string[]> { ["outcome"] = ["At most 64 characters."] });
        if (note is { Length: > 500 })
            throw WeftException.Invalid("validation_failed", "'note' is at most 500 characters.",
                new Dictionary<string, string[]> { ["note"] = ["At most 500 characters."] });
        if (data is not null && data.ToJsonString().Length > 64 * 1024)
            throw WeftException.Invalid("validation_failed", "'data' is at most 64 KiB.",
                new Dictionary<string, string[]> { ["data"] = ["At most 64 KiB."] });
        return OnWorkItemAsync(ctx, id, (s, item) => s.WorkItems.CompleteAsync(item, agent, outcome, data, note), ct, withJobAndToken: true);
    }

    /// <summary>
    /// The holder passes held work to another agent, who must be able, available and under the WIP limit.
    /// Raises <c>validation_failed</c>, <c>not_your_work_item</c>, <c>handoff_to_self</c>, <c>agent_not_found</c>,
    /// <c>target_lacks_capability</c>, <c>agent_not_available</c> or <c>wip_limit_reached</c>.
    /// </summary>
    public Task<WorkItemDto> HandoffAsync(CommandContext ctx, long id, string? toAgent, string? note, CancellationToken ct = default)
    {
        var agent = Actor(ctx);
        var errors = new FieldErrors();
        errors.RequireKey(toAgent, "to");
        if (note is { Length: > 2000 }) errors["note"] = ["At most 2000 characters."];
        errors.ThrowIfAny();
        return OnWorkItemAsync(ctx, id, (s, item) => s.WorkItems.HandoffAsync(item, agent, toAgent!, note), ct);
    }

    /// <summary>
    /// The holder gives held work back to the ready pool (with an optional note of at most 2000 characters).
    /// Raises <c>validation_failed</c>, <c>not_your_work_item</c> or <c>illegal_transition</c>.
    /// </summary>
    public Task<WorkItemDto> RequeueAsync(CommandContext ctx, long id, string? note, CancellationToken ct = default)
    {
        var agent = Actor(ctx);
        if (note is { Length: > 2000 })
            throw WeftException.Invalid("validation_failed", "'note' is at most 2000 characters.",
                new Dictionary<string, string[]> { ["note"] = ["At most 2000 characters."] });
        return OnWorkItemAsync(ctx, id, (s, item) => { s.WorkItems.Requeue(item, agent, note); return Task.CompletedTask; }, ct);
    }
    /// <summary>
    /// A manager gives an open work item to a named agent, who must be able, available and under the WIP limit; work in
    /// progress stops its clock with its previous holder, and the new holder starts it again. Open inbox entries about
    /// the item are resolved as <c>assign</c>. Raises <c>validation_failed</c>, <c>work_item_not_found</c>,
    /// <c>work_item_closed</c>, <c>already_assigned</c> (the agent holds it already), <c>agent_not_found</c>,
    /// <c>target_lacks_capability</c>, <c>agent_not_available</c> or <c>wip_limit_reached</c>.
    /// </summary>
    public Task<WorkItemDto> AssignAsync(CommandContext ctx, long id, string? agent, string? note, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        errors.RequireKey(agent, "agent");
        if (note is { Length: > 2000 }) errors["note"] = ["At most 2000 characters."];
        errors.ThrowIfAny();
        return OnWorkItemAsync(ctx, id, async (s, item) =>
        {
            RequireOpen(item);
            if (item.AgentKey == agent)
                throw WeftException.Conflict("already_assigned", $"Work item {item.Id} is already held by agent '{agent}'.");
            await s.Inbox.ManagerAssignAsync(item, agent!, note);
            await s.Inbox.CloseInboxForAsync(item.Id, "assign", includeAbsence: true, resolvedBy: s.Actor ?? "system");
        }, ct);
    }

    /// <summary>
    /// A manager takes an assigned, started or paused work item back from its holder into the ready pool (its holder is
    /// not offered it again), optionally moving it to another capability that other agents have; a ready item can only
    /// be moved. Open inbox entries about the item are resolved as <c>requeue</c>. Raises <c>validation_failed</c>,
    /// <c>work_item_not_found</c>, <c>work_item_closed</c> or <c>work_item_not_held</c>.
    /// </summary>
    public Task<WorkItemDto> UnassignAsync(CommandContext ctx, long id, string? note, string? capability, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (note is { Length: > 2000 }) errors["note"] = ["At most 2000 characters."];
        if (capability is not null && (string.IsNullOrWhiteSpace(capability) || capability.Length > 64))
            errors["capability"] = ["'capability' is 1-64 characters: the capability the work moves to."];
        errors.ThrowIfAny();
        return OnWorkItemAsync(ctx, id, async (s, item) =>
        {
            RequireOpen(item);
            if (item.State == WorkItemStates.Ready && capability is null)
                throw WeftException.Conflict("work_item_not_held", $"Work item {item.Id} is ready in the pool already; name a capability to move it.");
            s.Inbox.ManagerRequeue(item, note, capability);
            await s.Inbox.CloseInboxForAsync(item.Id, "requeue", includeAbsence: true, resolvedBy: s.Actor ?? "system");
        }, ct);
    }

    private static void RequireOpen(WorkItemRecord item)
    {
        if (!WorkItemStates.Open.Contains(item.State))
            throw WeftException.Conflict("work_item_closed", $"Work item {item.Id} is {item.State}.");
    }
}
