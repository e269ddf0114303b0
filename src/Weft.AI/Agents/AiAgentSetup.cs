using Microsoft.EntityFrameworkCore;
using Weft.AI.Contracts;
using Weft.AI.Models;
using Weft.Platform.Errors;

namespace Weft.AI.Agents;

/// <summary>Makes a module's starter AI agent through the same creation as an admin's, on the first chat model that can run.</summary>
internal sealed class AiAgentSetup(AiDb data, AgentProfiles profiles, ModelCatalogue catalogue) : IAiAgentSetup
{
    public async Task<bool> EnsureAsync(long tenant, string actor, StarterAiAgent agent, CancellationToken ct = default)
    {
        await catalogue.EnsureSeededAsync(tenant, ct);
        string? model;
        List<string> knowledge;
        await using (var db = await data.OpenAsync(tenant, ct))
        {
            if (await db.Agents.AnyAsync(a => a.AgentKey == agent.Key, ct)) return false;
            var providers = await db.Providers.AsNoTracking().Select(p => new { p.Key, p.Kind }).ToListAsync(ct);
            var chat = await db.Models.AsNoTracking().Where(m => m.Purpose == ModelPurposes.Chat).OrderBy(m => m.Id).ToListAsync(ct);
            model = chat.FirstOrDefault(m => m.Provider is { } named ? providers.Any(p => p.Key == named) : providers.Any(p => p.Kind == m.Kind))?.Key;
            knowledge = await db.KnowledgeBases.AsNoTracking().Where(b => agent.Knowledge.Contains(b.Key)).Select(b => b.Key).ToListAsync(ct);
        }
        if (model is null)
            throw WeftException.Rule("no_chat_model", "Starter AI agents need a chat model with a provider: connect a model provider and add a chat model first.");
        await profiles.CreateAsync(tenant, actor, new CreateAgentProfileRequest(null, agent.Description, [model], null, null,
            NewAgent: new NewAiAgentRequest(agent.Key, agent.Name, agent.Capabilities, agent.WipLimit, agent.Tier, agent.Description),
            Knowledge: knowledge, MaxToolRounds: 0), ct);
        return true;
    }
}
