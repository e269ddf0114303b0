using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Weft.Platform.Persistence;
using Weft.Platform.Time;
using Weft.Platform.Web.Http;
using Weft.Platform.Web.Modules;
using Weft.Platform.Web.Problems;
using Weft.Platform.Web.Security;
using Weft.Platform.Web.Telemetry;
using Weft.Platform.Web.Ui;
using MudBlazor.Services;

namespace Weft.Platform.Web.Hosting;

/// <summary>
/// Builds the web application from a list of modules: the database and every module's stores, the
/// HTTP conventions (JSON, problem details, limits), security, and then each module's own services
/// and endpoints. The host adds its layout and nothing module-specific.
/// </summary>
public static class WeftApplication
{
    public static WebApplicationBuilder CreateBuilder(string[] args, IReadOnlyList<WeftModule> modules)
    {
        var builder = WebApplication.CreateBuilder(args);
        var services = builder.Services;
        var config = builder.Configuration;
        services.AddSingleton(new ModuleList(modules));
        // A demo writes a week of history on first start, on a clock it turns back for that (and only that) time.
        if (DemoEnabled(config, builder.Environment)) services.AddSingleton<TimeProvider>(new DemoClock(TimeProvider.System));
        services.AddWeftDatabase(DatabaseOptionsFrom(config, builder.Environment));
        foreach (var store in modules.SelectMany(m => m.Stores)) store.Register(services);
        var catalog = new PermissionCatalog(modules.SelectMany(m => m.Permissions), modules.SelectMany(m => m.Scopes));
        services.AddSingleton(catalog);

        services.ConfigureHttpJsonOptions(o =>
        {
            // Enums by name only: a number such as "type": 99 would smuggle in a value the modules do not know.
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            o.SerializerOptions.Converters.Add(new TextWithoutNulConverter());
            o.SerializerOptions.MaxDepth = 64;
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddProblemDetails();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 1024 * 1024);
        services.AddHttpContextAccessor();
        services.AddWeftTelemetry(config, modules.SelectMany(m => m.Telemetry));
        services.AddWeftWebSecurity(config, catalog);
        services.AddHostedService<StartupWork>();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddMudServices();
        services.AddScoped<CurrentCaller>();

        foreach (var module in modules) module.AddServices(services, config);
        return builder;
    }

    /// <summary>
    /// The database from <c>Weft:Database:Provider</c> and <c>ConnectionStrings:Weft</c>; by default
    /// an SQLite file <c>weft.db</c> under <c>Weft:DataPath</c> (the content root's <c>data</c> folder).
    /// </summary>
    public static DatabaseOptions DatabaseOptionsFrom(IConfiguration config, IHostEnvironment env)
    {
        var provider = config["Weft:Database:Provider"] ?? DatabaseOptions.SqliteProvider;
        var connection = config.GetConnectionString("Weft");
        var filter = config.GetValue("Weft:Database:ApplicationTenantFilter", true);
        if (string.Equals(provider, DatabaseOptions.PostgresProvider, StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connection))
                throw new InvalidOperationException("Weft:Database:Provider is 'postgres' but ConnectionStrings:Weft is empty.");
            return new DatabaseOptions(DatabaseOptions.PostgresProvider, connection) { ApplicationTenantFilter = filter };
        }
        if (!string.IsNullOrWhiteSpace(connection)) return new DatabaseOptions(provider, connection) { ApplicationTenantFilter = filter };
        return DatabaseOptions.Sqlite(Path.Combine(DataPath(config, env), "weft.db")) with { ApplicationTenantFilter = filter };
    }

    /// <summary>The folder of the embedded database and of files the installation keeps (<c>Weft:DataPath</c>).</summary>
    public static string DataPath(IConfiguration config, IHostEnvironment env) => config["Weft:DataPath"] ?? Path.Combine(env.ContentRootPath, "data");

    /// <summary>Demo mode: on when started with <c>dotnet run</c> (Development), off otherwise unless <c>Weft:Demo:Enabled</c> says so.</summary>
    public static bool DemoEnabled(IConfiguration config, IHostEnvironment env) => config.GetValue("Weft:Demo:Enabled", env.IsDevelopment());

    /// <summary>The request pipeline every module's endpoints run behind.</summary>
    public static void UseWeftPlatform(this WebApplication app)
    {
        app.UseWeftRequestMetrics();
        app.UseExceptionHandler();
        app.UseStatusCodePages(async ctx =>
        {
            var http = ctx.HttpContext;
            if (http.Response.StatusCode == 404 && IsPageRequest(http.Request))
            {
                // A person typed or followed an address of no page: a page says so, not a JSON document.
                http.Response.ContentType = "text/html; charset=utf-8";
                await http.Response.WriteAsync(NotFoundPage, http.RequestAborted);
                return;
            }
            if (http.Response.ContentLength is null && string.IsNullOrEmpty(http.Response.ContentType))
            {
                var (code, title) = http.Response.StatusCode switch
                {
                    404 => ("not_found", "Not found"),
                    405 => ("method_not_allowed", "Method not allowed"),
                    // Kestrel refuses a body over its limit itself; the endpoint sees no exception to turn into a problem.
                    413 => ("request_too_large", "Request too large"),
                    415 => ("unsupported_media_type", "Unsupported media type"),
                    _ => ("http_" + http.Response.StatusCode, "Error"),
                };
                await ProblemExceptionHandler.WriteAsync(http, http.Response.StatusCode, code, title,
                    $"{http.Request.Method} {http.Request.Path} answered {http.Response.StatusCode}.", null);
            }
        });
        app.Use((http, next) => RequestScreening.ScreenAsync(http, () => next(http)));
        // Live channels (a support chat widget's) are WebSockets; the server pings idle ones so proxies keep them open.
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.UseWeftWebSecurity();
        app.Use((http, next) => IdempotencyKeys.HashBodyAsync(http, () => next(http)));
        // Pages' forms are checked above with everything else; this marks the check done for Blazor's endpoints.
        app.UseAntiforgery();
    }

    private static bool IsPageRequest(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && !WebSecurity.IsApiRequest(request) && !request.Path.StartsWithSegments("/_framework")
        && !request.Path.StartsWithSegments("/_content") && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    private const string NotFoundPage = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1.0">
        <title>Not found · Weft</title><link rel="icon" href="data:,">
        <link rel="stylesheet" href="/_content/MudBlazor/MudBlazor.min.css"><link rel="stylesheet" href="/_content/Weft.Platform.Web/weft.css"></head>
        <body><main class="weft-auth"><div class="mud-paper mud-elevation-3 pa-8 weft-auth-card">
        <h1 class="mud-typography mud-typography-h4">Not found</h1>
        <p class="mud-typography mud-typography-body1 my-4">There is no page at this address.</p>
        <a class="mud-typography mud-link mud-primary-text" href="/">Go to your home page</a>
        </div></main></body></html>
        """;

    /// <summary>Every module's endpoints, in list order.</summary>
    public static void MapWeftModules(this WebApplication app)
    {
        foreach (var module in app.Services.GetRequiredService<ModuleList>().Modules) module.MapEndpoints(app);
    }
}
