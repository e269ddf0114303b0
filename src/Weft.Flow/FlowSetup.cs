using System.Text.Json;
using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Platform.Errors;

namespace Weft.Flow;

/// <summary>
/// What a module that runs its own flows makes sure of before starting one: its graph exists and its latest version is
/// the definition the module's code holds now (a changed definition is published as the next version; running jobs stay
/// on theirs), and its software agent is registered. Safe when two requests or hosts do it at once.
/// </summary>
public static class FlowSetup
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Creates or updates the graph so that its latest published version is <paramref name="definition"/>; returns that version's number.</summary>
    public static async Task<int> EnsureGraphAsync(FlowEngine engine, CommandContext ctx, string key, string name, GraphDefinition definition,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(engine);
        GraphDetail graph;
        try
        {
            graph = await engine.Graphs.GetGraphAsync(key, ct);
        }
        catch (WeftException e) when (e.Code == "graph_not_found")
        {
            try
            {
                graph = await engine.Graphs.CreateGraphAsync(ctx, new CreateGraphRequest(key, name, definition), ct);
            }
            catch (WeftException race) when (race.Code == "graph_exists")
            {
                graph = await engine.Graphs.GetGraphAsync(key, ct);
            }
        }
        if (graph.LatestVersion > 0)
        {
            var latest = await engine.Graphs.GetVersionAsync(key, graph.LatestVersion, ct);
            if (Same(latest.Definition, definition)) return latest.Number;
        }
        try
        {
            if (!Same(graph.Draft, definition))
                graph = await engine.Graphs.SaveDraftAsync(ctx, key,
                    new SaveDraftRequest(name, definition.Nodes, definition.Edges, graph.DraftRevision, definition.Fields), ct);
            return (await engine.Graphs.PublishAsync(ctx, key, new PublishRequest(graph.DraftRevision), ct)).Number;
        }
        catch (WeftException race) when (race.Code == "stale_version")
        {
            // Another request published meanwhile; what it published is what this code holds.
            return (await engine.Graphs.GetGraphAsync(key, ct)).LatestVersion;
        }
    }

    /// <summary>Registers the agent unless it exists (an existing one is left as it is: people may have changed it).</summary>
    public static async Task EnsureAgentAsync(FlowEngine engine, CommandContext ctx, RegisterAgentRequest agent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(agent);
        try
        {
            var existing = await engine.Agents.GetAgentAsync(agent.Key!, ct);
            // An agent made before the registry had tiers gets its module's tier and description once; later edits stay.
            if ((agent.Tier is not null && existing.Tier is null) || (agent.Description is not null && existing.Description is null))
            {
                try
                {
                    await engine.Agents.UpdateAgentAsync(ctx, agent.Key!, new UpdateAgentRequest(null, null, null, null, null, existing.Version,
                        existing.Tier ?? agent.Tier, existing.Description ?? agent.Description), ct);
                }
                catch (WeftException race) when (race.Code == "stale_version")
                {
                    // Another host filled them in, or someone edited the agent meanwhile: theirs stands.
                }
            }
        }
        catch (WeftException e) when (e.Code == "agent_not_found")
        {
            try
            {
                await engine.Agents.RegisterAgentAsync(ctx, agent, ct);
            }
            catch (WeftException race) when (race.Code == "agent_exists")
            {
            }
        }
    }

    private static bool Same(GraphDefinition a, GraphDefinition b) =>
        JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json);
}
