using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Weft.Flow.Automation;
using Weft.Market.Deals;
using Weft.Market.Freight;
using Weft.Market.Organizations;
using Weft.Market.Rfqs;
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
        new("RFQs", "/market/rfqs", MudBlazor.Icons.Material.Filled.RequestQuote, MarketPermissions.Read, Order: 70),
        new("Market inbox", "/market/inbox", MudBlazor.Icons.Material.Filled.Inbox, MarketPermissions.Read, Order: 71),
        new("Freight and currencies", "/market/rates", MudBlazor.Icons.Material.Filled.LocalShipping, MarketPermissions.Operate, Order: 72),
        new("Supplier directory", "/market/suppliers", MudBlazor.Icons.Material.Filled.TravelExplore, MarketPermissions.Read, Order: 75),
        new("Our supplier profile", "/market/profile", MudBlazor.Icons.Material.Filled.Storefront, MarketPermissions.Trade, Order: 76),
        new("Supplier verification", "/market/onboarding", MudBlazor.Icons.Material.Filled.VerifiedUser, MarketPermissions.Read, Order: 77),
        new("Market organizations", "/market/organizations", MudBlazor.Icons.Material.Filled.Domain, MarketPermissions.Operate, Order: 78),
        new("Auctions", "/market/auctions", MudBlazor.Icons.Material.Filled.Gavel, MarketPermissions.Read, Order: 73),
        new("Deals and reviews", "/market/deals", MudBlazor.Icons.Material.Filled.Handshake, MarketPermissions.Read, Order: 74),
        new("Market overview", "/market/overview", MudBlazor.Icons.Material.Filled.Dashboard, MarketPermissions.Operate, Order: 69),
        new("Messages", "/market/messages", MudBlazor.Icons.Material.Filled.Forum, MarketPermissions.Read, Order: 71),
        new("Market settings", "/market/settings", MudBlazor.Icons.Material.Filled.Tune, MarketPermissions.Operate, Order: 79),
    ];

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<MarketDb>();
        services.AddSingleton<MarketCallers>();
        services.AddSingleton<Organizations.Organizations>();
        services.AddSingleton<Suppliers.SupplierDirectory>();
        services.AddSingleton<Suppliers.SupplierProfiles>();
        services.AddSingleton<Suppliers.SupplierDocuments>();
        services.AddSingleton<Onboarding.Applications>();
        services.AddSingleton<Onboarding.CertificateWatch>();
        services.AddAgentHandler<Onboarding.VerificationWorkHandler>(agent: Onboarding.VerificationFlow.Agent);
        services.AddSingleton<Demo.MarketDemo>();
        services.AddSingleton<Demo.DemoRfqs>();
        services.AddSingleton<Demo.DealDemo>();
        services.AddSingleton<Rfqs.Rfqs>();
        services.AddSingleton<Rfqs.RfqQuestions>();
        services.AddSingleton<Rfqs.Quotes>();
        services.AddSingleton<Rfqs.Comparisons>();
        services.AddSingleton<Rfqs.Awards>();
        services.AddSingleton<Deals.Deals>();
        services.AddSingleton<Deals.Reviews>();
        services.AddSingleton<Rfqs.RfqLifecycle>();
        services.AddSingleton<Notices.MarketNotices>();
        services.AddSingleton<Freight.FreightTables>();
        services.AddAgentHandler<Rfqs.RfqWorkHandler>(agent: Rfqs.RfqFlow.Agent);
        services.AddSingleton<Demo.AuctionDemo>();
        services.AddSingleton<Auctions.Auctions>();
        services.AddSingleton<Auctions.Live.AuctionLive>();
        services.AddSignalR();
        services.AddAgentHandler<Auctions.AuctionCloser>(agent: Auctions.AuctionFlow.Agent);
        services.AddSingleton<Demo.DirectoryDemo>();
        services.AddSingleton<Rfqs.RfqHistory>();
        services.AddSingleton<Rfqs.RfqFiles>();
        services.AddSingleton<Overview.MarketOverview>();
        services.AddSingleton<Messages.Threads>().AddSingleton<Messages.Meetings>().AddSingleton<Messages.MarketSettings>()
            .AddSingleton<Messages.MeetingMail>().AddSingleton<Demo.MessageDemo>();
        if (configuration.GetValue("Weft:Runtime:Enabled", true)) services.AddHostedService<Messages.MeetingMailService>();
    }

    public override Task SeedDemoAsync(IServiceProvider services, long tenant, CancellationToken ct) =>
        services.GetRequiredService<Demo.MarketDemo>().SeedAsync(tenant, ct);

    public override void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapOrganizations();
        app.MapRfqs();
        app.MapDeals();
        app.MapFreight();
        Auctions.AuctionEndpoints.MapAuctions(app);
        app.MapHub<Auctions.Live.AuctionHub>(Auctions.Live.AuctionHub.Path);
        Suppliers.SupplierEndpoints.MapSuppliers(app);
        Onboarding.ApplicationEndpoints.MapApplications(app);
        Overview.OverviewEndpoints.MapOverview(app);
        Messages.MessageEndpoints.MapMessages(app);
    }
}
