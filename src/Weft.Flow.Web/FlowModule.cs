using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Weft.Flow.Automation;
using Weft.Flow.Web.Api;
using Weft.Flow.Web.Automation;
using Weft.Flow.Definitions;
using Weft.Flow.Web.Demo;
using Weft.Flow.Web.Design;
using Weft.Flow.Web.Home;
using Weft.Flow.Web.Runtime;
using Weft.Platform.Persistence;
using Weft.Platform.Web.Modules;
using Weft.Platform.Web.Security;
using Weft.Platform.Web.Ui;

namespace Weft.Flow.Web;

/// <summary>
/// The engine as a module of the app: its API (graphs, jobs, tokens, work items, agents, inbox), its
/// pages (My work, the manager inbox, jobs) and home figures, its permissions, the timers and sweeps
/// that run in the background, and the demo atelier.
/// </summary>
public sealed class FlowModule : WeftModule
{
    public override string Name => "Work";

    public override IReadOnlyList<ModuleStore> Stores => [FlowStore.Tables];

    public override IReadOnlyList<PermissionDefinition> Permissions =>
    [
        new(FlowPermissions.Read, "Read graphs, jobs, tokens, work items, agents, the inbox and statistics.", Roles.Viewer),
        new(FlowPermissions.Work, "Claim, start, pause, resume, complete, hand off and requeue work items as one's own agent.", Roles.Operator),
        new(FlowPermissions.Manage, "Edit and publish graphs, start jobs, cancel tokens, manage agents, resolve the inbox.", Roles.Manager),
    ];

    public override IReadOnlyList<ScopeDefinition> Scopes =>
    [
        new("flow:read", "Read the engine's state.", [FlowPermissions.Read]),
        new("flow:write", "Read, work items and manage the engine.", [FlowPermissions.Read, FlowPermissions.Work, FlowPermissions.Manage]),
    ];

    public override Assembly? Pages => typeof(FlowModule).Assembly;

    public override IReadOnlyList<string> Telemetry => [FlowTelemetry.Name];

    public override IReadOnlyList<NavEntry> Navigation =>
    [
        new("My work", "/work", MudBlazor.Icons.Material.Filled.Assignment, FlowPermissions.Work, Order: 10),
        new("Inbox", "/inbox", MudBlazor.Icons.Material.Filled.Inbox, FlowPermissions.Manage, Order: 20),
        new("Jobs", "/jobs", MudBlazor.Icons.Material.Filled.ListAlt, FlowPermissions.Read, Order: 30),
        new("Agents", "/agents", MudBlazor.Icons.Material.Filled.SmartToy, FlowPermissions.Read, Order: 40),
        new("Routings", "/routings", MudBlazor.Icons.Material.Filled.AccountTree, FlowPermissions.Read, Order: 50),
        new("Run", "/control/run", MudBlazor.Icons.Material.Filled.ViewKanban, FlowPermissions.Read, Order: 10, Group: NavGroups.ControlCenter),
        new("Inspect", "/control/inspect", MudBlazor.Icons.Material.Filled.Insights, FlowPermissions.Read, Order: 20, Group: NavGroups.ControlCenter),
    ];

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddWeftFlow();
        services.AddSingleton<INodePresetSource, BasicPresets>();
        // The engine of the caller's tenant; endpoints behind authorization always have one.
        services.AddScoped(sp => sp.GetRequiredService<FlowEngines>().For(
            sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User.TenantOf()
            ?? throw new InvalidOperationException("No tenant: the engine is only available to authenticated requests.")));
        services.AddSingleton<IGaugeSource, FlowGauges>();
        services.AddSingleton<IHomeFigures, FlowHomeFigures>();
        services.AddAgentHandler<NoopHandler>(capability: NoopHandler.Capability);
        services.AddAgentHandler<DelayHandler>(capability: DelayHandler.Capability);
        // The lease is how long a host that died keeps its automated work from the others.
        var lease = TimeSpan.FromSeconds(configuration.GetValue("Weft:Automation:LeaseSeconds", 120.0));
        services.Replace(ServiceDescriptor.Singleton(sp => new AutomationRunner(sp.GetRequiredService<FlowEngines>(),
            sp.GetRequiredService<AgentHandlerRegistry>(), sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<ILogger<AutomationRunner>>(),
            sp.GetService<System.Diagnostics.Metrics.IMeterFactory>())
        {
            Lease = lease,
        }));
        if (configuration.GetValue("Weft:Runtime:Enabled", true))
        {
            services.AddHostedService<FlowTimerService>();
            services.AddHostedService<AutomationService>();
        }
    }

    public override void MapEndpoints(IEndpointRouteBuilder app) => app.MapWeftFlow();

    public override Task SeedDemoAsync(IServiceProvider services, long tenant, CancellationToken ct) =>
        DemoData.SeedAsync(services.GetRequiredService<FlowEngines>().For(tenant), services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILoggerFactory>().CreateLogger<FlowModule>());
}
