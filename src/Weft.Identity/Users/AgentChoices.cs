using Weft.Flow;
using Weft.Flow.Contracts;

namespace Weft.Identity.Users;

/// <summary>The agents a person can be linked to: the tenant's person agents no other user acts as.</summary>
internal sealed class AgentChoices(FlowEngines engines, UserQueries users)
{
    public async Task<IReadOnlyList<AgentDto>> UnlinkedAsync(long tenant, string? keep, CancellationToken ct = default)
    {
        var agents = new List<AgentDto>();
        string? cursor = null;
        do
        {
            var page = await engines.For(tenant).Agents.ListAgentsAsync(500, cursor, ct);
            agents.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        var linked = new HashSet<string>(StringComparer.Ordinal);
        cursor = null;
        do
        {
            var page = await users.ListAsync(tenant, 500, cursor, ct);
            linked.UnionWith(page.Items.Select(u => u.Agent).OfType<string>());
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return agents.Where(a => a.Kind == "person" && (!linked.Contains(a.Key) || a.Key == keep)).OrderBy(a => a.Name, StringComparer.CurrentCulture).ToList();
    }
}
