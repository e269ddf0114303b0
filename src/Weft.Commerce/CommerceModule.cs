using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Weft.Commerce.Catalog;
using Weft.Commerce.Persistence;
using Weft.Commerce.Inbound;
using Weft.Commerce.Purchasing;
using Weft.Flow.Automation;
using Weft.Commerce.Stock;
using Weft.Platform.Persistence;
using Weft.Platform.Web.Modules;
using Weft.Platform.Web.Security;

namespace Weft.Commerce;

/// <summary>
/// The e-commerce back office. Its first part: the catalog (products, variants, units, barcodes), warehouses with their
/// location trees, and the stock ledger, whose moves are the only way stock changes.
/// </summary>
public sealed class CommerceModule : WeftModule
{
    public override string Name => "Commerce";

    public override IReadOnlyList<ModuleStore> Stores => [CommerceDbContext.Tables];

    public override IReadOnlyList<PermissionDefinition> Permissions =>
    [
        new(CommercePermissions.Read, "See the catalog, warehouses, stock and its moves.", Roles.Viewer),
        new(CommercePermissions.Move, "Move stock: receive, transfer, pick, return, adjust, scrap.", Roles.Operator),
        new(CommercePermissions.Manage, "Keep the catalog and the warehouses' locations.", Roles.Manager),
        new(CommercePermissions.Purchase, "Buy: suppliers, replenishment rules and suggestions, purchase orders.", Roles.Manager),
    ];

    public override IReadOnlyList<ScopeDefinition> Scopes =>
    [
        new("commerce:read", "Read the catalog, warehouses, stock and moves.", [CommercePermissions.Read]),
        new("commerce:write", "Read, move stock, and keep the catalog and locations.", [CommercePermissions.Read, CommercePermissions.Move, CommercePermissions.Manage,
            CommercePermissions.Purchase]),
    ];

    public override System.Reflection.Assembly? Pages => typeof(CommerceModule).Assembly;

    public override IReadOnlyList<NavEntry> Navigation =>
    [
        new("Catalog", "/commerce/products", MudBlazor.Icons.Material.Filled.Category, CommercePermissions.Read, Order: 10),
        new("Warehouses", "/commerce/warehouses", MudBlazor.Icons.Material.Filled.Warehouse, CommercePermissions.Read, Order: 20),
        new("Stock moves", "/commerce/moves", MudBlazor.Icons.Material.Filled.SwapHoriz, CommercePermissions.Read, Order: 30),
        new("Stock counts", "/commerce/counts", MudBlazor.Icons.Material.Filled.FactCheck, CommercePermissions.Read, Order: 40),
        new("Inbound", "/commerce/inbound", MudBlazor.Icons.Material.Filled.MoveToInbox, CommercePermissions.Read, Order: 80),
        new("Replenishment", "/commerce/replenishment", MudBlazor.Icons.Material.Filled.Autorenew, CommercePermissions.Read, Order: 50),
        new("Purchase orders", "/commerce/purchase-orders", MudBlazor.Icons.Material.Filled.ShoppingCart, CommercePermissions.Read, Order: 60),
        new("Suppliers", "/commerce/suppliers", MudBlazor.Icons.Material.Filled.LocalShipping, CommercePermissions.Read, Order: 70),
    ];

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<CommerceDb>();
        services.AddSingleton<Products>();
        services.AddSingleton<CatalogImport>();
        services.AddSingleton<Warehouses.Warehouses>();
        services.AddSingleton<StockLedger>();
        services.AddSingleton<MoveHistory>();
        services.AddSingleton<Counts.StockCounts>();
        services.AddSingleton<Suppliers.Suppliers>();
        services.AddSingleton<Purchasing.PurchaseOrders>();
        services.AddSingleton<Purchasing.PurchaseOrderNumbers>();
        services.AddSingleton<Purchasing.PurchaseOrderMail>();
        services.AddSingleton<Replenishment.Planning.ReplenishmentRules>();
        services.AddSingleton<Replenishment.Planning.ReplenishmentPlanner>();
        services.AddSingleton<Replenishment.Planning.Suggestions>();
        services.AddSingleton<Inbound.Asns>();
        services.AddSingleton<Inbound.InboundRules>();
        services.AddSingleton<Demo.CommerceDemo>();
        services.AddSingleton<Inbound.ScanCodes>();
        services.AddAgentHandler<Inbound.InboundWorkHandler>(agent: Inbound.InboundFlow.Agent);
        services.AddAgentHandler<Replenishment.Planning.PlanningWorkHandler>(agent: Replenishment.Planning.PlanningFlow.Agent);
    }

    public override Task SeedDemoAsync(IServiceProvider services, long tenant, CancellationToken ct) =>
        services.GetRequiredService<Demo.CommerceDemo>().SeedAsync(tenant, ct);

    public override void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapCommerce();
        app.MapPurchasing();
        app.MapInbound();
    }
}
