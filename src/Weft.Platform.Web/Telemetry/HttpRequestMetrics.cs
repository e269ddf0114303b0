using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Weft.Platform.Web.Telemetry;

/// <summary>HTTP requests by method and status, and their duration (the names the hand-written exporter used).</summary>
internal sealed class HttpRequestMetrics
{
    private readonly Counter<long> requests;
    private readonly Histogram<double> duration;

    public HttpRequestMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(WeftTelemetry.Name);
        requests = meter.CreateCounter<long>("weft.http.requests", description: "HTTP requests handled, by method and status.");
        duration = meter.CreateHistogram("weft.http.request.duration", "s", "Time spent handling requests.", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
    }

    public void Record(string method, int status, TimeSpan elapsed)
    {
        requests.Add(1, new TagList { { "method", method }, { "status", status } });
        duration.Record(elapsed.TotalSeconds);
    }
}
