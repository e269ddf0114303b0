using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Weft.Flow;
using Weft.Host.Api;
using Weft.Host.Runtime;
using Weft.Host.Security;
using Weft.Platform.Persistence;

namespace Weft.Host;

internal static class WeftHost
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddWeftDatabase(DatabaseOptionsFrom(builder.Configuration, builder.Environment));
        builder.Services.AddWeftFlow();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            // Enums by name only: a number such as "type": 99 would smuggle in a value the engine does not know.
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(allowIntegerValues: false));
            o.SerializerOptions.Converters.Add(new TextWithoutNulConverter());
            o.SerializerOptions.MaxDepth = 64;
        });
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            // How to call the API: a bearer access token or an API key in the Authorization header.
            document.Components ??= new Microsoft.OpenApi.OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, Microsoft.OpenApi.IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["bearer"] = new Microsoft.OpenApi.OpenApiSecurityScheme
            {
                Type = Microsoft.OpenApi.SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An access token from POST /api/v1/auth/token.",
            };
            document.Components.SecuritySchemes["apiKey"] = new Microsoft.OpenApi.OpenApiSecurityScheme
            {
                Type = Microsoft.OpenApi.SecuritySchemeType.ApiKey,
                In = Microsoft.OpenApi.ParameterLocation.Header,
                Name = "Authorization",
                Description = "'ApiKey <key>', a key created at POST /api/v1/api-keys.",
            };
            return Task.CompletedTask;
        }));
        builder.Services.AddSingleton<HttpMetrics>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 1024 * 1024);
        builder.AddWeftSecurity();
        builder.Services.AddSingleton<SecurityBootstrap>();
        builder.Services.AddHostedService<DatabasePreparation>();
        if (builder.Configuration.GetValue("Weft:Runtime:Enabled", true))
            builder.Services.AddHostedService<FlowTimerService>();
        return Configure(builder.Build());
    }

    public static DatabaseOptions DatabaseOptionsFrom(IConfiguration config, IWebHostEnvironment env)
    {
        var provider = config["Weft:Database:Provider"] ?? "sqlite";
        var connection = config.GetConnectionString("Weft");
        var filter = config.GetValue("Weft:Database:ApplicationTenantFilter", true);
        if (string.Equals(provider, "postgres", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connection))
                throw new InvalidOperationException("Weft:Database:Provider is 'postgres' but ConnectionStrings:Weft is empty.");
            return new DatabaseOptions("postgres", connection) { ApplicationTenantFilter = filter };
        }
        if (!string.IsNullOrWhiteSpace(connection)) return new DatabaseOptions(provider, connection) { ApplicationTenantFilter = filter };
        var dataFolder = config["Weft:DataPath"] ?? Path.Combine(env.ContentRootPath, "data");
        return DatabaseOptions.Sqlite(Path.Combine(dataFolder, "weft.db")) with { ApplicationTenantFilter = filter };
    }

    private static WebApplication Configure(WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<HttpMetrics>();
        app.Use(async (http, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(http);
            }
            finally
            {
                metrics.Record(http.Request.Method, http.Response.StatusCode, Stopwatch.GetElapsedTime(started));
            }
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages(async ctx =>
        {
            var http = ctx.HttpContext;
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
        app.UseWeftSecurity();
        app.Use((http, next) => CommandContexts.HashBodyAsync(http, () => next(http)));

        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapGet("/metrics", (HttpContext http, FlowEngine engine) => metrics.WriteAsync(http, engine))
            .RequireAuthorization(Permissions.Metrics).ExcludeFromDescription();
        app.MapWeftSecurity();
        app.MapWeftFlow();
        return app;
    }
}

internal sealed class DatabaseHealthCheck(DatabaseOptions database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            return await DatabaseSetup.CanConnectAsync(database, ct)
                ? HealthCheckResult.Healthy($"{database.Provider} reachable")
                : HealthCheckResult.Unhealthy($"{database.Provider} unreachable");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy(ex.Message);
        }
    }
}
