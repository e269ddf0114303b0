using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Platform.Persistence;
using Weft.Platform.Web.Modules;
using Weft.Platform.Web.Security;
using Weft.Production.Certificates;
using Weft.Production.Demo;
using Weft.Production.Orders;
using Weft.Production.Persistence;
using Weft.Production.Planning;
using Weft.Production.Products;
using Weft.Production.Routings;

namespace Weft.Production;

/// <summary>
/// Production on the engine: products and their routings, OEM manufacturing orders (made in batches or piece by
/// piece), atelier jobs (craft pieces, each made by one hand), and hybrid pairs of the two.
/// </summary>
public sealed class ProductionModule : WeftModule
{
    public override string Name => "Production";

    public override IReadOnlyList<ModuleStore> Stores => [ProductionDbContext.Tables];

    public override IReadOnlyList<PermissionDefinition> Permissions =>
    [
        new(ProductionPermissions.Read, "Read products, manufacturing orders, atelier jobs and the plan.", Roles.Viewer),
        new(ProductionPermissions.Manage, "Create and change products; create, release and cancel manufacturing orders and atelier jobs.", Roles.Manager),
    ];

    public override IReadOnlyList<ScopeDefinition> Scopes =>
    [
        new("production:read", "Read production.", [ProductionPermissions.Read]),
        new("production:write", "Read and manage production.", [ProductionPermissions.Read, ProductionPermissions.Manage]),
    ];

    public override System.Reflection.Assembly? Pages => typeof(ProductionModule).Assembly;

    public override IReadOnlyList<NavEntry> Navigation =>
    [
        new("Manufacturing orders", "/production/orders", MudBlazor.Icons.Material.Filled.Factory, ProductionPermissions.Read, Order: 10),
        new("Atelier jobs", "/production/atelier-jobs", MudBlazor.Icons.Material.Filled.ContentCut, ProductionPermissions.Read, Order: 20),
        new("Products", "/production/products", MudBlazor.Icons.Material.Filled.Inventory2, ProductionPermissions.Read, Order: 30),
        new("Plan", "/production/plan", MudBlazor.Icons.Material.Filled.CalendarMonth, ProductionPermissions.Read, Order: 30, Group: NavGroups.ControlCenter),
    ];

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ProductionDb>();
        services.AddSingleton<ProductCatalog>();
        services.AddSingleton<OrderQueries>();
        services.AddSingleton<ProductionOrders>();
        services.AddIntegrationEventHandler<JobEnded, JobEndedHandler>();
        services.AddSingleton<ProductionDemo>();
        services.AddSingleton<CertificateKeys>();
        services.AddSingleton<PieceStoryReader>();
        services.AddSingleton<PieceCertificates>();
        services.AddSingleton<ShiftCalendars>();
        services.AddSingleton<IAgentScheduleSource, ShiftCalendarSchedules>();
        services.AddSingleton<ProductionPlan>();
        services.AddSingleton<INodePresetSource, WorkshopPresets>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapProducts();
        app.MapOrders();
        app.MapCertificates();
        app.MapPlanning();
    }

    public override Task SeedDemoAsync(IServiceProvider services, long tenant, CancellationToken ct) =>
        services.GetRequiredService<ProductionDemo>().SeedAsync(tenant, ct);
}
