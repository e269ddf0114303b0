using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Weft.AI.Agents;
using Weft.AI.Costs;
using Weft.AI.FlowWork;
using Weft.AI.Knowledge;
using Weft.AI.Models;
using Weft.AI.OpenAICompatible;
using Weft.AI.Persistence;
using Weft.AI.Personas;
using Weft.AI.Patterns;
using Weft.AI.Providers;
using Weft.AI.Runs;
using Weft.Flow.Automation;
using Weft.Platform.Persistence;
using Weft.Platform.Web.Modules;
using Weft.Platform.Web.Security;

namespace Weft.AI;

/// <summary>
/// AI agents: model providers with failover, a model catalogue with prices, personas, knowledge, runs and their costs,
/// and AI agents doing flow work through the engine's automated agents.
/// </summary>
public sealed class AiModule : WeftModule
{
    public override string Name => "AI";

    public override IReadOnlyList<ModuleStore> Stores => [AiDbContext.Tables];

    public override IReadOnlyList<PermissionDefinition> Permissions =>
    [
        new(AiPermissions.Read, "See AI agents, providers, models, runs and costs.", Roles.Viewer),
        new(AiPermissions.Run, "Run AI agents.", Roles.Operator),
        new(AiPermissions.Manage, "Configure AI providers, models and agents.", Roles.Admin),
    ];

    public override IReadOnlyList<ScopeDefinition> Scopes =>
    [
        new("ai:read", "Read AI agents, providers, models, runs and costs.", [AiPermissions.Read]),
        new("ai:run", "Read AI agents and run them.", [AiPermissions.Read, AiPermissions.Run]),
        new("ai:write", "Read, run and configure AI providers, models and agents.", [AiPermissions.Read, AiPermissions.Run, AiPermissions.Manage]),
    ];

    public override IReadOnlyList<string> Telemetry => [AiTelemetry.Name];

    public override System.Reflection.Assembly? Pages => typeof(AiModule).Assembly;

    public override IReadOnlyList<NavEntry> Navigation =>
    [
        new("AI agents", "/ai/agents", MudBlazor.Icons.Material.Filled.SmartToy, AiPermissions.Read, Order: 5),
        new("AI providers", "/ai/providers", MudBlazor.Icons.Material.Filled.Hub, AiPermissions.Read, Order: 10),
        new("AI models", "/ai/models", MudBlazor.Icons.Material.Filled.Psychology, AiPermissions.Read, Order: 20),
        new("AI knowledge", "/ai/knowledge", MudBlazor.Icons.Material.Filled.MenuBook, AiPermissions.Read, Order: 30),
        new("AI console", "/ai/console", MudBlazor.Icons.Material.Filled.QuestionAnswer, AiPermissions.Run, Order: 40),
        new("AI runs", "/ai/runs", MudBlazor.Icons.Material.Filled.History, AiPermissions.Read, Order: 50),
        new("AI costs", "/ai/costs", MudBlazor.Icons.Material.Filled.Paid, AiPermissions.Read, Order: 60),
    ];

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<AiDb>();
        services.AddSingleton<ProviderSecrets>();
        services.AddSingleton<ProviderDirectory>();
        services.AddSingleton<ModelCatalogue>();
        services.AddSingleton<ProviderCircuits>();
        services.AddSingleton<ModelChain>();
        services.AddSingleton<ModelLinks>();
        services.AddSingleton<AgentProfiles>();
        services.AddSingleton<Contracts.IAiAgentSetup, AiAgentSetup>();
        services.AddSingleton<AgentRuns>();
        services.AddSingleton<InterruptedRuns>();
        if (configuration.GetValue("Weft:Runtime:Enabled", true)) services.AddHostedService(sp => sp.GetRequiredService<InterruptedRuns>());
        services.AddSingleton<Threads>();
        services.AddSingleton<PersonaVersions>();
        services.AddSingleton<CostReports>();
        services.AddSingleton<KnowledgeSearch>();
        services.AddSingleton<KnowledgeBases>();
        services.AddSingleton<KnowledgeDocuments>();
        services.AddSingleton<Contracts.IKnowledgeFeed, KnowledgeFeed>();
        services.AddSingleton<Patterns.Patterns>();
        services.AddAgentKindHandler<AiWorkHandler>(AgentProfileRules.AiKind);
        services.AddHttpClient(ModelChain.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
    }

    public override void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapProviders();
        app.MapModels();
        app.MapAgentProfiles();
        app.MapRuns();
        app.MapPersonas();
        app.MapOpenAICompatible();
        app.MapCosts();
        app.MapKnowledge();
        app.MapPatterns();
    }
}
