using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Weft.Flow;
using Weft.Flow.Contracts;
using Weft.Platform.Errors;
using Weft.Support.Persistence;

namespace Weft.Support.Routing;

/// <summary>
/// A tenant's support teams and the routing rules that send an intent's conversations to one. Membership is the engine's:
/// a person is in a team when their agent holds <c>team:&lt;key&gt;</c>, so adding or removing one changes their agent's
/// capabilities through the engine's command, and the engine's assignment does the routing.
/// </summary>
internal sealed partial class Teams(SupportDb data, FlowEngines engines)
{
    public const int MaxTeams = 100;

    public async Task<IReadOnlyList<TeamDto>> ListAsync(long tenant, CancellationToken ct)
    {
        List<SupportTeamRecord> teams;
        List<SupportRoutingRuleRecord> rules;
        await using (var db = await data.OpenAsync(tenant, ct))
        {
            teams = await db.Teams.AsNoTracking().OrderBy(t => t.Key).ToListAsync(ct);
            rules = await db.RoutingRules.AsNoTracking().OrderBy(r => r.Intent).ToListAsync(ct);
        }
        var agents = await AgentsAsync(tenant, ct);
        return teams.Select(t => ToDto(t, agents, rules)).ToList();
    }

    public async Task<TeamDto> GetAsync(long tenant, string key, CancellationToken ct) =>
        (await ListAsync(tenant, ct)).FirstOrDefault(t => t.Key == key) ?? throw NotFound(key);

    public async Task<TeamDto> PutAsync(long tenant, string key, TeamRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        if (!TeamKey().IsMatch(key ?? "")) errors.Add("key", "A team's key is 1-40 lower-case letters, digits, '_' or '-', starting with a letter or digit (e.g. billing).");
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200) errors.Add("name", "'name' is required, at most 200 characters.");
        var description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim();
        if (description is { Length: > 1000 }) errors.Add("description", "'description' is at most 1,000 characters.");
        errors.ThrowIfAny();
        await data.ChangeAsync(tenant, async db =>
        {
            var team = await db.Teams.FirstOrDefaultAsync(t => t.Key == key, ct);
            if (team is null)
            {
                if (request.Version is not null and not 0)
                    throw WeftException.Conflict("stale_version", $"Team '{key}' was deleted meanwhile; reload the teams.");
                if (await db.Teams.CountAsync(ct) >= MaxTeams) throw WeftException.Rule("too_many_teams", $"A tenant has at most {MaxTeams} teams.");
                db.Teams.Add(team = new SupportTeamRecord { Key = key! });
            }
            else if (request.Version is { } version && version != team.Version)
                throw WeftException.Conflict("stale_version", $"Team '{key}' changed meanwhile (version {team.Version}); reload it.");
            team.Name = name!;
            team.Description = description;
            team.UpdatedAt = data.Now;
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);
        return await GetAsync(tenant, key!, ct);
    }

    /// <summary>Deletes a team nobody is in and no routing rule names (<c>team_in_use</c> otherwise).</summary>
    public async Task DeleteAsync(long tenant, string key, CancellationToken ct)
    {
        var team = await GetAsync(tenant, key, ct);
        if (team.Members.Count > 0 || team.Intents.Count > 0)
            throw WeftException.Conflict("team_in_use",
                $"Team '{key}' has {team.Members.Count} member(s) and {team.Intents.Count} routing rule(s); remove them first.");
        await data.ChangeAsync(tenant, async db =>
        {
            var record = await db.Teams.FirstOrDefaultAsync(t => t.Key == key, ct) ?? throw NotFound(key);
            db.Teams.Remove(record);
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);
    }

    /// <summary>Puts a person in the team: their agent gets the team's capability (a person already in it stays as they are).</summary>
    public Task<TeamDto> AddMemberAsync(long tenant, string actor, string key, string agent, CancellationToken ct) =>
        ChangeMemberAsync(tenant, actor, key, agent, add: true, ct);

    /// <summary>Takes a person out of the team: their agent loses the team's capability.</summary>
    public Task<TeamDto> RemoveMemberAsync(long tenant, string actor, string key, string agent, CancellationToken ct) =>
        ChangeMemberAsync(tenant, actor, key, agent, add: false, ct);

    private async Task<TeamDto> ChangeMemberAsync(long tenant, string actor, string key, string agent, bool add, CancellationToken ct)
    {
        await GetAsync(tenant, key, ct);
        var engine = engines.For(tenant);
        var who = await engine.Agents.GetAgentAsync(agent, ct);
        if (add && who.Kind != "person")
            throw WeftException.Rule("not_a_person", $"Agent '{agent}' is a {who.Kind}: teams are of people.");
        var capability = RoutingCapabilities.Team(key);
        var holds = who.Capabilities.Any(c => string.Equals(c.Name, capability, StringComparison.OrdinalIgnoreCase));
        if (holds != add)
        {
            var capabilities = add
                ? [.. who.Capabilities, new CapabilityDto(capability)]
                : who.Capabilities.Where(c => !string.Equals(c.Name, capability, StringComparison.OrdinalIgnoreCase)).ToList();
            await engine.Agents.UpdateAgentAsync(new CommandContext(actor), agent,
                new UpdateAgentRequest(null, null, capabilities, null, null, who.Version), ct);
        }
        return await GetAsync(tenant, key, ct);
    }

    public async Task<IReadOnlyList<RoutingRuleDto>> ListRulesAsync(long tenant, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        return (await db.RoutingRules.AsNoTracking().OrderBy(r => r.Intent).ToListAsync(ct)).Select(ToDto).ToList();
    }

    public async Task<RoutingRuleDto> PutRuleAsync(long tenant, string intent, RoutingRuleRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(intent) || intent.Length > 100) errors.Add("intent", "The intent is 1-100 characters ('*' for every other intent).");
        if (string.IsNullOrWhiteSpace(request.Team)) errors.Add("team", "'team' is required: the key of one of the tenant's teams.");
        errors.ThrowIfAny();
        return await data.ChangeAsync(tenant, async db =>
        {
            if (!await db.Teams.AnyAsync(t => t.Key == request.Team, ct))
                throw WeftException.Rule("team_unknown", $"There is no team '{request.Team}'.");
            var rule = await db.RoutingRules.FirstOrDefaultAsync(r => r.Intent == intent, ct);
            if (rule is null) db.RoutingRules.Add(rule = new SupportRoutingRuleRecord { Intent = intent });
            rule.Team = request.Team!;
            rule.UpdatedAt = data.Now;
            await db.SaveChangesAsync(ct);
            return ToDto(rule);
        }, ct);
    }

    public async Task DeleteRuleAsync(long tenant, string intent, CancellationToken ct) =>
        await data.ChangeAsync(tenant, async db =>
        {
            var rule = await db.RoutingRules.FirstOrDefaultAsync(r => r.Intent == intent, ct)
                ?? throw WeftException.NotFound("routing_rule_not_found", $"There is no routing rule for '{intent}'.");
            db.RoutingRules.Remove(rule);
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);

    /// <summary>The team an intent's conversations go to: its rule's, else the rule for every other intent's; null without either.</summary>
    public static async Task<string?> TeamForAsync(SupportDbContext db, string? intent, CancellationToken ct)
    {
        var rules = await db.RoutingRules.AsNoTracking()
            .Where(r => r.Intent == intent || r.Intent == RoutingCapabilities.AnyIntent).ToListAsync(ct);
        return (rules.FirstOrDefault(r => r.Intent == intent) ?? rules.FirstOrDefault())?.Team;
    }

    public static Task<bool> ExistsAsync(SupportDbContext db, string team, CancellationToken ct) => db.Teams.AnyAsync(t => t.Key == team, ct);

    /// <summary>The tenant's people (the engine's agents of kind person), who may be put in teams.</summary>
    public async Task<IReadOnlyList<AgentDto>> PeopleAsync(long tenant, CancellationToken ct) =>
        (await AgentsAsync(tenant, ct)).Where(a => a.Kind == "person").OrderBy(a => a.Name, StringComparer.CurrentCulture).ToList();

    private async Task<List<AgentDto>> AgentsAsync(long tenant, CancellationToken ct)
    {
        var all = new List<AgentDto>();
        string? cursor = null;
        do
        {
            var page = await engines.For(tenant).Agents.ListAgentsAsync(200, cursor, ct);
            all.AddRange(page.Items);
            cursor = page.NextCursor;
        } while (cursor is not null);
        return all;
    }

    private static TeamDto ToDto(SupportTeamRecord t, List<AgentDto> agents, List<SupportRoutingRuleRecord> rules)
    {
        var capability = RoutingCapabilities.Team(t.Key);
        var members = agents.Where(a => a.Capabilities.Any(c => string.Equals(c.Name, capability, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(a => a.Name, StringComparer.CurrentCulture)
            .Select(a => new TeamMemberDto(a.Key, a.Name, a.Status, a.Capabilities
                .Where(c => c.Name.StartsWith(RoutingCapabilities.LanguagePrefix, StringComparison.OrdinalIgnoreCase))
                .Select(c => c.Name[RoutingCapabilities.LanguagePrefix.Length..]).Order(StringComparer.Ordinal).ToList()))
            .ToList();
        return new TeamDto(t.Key, t.Name, t.Description, capability, members, rules.Where(r => r.Team == t.Key).Select(r => r.Intent).ToList(),
            t.UpdatedAt, t.Version);
    }

    private static RoutingRuleDto ToDto(SupportRoutingRuleRecord r) => new(r.Intent, r.Team, r.UpdatedAt);

    private static WeftException NotFound(string key) => WeftException.NotFound("team_not_found", $"There is no team '{key}'.");

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,39}$")]
    private static partial Regex TeamKey();
}
