using Weft.AI.Contracts;
using Weft.Flow;
using Weft.Flow.Contracts;
using Weft.Support.Knowledge;

namespace Weft.Support.Answering;

/// <summary>
/// The support agents Weft ships, in the registry's tiers: the desk (Weft's own service agent: it routes every
/// conversation, reading intent, language, sentiment and priority, and delivers answers), a knowledge answerer and a
/// verifier (AI agents a tenant installs on its chat model), and the escalation to the people who hold
/// <c>support-lead</c>.
/// </summary>
internal sealed class StarterAgents(FlowEngines engines, IEnumerable<IAiAgentSetup> setups)
{
    public const string DeskDescription =
        "Routes every conversation: triage (intent from the tenant's classifier, language, sentiment, priority), the SLA's reply deadline and the AI policy; delivers AI answers and hands over to people with the reason.";

    public const string Answerer = "support-answerer";
    public const string Verifier = "support-verifier";

    public static readonly IReadOnlyList<StarterAiAgent> AiAgents =
    [
        new(Answerer, "Knowledge answerer", "Answers customers from the help center's articles with citations, a confidence and a summary for people; asks for a person when unsure.",
            AgentTiers.Essential, [new CapabilityDto(SupportFlow.Answering)], [HelpCenterPaths.KnowledgeBase]),
        new(Verifier, "Verifier", "Checks an AI draft against the knowledge before the customer sees it, and rejects it with the issues found.",
            AgentTiers.Operational, [new CapabilityDto(SupportFlow.Verifying)], [HelpCenterPaths.KnowledgeBase]),
    ];

    /// <summary>Installs the starter AI agents the tenant lacks, answering the keys it made.</summary>
    public async Task<IReadOnlyList<string>> InstallAsync(long tenant, string actor, CancellationToken ct)
    {
        var setup = setups.FirstOrDefault() ?? throw Platform.Errors.WeftException.Rule("ai_module_missing", "This installation runs without the AI module.");
        var made = new List<string>();
        foreach (var agent in AiAgents)
        {
            if (await setup.EnsureAsync(tenant, actor, agent, ct)) made.Add(agent.Key);
        }
        return made;
    }

    /// <summary>The registry's support agents as they stand: each starter with the agent that holds its capability, if any.</summary>
    public async Task<IReadOnlyList<StarterAgentState>> StateAsync(long tenant, CancellationToken ct)
    {
        var engine = engines.For(tenant);
        var agents = await Platform.Paging.AllPages.ReadAsync(cursor => engine.Agents.ListAgentsAsync(FlowEngine.MaxPageSize, cursor, ct));
        IReadOnlyList<string> Holding(string capability) =>
            [.. agents.Where(a => a.Capabilities.Any(c => string.Equals(c.Name, capability, StringComparison.OrdinalIgnoreCase))).Select(a => a.Name)];
        return
        [
            new("Router, sentiment", AgentTiers.Essential, DeskDescription, SupportFlow.Triaging, Holding(SupportFlow.Triaging), Installable: false),
            new("Knowledge answerer", AgentTiers.Essential, AiAgents[0].Description, SupportFlow.Answering, Holding(SupportFlow.Answering), Installable: true),
            new("Verifier", AgentTiers.Operational, AiAgents[1].Description, SupportFlow.Verifying, Holding(SupportFlow.Verifying), Installable: true),
            new("Summarizer", AgentTiers.Operational, "The knowledge answerer writes the summary people start from when it hands over.", SupportFlow.Answering,
                Holding(SupportFlow.Answering), Installable: false),
            new("Escalation", AgentTiers.Operational, "People with this capability take replies whose SLA deadline passed.", SupportFlow.Leads,
                Holding(SupportFlow.Leads), Installable: false),
        ];
    }
}

/// <summary>One role of the starter set: its tier, what it does, the capability that marks it, and who holds that capability now.</summary>
internal sealed record StarterAgentState(string Role, string Tier, string Description, string Capability, IReadOnlyList<string> HeldBy, bool Installable);
