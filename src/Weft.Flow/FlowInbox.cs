using Microsoft.EntityFrameworkCore;
using Weft.Flow.Contracts;
using Weft.Flow.Runtime;
using Weft.Platform.Errors;
using Weft.Platform.Paging;

namespace Weft.Flow;

/// <summary>
/// The manager inbox of a tenant: what needs a person's decision (work nobody can take, an absent holder, automated
/// work that keeps failing), and its resolution. Reached through <see cref="FlowEngine.Inbox"/>.
/// </summary>
public sealed class FlowInbox
{
    private readonly TenantRuntime runtime;

    internal FlowInbox(TenantRuntime runtime) => this.runtime = runtime;

    /// <summary>
    /// The manager inbox in id order: open entries unless <paramref name="state"/> says resolved, a page at a time.
    /// Raises <c>invalid_state</c>, <c>invalid_limit</c> or <c>invalid_cursor</c>.
    /// </summary>
    public Task<Page<InboxEntryDto>> ListInboxAsync(string? state, int? limit, string? cursor, CancellationToken ct = default)
    {
        if (state is not null && state is not ("open" or "resolved"))
            throw WeftException.Invalid("invalid_state", "'state' must be open or resolved.");
        return runtime.ReadAsync(async db =>
        {
            var (take, after) = PageCursor.Parse(limit, cursor);
            var q = db.Inbox.AsNoTracking().Where(i => i.Id > after);
            q = q.Where(i => i.State == (state ?? "open"));
            var rows = await q.OrderBy(i => i.Id).Take(take + 1).ToListAsync(ct);
            return PageCursor.Of(rows, take, r => r.Id, FlowMapping.ToDto);
        }, ct);
    }

    /// <summary>
    /// Resolves an open inbox entry: <c>assign</c> gives its work item to an agent, <c>requeue</c> returns it to the
    /// pool (under another capability when given), <c>retry</c> runs automated work again, <c>dismiss</c> only closes
    /// the entry. Raises <c>validation_failed</c>, <c>inbox_entry_not_found</c>, <c>inbox_entry_resolved</c> or
    /// <c>work_item_closed</c>, and for <c>assign</c> the errors of a handoff target.
    /// </summary>
    public Task<InboxEntryDto> ResolveInboxAsync(CommandContext ctx, long id, ResolveInboxRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (request.Action is not ("assign" or "requeue" or "retry" or "dismiss")) errors["action"] = ["'action' must be assign, requeue, retry or dismiss."];
        if (request.Capability is not null && (request.Action != "requeue" || string.IsNullOrWhiteSpace(request.Capability) || request.Capability.Length > 64))
            errors["capability"] = ["'capability' (1-64 characters) only goes with 'requeue': the work moves to that capability."];
        if (request.Action == "assign") errors.RequireKey(request.Agent, "agent");
        if (request.Note is { Length: > 2000 }) errors["note"] = ["At most 2000 characters."];
        errors.ThrowIfAny();
        return runtime.ExecuteAsync(ctx, async s =>
        {
            var entry = await s.Db.Inbox.FirstOrDefaultAsync(i => i.Id == id, ct)
                ?? throw WeftException.NotFound("inbox_entry_not_found", $"Inbox entry {id} does not exist.");
            if (entry.State != "open") throw WeftException.Conflict("inbox_entry_resolved", $"Inbox entry {id} is already resolved.");
            if (request.Action != "dismiss" && entry.WorkItemId is { } itemId)
            {
                var item = await s.WorkItemForCommandAsync(itemId);
                if (!WorkItemStates.Open.Contains(item.State))
                    throw WeftException.Conflict("work_item_closed", $"Work item {item.Id} is {item.State}; dismiss the entry instead.");
                if (request.Action == "assign") await s.Inbox.ManagerAssignAsync(item, request.Agent!, request.Note);
                else if (request.Action == "retry") s.Automation.RetryAutomated(item);
                else s.Inbox.ManagerRequeue(item, request.Note, request.Capability);
            }
            entry.State = "resolved";
            entry.Resolution = request.Action;
            entry.ResolvedAt = s.Now;
            entry.ResolvedBy = s.Actor;
            s.Emit("inbox_resolved", entry.JobId, workItemId: entry.WorkItemId, data: new { entry = id, action = request.Action, agent = request.Agent, capability = request.Capability, note = request.Note });
            await s.FlushAsync(ct);
            return FlowMapping.ToDto(entry);
        }, ct);
    }
}
