using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Weft.Identity.AccessTokens;
using Weft.Identity.ApiKeys;
using Weft.Identity.Audit;
using Weft.Identity.Bootstrap;
using Weft.Identity.Callers;
using Weft.Identity.Cli;
using Weft.Identity.ExternalSignIn;
using Weft.Identity.Persistence;
using Weft.Identity.SignInProviders;
using Weft.Identity.SigningIn;
using Weft.Identity.Tenants;
using Weft.Identity.Users;
using Weft.Platform.Audit;
using Weft.Platform.Persistence;
using Weft.Platform.Tenancy;
using Weft.Platform.Web.Modules;
using Weft.Platform.Web.Security;
using Weft.Platform.Web.Ui;

namespace Weft.Identity;

/// <summary>
/// Who may do what: tenants, people and their roles, sign-in (cookie sessions, access tokens, API
/// keys), and the audit trail.
/// </summary>
public sealed class IdentityModule : WeftModule
{
    public override string Name => "Administration";

    public override IReadOnlyList<ModuleStore> Stores => [IdentityDbContext.Tables];

    public override IReadOnlyList<CliCommand> Commands => TenantCommands.All;

    public override System.Reflection.Assembly? Pages => typeof(IdentityModule).Assembly;

    public override IReadOnlyList<NavEntry> Navigation =>
    [
        new("People", "/admin/users", MudBlazor.Icons.Material.Filled.People, PlatformPermissions.Admin, Order: 10),
        new("API keys", "/admin/api-keys", MudBlazor.Icons.Material.Filled.Key, PlatformPermissions.Admin, Order: 20),
        new("Sign-in providers", "/admin/sign-in-providers", MudBlazor.Icons.Material.Filled.Login, PlatformPermissions.Admin, Order: 25),
        new("Audit trail", "/admin/audit", MudBlazor.Icons.Material.Filled.History, PlatformPermissions.Admin, Order: 30),
    ];

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(SignInPolicy.From(configuration));
        services.AddSingleton<IPasswordHasher<UserRecord>, PasswordHasher<UserRecord>>();
        services.AddSingleton<IdentityDb>();
        services.AddSingleton<TenantDirectory>();
        services.AddSingleton<ITenantDirectory>(sp => sp.GetRequiredService<TenantDirectory>());
        services.AddSingleton<IUserDirectory, Users.UserDirectory>();
        services.AddSingleton<Passwords>();
        services.AddSingleton<CallerLoader>();
        services.AddSingleton<ApiKeyCache>();
        services.AddSingleton<PasswordSignIn>();
        services.AddSingleton<AccessTokenIssuer>();
        services.AddSingleton<AgentLinks>();
        services.AddSingleton<CreateUser>();
        services.AddSingleton<UpdateUser>();
        services.AddSingleton<ChangePassword>();
        services.AddSingleton<UserQueries>();
        services.AddSingleton<CreateApiKey>();
        services.AddSingleton<RevokeApiKey>();
        services.AddSingleton<ApiKeyQueries>();
        services.AddSingleton<IdentityBootstrap>();
        services.AddSingleton<AuditQueries>();
        services.AddIntegrationEventHandler<AuditRecorded, AuditRecordedHandler>();
        services.AddSingleton<ICallerRefresher, CallerRefresher>();
        services.AddSingleton<AgentChoices>();
        services.AddSingleton<IHomeFigures, IdentityFigures>();
        services.AddSingleton<SignInProviderSecrets>();
        services.AddSingleton<SignInProviderDirectory>();
        services.AddSingleton<SignInChoices>();
        services.AddSingleton<ExternalSchemes>();
        services.AddSingleton<ExternalAccounts>();
        services.AddIdentityAuthentication(configuration);
        services.AddExternalSignIn();
    }

    public override void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapSignIn();
        app.MapUsers();
        app.MapApiKeys();
        app.MapAudit();
        app.MapSignInPages();
        app.MapExternalSignIn();
        app.MapSignInProviders();
        app.MapProfile();
    }

    public override Task StartAsync(IServiceProvider services, bool demo, CancellationToken ct) =>
        services.GetRequiredService<IdentityBootstrap>().StartAsync(ct);

    public override Task SeedDemoAsync(IServiceProvider services, long tenant, CancellationToken ct) =>
        services.GetRequiredService<IdentityBootstrap>().SeedDemoAsync(tenant, ct);
}
