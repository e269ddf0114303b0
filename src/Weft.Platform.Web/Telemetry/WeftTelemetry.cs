using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Weft.Platform.Web.Security;

namespace Weft.Platform.Web.Telemetry;

/// <summary>
/// Metrics and traces on OpenTelemetry. Metrics: the meters the modules name (<see cref="Modules.WeftModule.Telemetry"/>),
/// scraped at <c>/metrics</c> in Prometheus text by callers with <see cref="PlatformPermissions.Metrics"/>, and
/// pushed over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. Traces: HTTP requests, the activity sources the
/// modules name, and EF Core's SQL commands; exported over OTLP when that endpoint is set, else recorded for nobody
/// (a listener such as <c>dotnet-trace</c> or a test still gets every span).
/// </summary>
public static class WeftTelemetry
{
    /// <summary>The platform's meter: HTTP requests and the modules' gauges per tenant.</summary>
    public const string Name = "Weft.Platform";

    /// <summary>The name OpenTelemetry's listener goes by in <see cref="IMetricsBuilder"/> rules.</summary>
    private const string OpenTelemetryListener = "OpenTelemetry";

    public static IServiceCollection AddWeftTelemetry(this IServiceCollection services, IConfiguration config, IEnumerable<string> sources)
    {
        var names = sources.Prepend(Name).Distinct(StringComparer.Ordinal).ToArray();
        // Only this host's meters (those of its IMeterFactory): a second host in the same process, as in tests, keeps its own figures.
        services.AddMetrics(metrics =>
        {
            foreach (var name in names) metrics.EnableMetrics(name, null, OpenTelemetryListener, MeterScope.Local);
        });
        var otlp = !string.IsNullOrWhiteSpace(config["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(config["OTEL_SERVICE_NAME"] ?? "weft"))
            .WithMetrics(metrics =>
            {
                metrics.AddPrometheusExporter(o =>
                {
                    // Each scrape reads fresh figures and is filtered per caller (CallerTenantScrape); labels stay the plain ones.
                    o.ScrapeResponseCacheDurationMilliseconds = 0;
                    o.ScopeInfoEnabled = false;
                    o.TargetInfoEnabled = false;
                });
                if (otlp) metrics.AddOtlpExporter();
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(names)
                    .AddAspNetCoreInstrumentation(o => o.Filter = Traced)
                    .AddEntityFrameworkCoreInstrumentation()
                    .SetSampler(otlp ? new ParentBasedSampler(new AlwaysOnSampler()) : new AlwaysOffSampler());
                if (otlp) tracing.AddOtlpExporter();
            });
        services.AddSingleton<HttpRequestMetrics>();
        services.AddSingleton<TenantGauges>();
        return services;
    }

    /// <summary><c>/metrics</c>: the Prometheus exporter behind the metrics permission, showing the caller its own tenant's series.</summary>
    public static IEndpointConventionBuilder MapWeftMetrics(this IEndpointRouteBuilder app) =>
        app.MapPrometheusScrapingEndpoint("/metrics", meterProvider: null,
                configureBranchedPipeline: branch => branch.Use(next => http => CallerTenantScrape.InvokeAsync(http, next)), optionsName: null)
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get]))
            .RequireAuthorization(PlatformPermissions.Metrics);

    /// <summary>Records the time of every request, by method and status.</summary>
    public static void UseWeftRequestMetrics(this IApplicationBuilder app)
    {
        var metrics = app.ApplicationServices.GetRequiredService<HttpRequestMetrics>();
        app.Use(async (http, next) =>
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                await next(http);
            }
            finally
            {
                metrics.Record(http.Request.Method, http.Response.StatusCode, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            }
        });
    }

    // Static files, Blazor's circuit and health probes would only bury the spans of real work.
    private static bool Traced(HttpContext http) =>
        !http.Request.Path.StartsWithSegments("/_framework") && !http.Request.Path.StartsWithSegments("/_content")
        && !http.Request.Path.StartsWithSegments("/_blazor") && !http.Request.Path.StartsWithSegments("/health");
}
