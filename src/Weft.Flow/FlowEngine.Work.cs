using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Weft.Flow.Contracts;
using Weft.Flow.Persistence;
using Weft.Flow.Runtime;
using Weft.Platform.Errors;
using Weft.Platform.Paging;

namespace Weft.Flow;

public sealed partial class FlowEngine
{
    // ---- Work items ---------------------------------------------------------------------------

    public Task<Page<WorkItemDto>> ListWorkItemsAsync(WorkItemFilter filter, int? limit, string? cursor, CancellationToken ct = default)
    {
        if (filter.State is { } st && !WorkItemStates.All.Contains(st))
            throw WeftException.Invalid("invalid_state", $"'state' must be one of: {string.Join(", ", WorkItemStates.All)}.");
        return runtime.ReadAsync(async db =>
        {
            var (take, after) = Paging(limit, cursor);
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
            return PageOf(rows, take, r => r.Id, FlowMapping.ToDto);
        }, ct);
    }

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
            await s.FlushAsync(ct);
            return FlowMapping.ToDto(item);
        }, ct, command);

    private static string Actor(CommandContext ctx) =>
        (ctx.Agent ?? ctx.Actor) is { Length: > 0 } agent && !string.IsNullOrWhiteSpace(agent)
            ? agent
            : throw WeftException.Invalid("agent_required", "The acting agent is required for a work item command.");

    public Task<WorkItemDto> ClaimAsync(CommandContext ctx, long id, CancellationToken ct = default)
    {
        var agent = Actor(ctx);
        return OnWorkItemAsync(ctx, id, (s, item) => s.WorkItems.ClaimAsync(item, agent), ct);
    }

    public Task<WorkItemDto> StartAsync(CommandContext ctx, long id, CancellationToken ct = default)
    {
        var agent = Actor(ctx);
        return OnWorkItemAsync(ctx, id, (s, item) => { s.WorkItems.Start(item, agent); return Task.CompletedTask; }, ct);
    }

    public Task<WorkItemDto> PauseAsync(CommandContext ctx, long id, string? reason, CancellationToken ct = default)
    {
        var agent = Actor(ctx);
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
            throw WeftException.Invalid("validation_failed", "'reason' is required, at most 500 characters.",
                new Dictionary<string, string[]> { ["reason"] = ["Required, at most 500 characters."] });
        return OnWorkItemAsync(ctx, id, (s, item) => { s.WorkItems.Pause(item, agent, reason); return Task.CompletedTask; }, ct);
    }

    public Task<WorkItemDto> ResumeAsync(CommandContext ctx, long id, CancellationToken ct = default)
    {
        var agent = Actor(ctx);
        return OnWorkItemAsync(ctx, id, (s, item) => s.WorkItems.ResumeAsync(item, agent), ct);
    }

    public Task<WorkItemDto> CompleteAsync(CommandContext ctx, long id, string? outcome, JsonObject? data, CancellationToken ct = default)
    {
        var agent = Actor(ctx);
        if (outcome is { Length: > 64 })
            throw WeftException.Invalid("validation_failed", "'outcome' is at most 64 characters.",
                new Dictionary<string, string[]> { ["outcome"] = ["At most 64 characters."] });
        if (data is not null && data.ToJsonString().Length > 64 * 1024)
            throw WeftException.Invalid("validation_failed", "'data' is at most 64 KiB.",
                new Dictionary<string, string[]> { ["data"] = ["At most 64 KiB."] });
        return OnWorkItemAsync(ctx, id, (s, item) => s.WorkItems.CompleteAsync(item, agent, outcome, data), ct, withJobAndToken: true);
    }

    public Task<WorkItemDto> HandoffAsync(CommandContext ctx, long id, string? toAgent, string? note, CancellationToken ct = default)
    {
        var agent = Actor(ctx);
        var errors = new FieldErrors();
        errors.RequireKey(toAgent, "to");
        if (note is { Length: > 2000 }) errors["note"] = ["At most 2000 characters."];
        errors.ThrowIfAny();
        return OnWorkItemAsync(ctx, id, (s, item) => s.WorkItems.HandoffAsync(item, agent, toAgent!, note), ct);
    }

    public Task<WorkItemDto> RequeueAsync(CommandContext ctx, long id, string? note, CancellationToken ct = default)
    {
        var agent = Actor(ctx);
        if (note is { Length: > 2000 })
            throw WeftException.Invalid("validation_failed", "'note' is at most 2000 characters.",
                new Dictionary<string, string[]> { ["note"] = ["At most 2000 characters."] });
        return OnWorkItemAsync(ctx, id, (s, item) => { s.WorkItems.Requeue(item, agent, note); return Task.CompletedTask; }, ct);
    }

    // ---- Agents -------------------------------------------------------------------------------

    private static void CheckAgentFields(string? name, string? kind, IReadOnlyList<CapabilityDto>? caps, int? wip, string? status,
        FieldErrors errors, bool creating)
    {
        if ((creating || name is not null) && string.IsNullOrWhiteSpace(name)) errors["name"] = ["'name' is required."];
        if (name is { Length: > 200 }) errors["name"] = ["'name' is at most 200 characters."];
        if ((creating || kind is not null) && !AgentKinds.All.Contains(kind ?? ""))
            errors["kind"] = [$"'kind' must be one of: {string.Join(", ", AgentKinds.All)}."];
        if (wip is < 1 or > 1000) errors["wipLimit"] = ["'wipLimit' must be between 1 and 1000."];
        if (status is not null && !AgentStatuses.All.Contains(status))
            errors["status"] = [$"'status' must be one of: {string.Join(", ", AgentStatuses.All)}."];
        if (caps is not null)
        {
            if (caps.Count > 100) errors["capabilities"] = ["At most 100 capabilities."];
            else if (caps.Any(c => c is null || string.IsNullOrWhiteSpace(c.Name) || c.Name.Length > 64 || c.Level is < 1 or > 10))
                errors["capabilities"] = ["Each capability needs a 'name' (at most 64 characters) and a 'level' from 1 to 10."];
            else if (caps.Select(c => c.Name.ToUpperInvariant()).Distinct().Count() != caps.Count)
                errors["capabilities"] = ["A capability is listed twice."];
        }
    }

    /// <summary>Capability names compare without case; they are stored in lower case.</summary>
    private static List<CapabilityDto> Normalize(IReadOnlyList<CapabilityDto> caps) =>
        caps.Select(c => c with { Name = c.Name.Trim().ToLowerInvariant() }).ToList();

    public Task<AgentDto> RegisterAgentAsync(CommandContext ctx, RegisterAgentRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        errors.RequireKey(request.Key, "key");
        CheckAgentFields(request.Name, request.Kind ?? "person", request.Capabilities, request.WipLimit, request.Status, errors, creating: true);
        errors.ThrowIfAny();
        return runtime.ExecuteAsync(ctx, async s =>
        {
            if (await s.Db.Agents.AnyAsync(a => a.Key == request.Key, ct))
                throw WeftException.Conflict("agent_exists", $"Agent '{request.Key}' already exists.");
            var agent = new AgentRecord
            {
                Key = request.Key!,
                Name = request.Name!,
                Kind = request.Kind ?? "person",
                WipLimit = request.WipLimit ?? 1,
                Status = request.Status ?? AgentStatuses.Available,
                CreatedAt = s.Now,
                UpdatedAt = s.Now,
                IdleSince = s.Now,
            };
            s.Db.Agents.Add(agent);
            await AgentCapabilities.SetAsync(s.Db, agent, Normalize(request.Capabilities ?? []), ct);
            s.Emit("agent_registered", data: new { agent = agent.Key });
            if (agent.Status == AgentStatuses.Available) s.Assignment.AgentBecameAvailable(agent.Key);
            await s.FlushAsync(ct);
            return FlowMapping.ToDto(agent, await s.Loads.LoadOfAsync(agent.Key));
        }, ct);
    }

    public Task<AgentDto> UpdateAgentAsync(CommandContext ctx, string key, UpdateAgentRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        CheckAgentFields(request.Name, request.Kind, request.Capabilities, request.WipLimit, request.Status, errors, creating: false);
        if (request is { Name: null, Kind: null, Capabilities: null, WipLimit: null, Status: null })
            errors["body"] = ["Give at least one of 'name', 'kind', 'capabilities', 'wipLimit' or 'status'."];
        errors.ThrowIfAny();
        return runtime.ExecuteAsync(ctx, async s =>
        {
            var agent = await s.Loads.AgentAsync(key);
            if (request.Version is { } expected && expected != agent.Version)
                throw WeftException.Conflict("stale_version", $"Agent '{key}' is at version {agent.Version}, not {expected}.");
            var before = agent.Status;
            if (request.Name is not null) agent.Name = request.Name;
            if (request.Kind is not null) agent.Kind = request.Kind;
            if (request.Capabilities is not null) await AgentCapabilities.SetAsync(s.Db, agent, Normalize(request.Capabilities), ct);
            if (request.WipLimit is { } wip) agent.WipLimit = wip;
            if (request.Status is not null) agent.Status = request.Status;
            agent.UpdatedAt = s.Now;
            s.Emit("agent_updated", data: new { agent = key, status = agent.Status, from = before });
            if (before == AgentStatuses.Available && agent.Status != AgentStatuses.Available) await s.Assignment.AgentWentAwayAsync(agent);
            if (agent.Status == AgentStatuses.Available) s.Assignment.AgentBecameAvailable(agent.Key);
            await s.FlushAsync(ct);
            return FlowMapping.ToDto(agent, await s.Loads.LoadOfAsync(agent.Key));
        }, ct);
    }

    public Task<Page<AgentDto>> ListAgentsAsync(int? limit, string? cursor, CancellationToken ct = default) =>
        runtime.ReadAsync(async db =>
        {
            var (take, after) = Paging(limit, cursor);
            var rows = await db.Agents.AsNoTracking().Where(a => a.Id > after).OrderBy(a => a.Id).Take(take + 1).ToListAsync(ct);
            var keys = rows.Select(r => r.Key).ToList();
            var loads = await db.WorkItems.Where(w => w.AgentKey != null && keys.Contains(w.AgentKey) && WorkItemStates.Held.Contains(w.State))
                .GroupBy(w => w.AgentKey!).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
            return PageOf(rows, take, r => r.Id, r => FlowMapping.ToDto(r, loads.GetValueOrDefault(r.Key)));
        }, ct);

    public Task<AgentDto> GetAgentAsync(string key, CancellationToken ct = default) =>
        runtime.ReadAsync(async db =>
        {
            var a = await db.Agents.AsNoTracking().FirstOrDefaultAsync(x => x.Key == key, ct)
                ?? throw WeftException.NotFound("agent_not_found", $"Agent '{key}' does not exist.");
            var load = await db.WorkItems.CountAsync(w => w.AgentKey == key && WorkItemStates.Held.Contains(w.State), ct);
            return FlowMapping.ToDto(a, load);
        }, ct);

    /// <summary>What an agent holds now, then the ready pool work it could claim, best first.</summary>
    public Task<AgentQueueDto> GetAgentQueueAsync(string key, CancellationToken ct = default) =>
        runtime.ReadAsync(async db =>
        {
            var a = await db.Agents.AsNoTracking().FirstOrDefaultAsync(x => x.Key == key, ct)
                ?? throw WeftException.NotFound("agent_not_found", $"Agent '{key}' does not exist.");
            var held = await db.WorkItems.AsNoTracking().Where(w => w.AgentKey == key && WorkItemStates.Held.Contains(w.State))
                .OrderByDescending(w => w.Priority).ThenBy(w => w.AssignedAt).ToListAsync(ct);
            var caps = AgentCapabilities.Of(a);
            var names = caps.Select(c => c.Name).ToList();
            var available = (await db.WorkItems.AsNoTracking()
                    .Where(w => w.State == WorkItemStates.Ready && w.Assignment == "pool" && names.Contains(w.Capability))
                    .OrderByDescending(w => w.Priority).ThenBy(w => w.DueAt == null).ThenBy(w => w.DueAt).ThenBy(w => w.ReadyAt).Take(200)
                    .ToListAsync(ct))
                .Where(w => AgentCapabilities.Has(a, w.Capability, w.Level))
                .ToList();
            return new AgentQueueDto(key, held.Select(FlowMapping.ToDto).ToList(), available.Select(FlowMapping.ToDto).ToList());
        }, ct);

    // ---- Inbox --------------------------------------------------------------------------------

    public Task<Page<InboxEntryDto>> ListInboxAsync(string? state, int? limit, string? cursor, CancellationToken ct = default)
    {
        if (state is not null && state is not ("open" or "resolved"))
            throw WeftException.Invalid("invalid_state", "'state' must be open or resolved.");
        return runtime.ReadAsync(async db =>
        {
            var (take, after) = Paging(limit, cursor);
            var q = db.Inbox.AsNoTracking().Where(i => i.Id > after);
            q = q.Where(i => i.State == (state ?? "open"));
            var rows = await q.OrderBy(i => i.Id).Take(take + 1).ToListAsync(ct);
            return PageOf(rows, take, r => r.Id, FlowMapping.ToDto);
        }, ct);
    }

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

    // ---- Runtime ------------------------------------------------------------------------------

    /// <summary>Fires due timers and sweeps ready work; the host calls this periodically, tests call it directly.</summary>
    public Task<SweepResult> RunDueTimersAsync(CancellationToken ct = default) =>
        runtime.ExecuteAsync(CommandContext.System, async s =>
        {
            var fired = await s.DueTimers.FireDueTimersAsync(200);
            await s.FlushAsync(ct);
            return new SweepResult(0, fired);
        }, ct);

    public Task<SweepResult> SweepAsync(CancellationToken ct = default) =>
        runtime.ExecuteAsync(CommandContext.System, async s =>
        {
            var assigned = await s.Assignment.SweepAsync();
            await s.FlushAsync(ct);
            return new SweepResult(assigned, 0);
        }, ct);

    public Task<DateTime?> NextTimerDueAsync(CancellationToken ct = default) =>
        runtime.ReadAsync(db => db.Timers.OrderBy(t => t.DueAt).Select(t => (DateTime?)t.DueAt).FirstOrDefaultAsync(ct), ct);
}

public sealed record AgentQueueDto(string Agent, IReadOnlyList<WorkItemDto> Held, IReadOnlyList<WorkItemDto> Available);
