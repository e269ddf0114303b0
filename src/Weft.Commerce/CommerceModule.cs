using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Weft.Commerce.Catalog;
using Weft.Commerce.Persistence;
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
    ];

    public override IReadOnlyList<ScopeDefinition> Scopes =>
    [
        new("commerce:read", "Read the catalog, warehouses, stock and moves.", [CommercePermissions.Read]),
        new("commerce:write", "Read, move stock, and keep the catalog and locations.", [CommercePermissions.Read, CommercePermissions.Move, CommercePermissions.Manage]),
    ];

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<CommerceDb>();
        services.AddSingleton<Products>();
        services.AddSingleton<CatalogImport>();
        services.AddSingleton<Warehouses.Warehouses>();
        services.AddSingleton<StockLedger>();
        services.AddSingleton<Counts.StockCounts>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder app) => app.MapCommerce();
}
