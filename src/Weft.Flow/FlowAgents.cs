using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Weft.Flow.Contracts;
using Weft.Flow.Persistence;
using Weft.Flow.Runtime;
using Weft.Platform.Errors;
using Weft.Platform.Paging;

namespace Weft.Flow;

/// <summary>
/// A tenant's agents (people, AI agents, services): registering and changing them, reading them with their load and
/// queue, and automated agents' runs. Reached through <see cref="FlowEngine.Agents"/>.
/// </summary>
public sealed class FlowAgents
{
    private readonly TenantRuntime runtime;

    internal FlowAgents(TenantRuntime runtime) => this.runtime = runtime;

    private static readonly JsonSerializerOptions Json = FlowRuntime.Json;

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

    public const int MaxDescription = 500;

    private static void CheckRegistryFields(string? tier, string? description, FieldErrors errors)
    {
        if (tier is { Length: > 0 } && !AgentTiers.All.Contains(tier))
            errors["tier"] = [$"'tier' must be one of: {string.Join(", ", AgentTiers.All)}."];
        if (description is { Length: > MaxDescription }) errors["description"] = [$"'description' is at most {MaxDescription} characters."];
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Capability names compare without case; they are stored in lower case.</summary>
    private static List<CapabilityDto> Normalize(IReadOnlyList<CapabilityDto> caps) =>
        caps.Select(c => c with { Name = c.Name.Trim().ToLowerInvariant() }).ToList();

    /// <summary>
    /// Registers an agent (a person unless another kind is given, WIP limit 1 and available unless given); an
    /// available agent is offered ready work at once. Raises <c>validation_failed</c> or <c>agent_exists</c>.
    /// </summary>
    public Task<AgentDto> RegisterAgentAsync(CommandContext ctx, RegisterAgentRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        errors.RequireKey(request.Key, "key");
        CheckAgentFields(request.Name, request.Kind ?? "person", request.Capabilities, request.WipLimit, request.Status, errors, creating: true);
        CheckRegistryFields(request.Tier, request.Description, errors);
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
                Tier = Blank(request.Tier),
                Description = Blank(request.Description),
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

    /// <summary>
    /// Changes the given fields of an agent. An agent that stops being available has its unstarted work
    /// reassigned; one that becomes available is offered ready work. Raises <c>validation_failed</c>,
    /// <c>agent_not_found</c> or <c>stale_version</c>.
    /// </summary>
    public Task<AgentDto> UpdateAgentAsync(CommandContext ctx, string key, UpdateAgentRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        CheckAgentFields(request.Name, request.Kind, request.Capabilities, request.WipLimit, request.Status, errors, creating: false);
        CheckRegistryFields(request.Tier, request.Description, errors);
        if (request is { Name: null, Kind: null, Capabilities: null, WipLimit: null, Status: null, Tier: null, Description: null })
            errors["body"] = ["Give at least one of 'name', 'kind', 'capabilities', 'wipLimit', 'status', 'tier' or 'description'."];
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
            if (request.Tier is not null) agent.Tier = Blank(request.Tier);
            if (request.Description is not null) agent.Description = Blank(request.Description);
            agent.UpdatedAt = s.Now;
            s.Emit("agent_updated", data: new { agent = key, status = agent.Status, from = before });
            if (before == AgentStatuses.Available && agent.Status != AgentStatuses.Available) await s.Assignment.AgentWentAwayAsync(agent);
            if (agent.Status == AgentStatuses.Available) s.Assignment.AgentBecameAvailable(agent.Key);
            await s.FlushAsync(ct);
            return FlowMapping.ToDto(agent, await s.Loads.LoadOfAsync(agent.Key));
        }, ct);
    }

    /// <summary>
    /// The tenant's agents in id order, each with the number of work items it holds, a page at a time.
    /// Raises <c>invalid_limit</c> or <c>invalid_cursor</c>.
    /// </summary>
    public Task<Page<AgentDto>> ListAgentsAsync(int? limit, string? cursor, CancellationToken ct = default) => ListAgentsAsync(limit, cursor, null, ct);

    /// <summary>The tenant's agents of one tier (or all, given none). Raises <c>validation_failed</c> for an unknown tier.</summary>
    public Task<Page<AgentDto>> ListAgentsAsync(int? limit, string? cursor, string? tier, CancellationToken ct = default)
    {
        if (tier is not null && !AgentTiers.All.Contains(tier))
            throw FieldErrors.Of("tier", $"'tier' must be one of: {string.Join(", ", AgentTiers.All)}.");
        return runtime.ReadAsync(async db =>
        {
            var (take, after) = PageCursor.Parse(limit, cursor);
            var query = db.Agents.AsNoTracking().Where(a => a.Id > after);
            if (tier is not null) query = query.Where(a => a.Tier == tier);
            var rows = await query.OrderBy(a => a.Id).Take(take + 1).ToListAsync(ct);
            var keys = rows.Select(r => r.Key).ToList();
            var loads = await db.WorkItems.Where(w => w.AgentKey != null && keys.Contains(w.AgentKey) && WorkItemStates.Held.Contains(w.State))
                .GroupBy(w => w.AgentKey!).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
            return PageCursor.Of(rows, take, r => r.Id, r => FlowMapping.ToDto(r, loads.GetValueOrDefault(r.Key)));
        }, ct);
    }

    /// <summary>One agent with the number of work items it holds. Raises <c>agent_not_found</c>.</summary>
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
                    .Where(WorkRequirements.MetByQuery(names))
                    .OrderByDescending(w => w.Priority).ThenBy(w => w.DueAt == null).ThenBy(w => w.DueAt).ThenBy(w => w.ReadyAt).Take(200)
                    .ToListAsync(ct))
                .Where(w => Assignment.CanDo(a, w))
                .ToList();
            return new AgentQueueDto(key, held.Select(FlowMapping.ToDto).ToList(), available.Select(FlowMapping.ToDto).ToList());
        }, ct);

    /// <summary>Automated agents' runs since <paramref name="since"/>, per agent, read from the event log.</summary>
    public Task<IReadOnlyList<AgentExecutionsDto>> AgentExecutionsAsync(DateTime since, CancellationToken ct = default) =>
        runtime.ReadAsync<IReadOnlyList<AgentExecutionsDto>>(async db =>
        {
            var from = since.ToUniversalTime();
            var rows = await db.Events.AsNoTracking()
                .Where(e => e.At >= from && (e.Type == "automation_succeeded" || e.Type == "automation_attempt_failed"))
                .OrderBy(e => e.Id)
                .Select(e => new { e.Type, e.At, e.DataJson })
                .ToListAsync(ct);
            var runs = rows.Select(r => (r.Type, r.At, Data: r.DataJson is null ? new JsonObject() : JsonNode.Parse(r.DataJson) as JsonObject ?? []))
                .Where(r => r.Data["agent"] is JsonValue)
                .GroupBy(r => r.Data["agent"]!.GetValue<string>());
            return runs.Select(g =>
            {
                var seconds = g.Select(r => r.Data["seconds"] is JsonValue v && v.TryGetValue<double>(out var s) ? s : (double?)null).OfType<double>().ToList();
                var failures = g.Where(r => r.Type == "automation_attempt_failed").ToList();
                var last = failures.LastOrDefault();
                return new AgentExecutionsDto(g.Key, g.Count(r => r.Type == "automation_succeeded"), failures.Count,
                    seconds.Count == 0 ? null : Math.Round(seconds.Average(), 3), seconds.Count == 0 ? null : Math.Round(seconds.Max(), 3),
                    last.Data?["error"]?.GetValue<string>(), failures.Count == 0 ? null : last.At, g.Max(r => r.At));
            }).OrderBy(a => a.Agent, StringComparer.Ordinal).ToList();
        }, ct);
}
