using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Weft.Platform;
using Weft.Platform.Persistence;
using Weft.Platform.Web.Events;
using Weft.Platform.Web.Hosting;
using Weft.Platform.Web.InstallableApp;
using Weft.Platform.Web.Modules;
using Weft.Platform.Web.Security;
using Weft.Platform.Web.Telemetry;
using Weft.Platform.Web.Ui;
using Weft.Platform.Web.Webhooks;
using Weft.Platform.Webhooks;

namespace Weft.Platform.Web;

/// <summary>
/// The platform's own part of the app: administration and metrics permissions, the OpenAPI
/// document, health and <c>/metrics</c>, and what makes the app installable (its service worker).
/// </summary>
public sealed class PlatformModule : WeftModule
{
    public override string Name => "Platform";

    public override IReadOnlyList<ModuleStore> Stores => [PlatformStore.Tables];

    public override IReadOnlyList<string> Telemetry => [WeftTelemetry.Name];

    public override System.Reflection.Assembly? Pages => typeof(PlatformModule).Assembly;

    public override IReadOnlyList<NavEntry> Navigation =>
    [
        new("Integration events", "/admin/events", MudBlazor.Icons.Material.Filled.SyncProblem, PlatformPermissions.Admin, Order: 90, Group: "Administration"),
        new("Webhooks", "/admin/webhooks", MudBlazor.Icons.Material.Filled.Webhook, PlatformPermissions.Admin, Order: 91, Group: "Administration"),
    ];

    public override IReadOnlyList<PermissionDefinition> Permissions =>
    [
        new(PlatformPermissions.Admin, "Manage the tenant's users, roles and API keys; read the audit trail; retry or dismiss parked events; manage webhooks.", Roles.Admin),
        new(PlatformPermissions.Metrics, "Scrape /metrics.", Roles.Admin),
    ];

    public override IReadOnlyList<ScopeDefinition> Scopes =>
    [
        new("admin", "Administration: users, API keys, audit trail, parked events, webhooks.", [PlatformPermissions.Admin]),
        new("metrics:read", "Scrape /metrics.", [PlatformPermissions.Metrics]),
    ];

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            // How to call the API: a bearer access token or an API key in the Authorization header.
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An access token from POST /api/v1/auth/token.",
            };
            document.Components.SecuritySchemes["apiKey"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "Authorization",
                Description = "'ApiKey <key>', a key created at POST /api/v1/api-keys.",
            };
            return Task.CompletedTask;
        }));
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        services.AddWeftEventDelivery(configuration);
        services.AddSingleton<IHomeFigures, EventDeliveryFigures>();
        services.AddSingleton<AppShell>();
        services.AddSingleton<Mail.Mailer>();
        services.AddSingleton<IWebhookMail, WebhookMail>();
        services.AddWeftWebhooks(configuration);
    }

    public override void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapWeftMetrics();
        app.MapEventDeliveries();
        app.MapWebhooks();
        app.MapThemeSwitch();
        app.MapInstallableApp();
    }
}
