using Microsoft.EntityFrameworkCore;
using Weft.AI.Models;
using Weft.AI.Persistence;
using Weft.Flow;
using Weft.Flow.Contracts;
using Weft.Platform.Audit;
using Weft.Platform.Errors;
using Weft.Platform.Paging;

namespace Weft.AI.Agents;

/// <summary>
/// An admin makes a Flow agent of kind <c>ai</c> an AI agent by giving it a model chain and limits. The agent itself
/// (name, capabilities, WIP limit, status) stays in the engine's registry, shared with people.
/// </summary>
internal sealed class AgentProfiles(AiDb data, FlowEngines engines, ModelCatalogue catalogue)
{
    public async Task<AgentProfileDto> CreateAsync(long tenant, string actor, CreateAgentProfileRequest request, CancellationToken ct = default)
    {
        if (request.NewAgent is { } newAgent && request.Agent is null) return await CreateWithAgentAsync(tenant, actor, newAgent, request, ct);
        var errors = ProfileErrors(request);
        errors.RequireKey(request.Agent, "agent");
        if (request.NewAgent is not null) errors.Add("newAgent", "Give 'agent' (an agent of kind ai) or 'newAgent', not both.");
        errors.ThrowIfAny();
        var agent = await engines.For(tenant).Agents.GetAgentAsync(request.Agent!, ct);
        AgentProfileRules.CheckAgent(agent);
        await catalogue.EnsureSeededAsync(tenant, ct);
        return await data.ChangeAsync(tenant, db => AddAsync(db, actor, agent, request, ct), ct);
    }

    /// <summary>
    /// Registers the agent and adds its profile in one unit of work. The engine cannot remove an agent, so one registered
    /// ahead of a refused profile would stay behind as an AI agent without a model chain; joined, a refusal of either rolls
    /// both back. The engine checks its fields inside the unit, so they are reported with the profile's, all at once (a
    /// bad request is rolled back, never committed).
    /// </summary>
    private async Task<AgentProfileDto> CreateWithAgentAsync(long tenant, string actor, NewAiAgentRequest newAgent, CreateAgentProfileRequest request,
        CancellationToken ct)
    {
        await catalogue.EnsureSeededAsync(tenant, ct);
        return await data.ChangeAsync(tenant, async (db, unit) =>
        {
            var errors = ProfileErrors(request);
            AgentDto? agent = null;
            try
            {
                agent = await engines.For(tenant).Agents.RegisterAgentAsync(new CommandContext(actor) { Unit = unit },
                    new RegisterAgentRequest(newAgent.Key, newAgent.Name, AgentProfileRules.AiKind, newAgent.Capabilities ?? [], newAgent.WipLimit, null,
                        newAgent.Tier, newAgent.Description), ct);
            }
            catch (WeftException e) when (e.Details is IReadOnlyDictionary<string, string[]> fields)
            {
                // The engine names its own fields; here they are the new agent's.
                foreach (var (field, messages) in fields) errors["newAgent." + field] = messages;
            }
            errors.ThrowIfAny();
            return await AddAsync(db, actor, agent!, request, ct);
        }, ct);
    }

    private static FieldErrors ProfileErrors(CreateAgentProfileRequest request)
    {
        var errors = new FieldErrors();
        AgentProfileRules.CheckFields(errors, request.Description, request.Models, request.Temperature, request.MaxOutputTokens, creating: true);
        AgentProfileRules.CheckBudgets(errors, request.BudgetPerRun, request.BudgetPerDay);
        AgentProfileRules.CheckKnowledgeFields(errors, request.Knowledge, request.MaxToolRounds);
        return errors;
    }

    private async Task<AgentProfileDto> AddAsync(AiDbContext db, string actor, AgentDto agent, CreateAgentProfileRequest request, CancellationToken ct)
    {
        await CheckChainAsync(db, request.Models!, ct);
        if (request.Knowledge is not null) await CheckKnowledgeAsync(db, request.Knowledge, ct);
        if (await db.Agents.AnyAsync(a => a.AgentKey == agent.Key, ct))
            throw WeftException.Conflict("ai_agent_exists", $"Agent '{agent.Key}' already has an AI profile.");
        var profile = new AgentProfileRecord
        {
            AgentKey = agent.Key,
            Description = request.Description?.Trim() ?? "",
            ModelChainJson = AgentProfileRules.ChainJson(request.Models!),
            Temperature = request.Temperature,
            MaxOutputTokens = request.MaxOutputTokens,
            BudgetPerRun = request.BudgetPerRun,
            BudgetPerDay = request.BudgetPerDay,
            KnowledgeJson = AgentProfileRules.KeysJson(request.Knowledge ?? []),
            MaxToolRounds = request.MaxToolRounds ?? 3,
            CreatedAt = data.Now,
            UpdatedAt = data.Now,
        };
        db.Agents.Add(profile);
        Audit(db, "ai_agent_created", actor, profile);
        await db.SaveChangesAsync(ct);
        return profile.ToDto(agent);
    }

    public async Task<AgentProfileDto> UpdateAsync(long tenant, string actor, string key, UpdateAgentProfileRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        AgentProfileRules.CheckFields(errors, request.Description, request.Models, request.Temperature, request.MaxOutputTokens, creating: false);
        AgentProfileRules.CheckBudgets(errors, request.BudgetPerRun, request.BudgetPerDay);
        AgentProfileRules.CheckKnowledgeFields(errors, request.Knowledge, request.MaxToolRounds);
        errors.ThrowIfAny();
        var agent = await engines.For(tenant).Agents.GetAgentAsync(key, ct);
        await catalogue.EnsureSeededAsync(tenant, ct);
        return await data.ChangeAsync(tenant, async db =>
        {
            var profile = await db.Agents.FirstOrDefaultAsync(a => a.AgentKey == key, ct) ?? throw AgentProfileRules.NotFound(key);
            if (request.Version is { } v && v != profile.Version)
                throw WeftException.Conflict("stale_version", $"The AI profile of '{key}' is at version {profile.Version}, not {v}.");
            if (request.Models is not null)
            {
                await CheckChainAsync(db, request.Models, ct);
                profile.ModelChainJson = AgentProfileRules.ChainJson(request.Models);
            }
            if (request.Knowledge is not null)
            {
                await CheckKnowledgeAsync(db, request.Knowledge, ct);
                profile.KnowledgeJson = AgentProfileRules.KeysJson(request.Knowledge);
            }
            if (request.MaxToolRounds is { } rounds) profile.MaxToolRounds = rounds;
            if (request.Description is not null) profile.Description = request.Description.Trim();
            if (request.Temperature is { } temperature) profile.Temperature = temperature;
            if (request.MaxOutputTokens is { } max) profile.MaxOutputTokens = max;
            if (request.BudgetPerRun is { } perRun) profile.BudgetPerRun = perRun;
            if (request.BudgetPerDay is { } perDay) profile.BudgetPerDay = perDay;
            profile.UpdatedAt = data.Now;
            Audit(db, "ai_agent_updated", actor, profile);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            return profile.ToDto(agent);
        }, ct);
    }

    public async Task<AgentProfileDto> GetAsync(long tenant, string key, CancellationToken ct = default)
    {
        var agent = await engines.For(tenant).Agents.GetAgentAsync(key, ct);
        await using var db = await data.OpenAsync(tenant, ct);
        var profile = await db.Agents.AsNoTracking().FirstOrDefaultAsync(a => a.AgentKey == key, ct) ?? throw AgentProfileRules.NotFound(key);
        return profile.ToDto(agent);
    }

    public async Task<Page<AgentProfileDto>> ListAsync(long tenant, int? limit, string? cursor, CancellationToken ct = default)
    {
        var (take, after) = PageCursor.Parse(limit, cursor);
        List<AgentProfileRecord> rows;
        await using (var db = await data.OpenAsync(tenant, ct))
            rows = await db.Agents.AsNoTracking().Where(a => a.Id > after).OrderBy(a => a.Id).Take(take + 1).ToListAsync(ct);
        var agents = new Dictionary<string, AgentDto>(StringComparer.Ordinal);
        foreach (var row in rows) agents[row.AgentKey] = await engines.For(tenant).Agents.GetAgentAsync(row.AgentKey, ct);
        return PageCursor.Of(rows, take, a => a.Id, a => a.ToDto(agents[a.AgentKey]));
    }

    private static async Task CheckChainAsync(AiDbContext db, IReadOnlyList<string> chain, CancellationToken ct)
    {
        var models = await db.Models.AsNoTracking().Where(m => chain.Contains(m.Key)).ToDictionaryAsync(m => m.Key, StringComparer.Ordinal, ct);
        var errors = new FieldErrors();
        AgentProfileRules.CheckChain(errors, chain, models);
        errors.ThrowIfAny();
    }

    private static async Task CheckKnowledgeAsync(AiDbContext db, IReadOnlyList<string> keys, CancellationToken ct)
    {
        var known = await db.KnowledgeBases.AsNoTracking().Where(b => keys.Contains(b.Key)).Select(b => b.Key).ToListAsync(ct);
        var errors = new FieldErrors();
        foreach (var key in keys.Where(k => !known.Contains(k))) errors.Add("knowledge", $"There is no knowledge base '{key}'.");
        errors.ThrowIfAny();
    }

    private void Audit(AiDbContext db, string type, string actor, AgentProfileRecord profile) =>
        db.Publish(new AuditRecorded(type, data.Now, actor, AuditRecorded.DataOf(new
        {
            agent = profile.AgentKey,
            models = AgentProfileRules.ChainOf(profile),
            temperature = profile.Temperature,
            maxOutputTokens = profile.MaxOutputTokens,
            budgetPerRun = profile.BudgetPerRun,
            budgetPerDay = profile.BudgetPerDay,
            knowledge = AgentProfileRules.KnowledgeOf(profile),
            maxToolRounds = profile.MaxToolRounds,
        })), AuditRecorded.Stream);
}
