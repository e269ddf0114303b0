using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Weft.Flow.Contracts;
using Weft.Flow.Persistence;

namespace Weft.Flow.Runtime;

/// <summary>
/// What an agent is able to do. The agent's JSON is what the API shows and what in-memory checks read
/// (a tracked agent holds it as the command left it); the rows in <c>flow_agent_capabilities</c> let a
/// query ask for capable agents. Both are written together, by <see cref="SetAsync"/>.
/// </summary>
internal static class AgentCapabilities
{
    public static IReadOnlyList<CapabilityDto> Of(AgentRecord agent)
    {
        // Agents are few and their capabilities rarely change, while commands read them all the time: each JSON is read once.
        var json = agent.CapabilitiesJson;
        if (Read.TryGetValue(json, out var known)) return known;
        CapabilityDto[] read = [.. JsonSerializer.Deserialize<List<CapabilityDto>>(json, FlowRuntime.Json) ?? []];
        if (Read.Count >= MaxRead) Read.Clear();
        Read[json] = read;
        return read;
    }

    private const int MaxRead = 4096;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, CapabilityDto[]> Read = new(StringComparer.Ordinal);

    public static bool Has(AgentRecord agent, string capability, int level) =>
        Of(agent).Any(c => string.Equals(c.Name, capability, StringComparison.OrdinalIgnoreCase) && c.Level >= level);

    /// <summary>Whether the agent has one of the <paramref name="needed"/> capabilities (name → lowest level asked) at its level.</summary>
    public static bool HasOneOf(AgentRecord agent, IReadOnlyDictionary<string, int> needed) =>
        Of(agent).Any(c => needed.TryGetValue(c.Name, out var level) && c.Level >= level);

    /// <summary>The lowest level asked for each capability by the given work, names compared without case.</summary>
    public static Dictionary<string, int> NeededBy(IEnumerable<WorkItemRecord> items)
    {
        var needed = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items)
            needed[item.Capability] = needed.TryGetValue(item.Capability, out var level) ? Math.Min(level, item.Level) : item.Level;
        return needed;
    }

    /// <summary>Capability rows that meet one of the <paramref name="needed"/> capabilities at its level (rows hold lower-case names).</summary>
    public static IQueryable<AgentCapabilityRecord> Meeting(FlowDbContext db, IReadOnlyDictionary<string, int> needed)
    {
        var names = needed.Keys.Select(n => n.ToLowerInvariant()).Distinct().ToList();
        Expression<Func<AgentCapabilityRecord, bool>>? any = null;
        foreach (var (name, level) in needed) any = any is null ? AtLeast(name, level) : Or(any, AtLeast(name, level));
        return db.AgentCapabilities.Where(c => names.Contains(c.Name)).Where(any ?? (c => false));
    }

    // A closure, so that the name and level become parameters of the statement rather than text in it.
    private static Expression<Func<AgentCapabilityRecord, bool>> AtLeast(string name, int level)
    {
        var lower = name.ToLowerInvariant();
        return c => c.Name == lower && c.Level >= level;
    }

    public static Expression<Func<T, bool>> Or<T>(Expression<Func<T, bool>> left, Expression<Func<T, bool>> right) =>
        Expression.Lambda<Func<T, bool>>(
            Expression.OrElse(left.Body, new Substitution(right.Parameters[0], left.Parameters[0]).Visit(right.Body)), left.Parameters);

    private sealed class Substitution(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }

    /// <summary>
    /// Gives the agent these capabilities: its JSON and its rows change together, saved with the command.
    /// The names are stored as given in the JSON and in lower case in the rows.
    /// </summary>
    public static async Task SetAsync(FlowDbContext db, AgentRecord agent, IReadOnlyList<CapabilityDto> capabilities, CancellationToken ct)
    {
        agent.CapabilitiesJson = JsonSerializer.Serialize(capabilities, FlowRuntime.Json);
        var wanted = capabilities.GroupBy(c => c.Name.ToLowerInvariant())
            .ToDictionary(g => g.Key, g => g.Max(c => c.Level), StringComparer.Ordinal);
        var rows = db.Entry(agent).State == EntityState.Added ? [] : await db.AgentCapabilities.Where(c => c.AgentId == agent.Id).ToListAsync(ct);
        rows.AddRange(db.ChangeTracker.Entries<AgentCapabilityRecord>()
            .Where(e => e.State == EntityState.Added && (e.Entity.Agent == agent || (agent.Id != 0 && e.Entity.AgentId == agent.Id)) && !rows.Contains(e.Entity))
            .Select(e => e.Entity));
        foreach (var row in rows.Where(r => db.Entry(r).State != EntityState.Deleted))
        {
            if (wanted.Remove(row.Name, out var level)) row.Level = level;
            else db.AgentCapabilities.Remove(row);
        }
        foreach (var (name, level) in wanted)
            db.AgentCapabilities.Add(new AgentCapabilityRecord { Agent = agent, AgentId = agent.Id, Name = name, Level = level });
    }
}
