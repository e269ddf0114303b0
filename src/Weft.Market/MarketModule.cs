using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Weft.Flow.Automation;
using Weft.Market.Organizations;
using Weft.Market.Persistence;
using Weft.Platform.Persistence;
using Weft.Platform.Web.Modules;
using Weft.Platform.Web.Security;

namespace Weft.Market;

/// <summary>
/// A B2B marketplace for commodities (battery materials first): buyer and supplier organizations as the tenant's members,
/// each seeing only its own data and what was shared with it (<see cref="Visibility.MarketVisibility"/>).
/// </summary>
public sealed class MarketModule : WeftModule
{
    public override string Name => "Market";

    public override IReadOnlyList<ModuleStore> Stores => [MarketDbContext.Tables];

    public override IReadOnlyList<PermissionDefinition> Permissions =>
    [
        new(MarketPermissions.Read, "See the marketplace: the supplier directory and what one's organization may see.", Roles.Viewer),
        new(MarketPermissions.Trade, "Act for one's organization: RFQs, quotes, bids, messages (as its role allows).", Roles.Viewer),
        new(MarketPermissions.Operate, "Run the marketplace: organizations, supplier verification, freight tables, oversight.", Roles.Manager),
    ];

    public override IReadOnlyList<ScopeDefinition> Scopes =>
    [
        new("market:read", "Read the marketplace as the key's holder may.", [MarketPermissions.Read]),
        new("market:write", "Read, trade and run the marketplace as the key's holder may.", [MarketPermissions.Read, MarketPermissions.Trade, MarketPermissions.Operate]),
    ];

    public override System.Reflection.Assembly? Pages => typeof(MarketModule).Assembly;

    public override IReadOnlyList<NavEntry> Navigation =>
    [
        new("Auctions", "/market/auctions", MudBlazor.Icons.Material.Filled.Gavel, MarketPermissions.Read, Order: 75),
    ];

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<MarketDb>();
        services.AddSingleton<MarketCallers>();
        services.AddSingleton<Organizations.Organizations>();
        services.AddSingleton<Demo.MarketDemo>();
        services.AddSingleton<Demo.AuctionDemo>();
        services.AddSingleton<Auctions.Auctions>();
        services.AddSingleton<Auctions.Live.AuctionLive>();
        services.AddSignalR();
        services.AddAgentHandler<Auctions.AuctionCloser>(agent: Auctions.AuctionFlow.Agent);
    }

    public override Task SeedDemoAsync(IServiceProvider services, long tenant, CancellationToken ct) =>
        services.GetRequiredService<Demo.MarketDemo>().SeedAsync(tenant, ct);

    public override void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapOrganizations();
        Auctions.AuctionEndpoints.MapAuctions(app);
        app.MapHub<Auctions.Live.AuctionHub>(Auctions.Live.AuctionHub.Path);
    }
}
