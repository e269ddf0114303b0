using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Weft.Flow;

namespace Weft.Host.Runtime;

/// <summary>Request counters kept in memory and engine gauges read on scrape, in Prometheus text format.</summary>
internal sealed class HttpMetrics
{
    private readonly ConcurrentDictionary<(string Method, int Status), long> requests = new();
    private long totalMicros;
    private long count;

    public void Record(string method, int status, TimeSpan elapsed)
    {
        requests.AddOrUpdate((method, status), 1, (_, v) => v + 1);
        Interlocked.Add(ref totalMicros, (long)elapsed.TotalMicroseconds);
        Interlocked.Increment(ref count);
    }

    public async Task WriteAsync(HttpContext http, FlowEngine engine)
    {
        var sb = new StringBuilder();
        sb.AppendLine("# HELP weft_http_requests_total HTTP requests handled, by method and status.");
        sb.AppendLine("# TYPE weft_http_requests_total counter");
        foreach (var ((method, status), value) in requests.OrderBy(k => k.Key.Method).ThenBy(k => k.Key.Status))
            sb.Append(CultureInfo.InvariantCulture, $"weft_http_requests_total{{method=\"{method}\",status=\"{status}\"}} {value}\n");
        sb.AppendLine("# HELP weft_http_request_duration_seconds_sum Total time spent handling requests.");
        sb.AppendLine("# TYPE weft_http_request_duration_seconds_sum counter");
        sb.Append(CultureInfo.InvariantCulture, $"weft_http_request_duration_seconds_sum {Interlocked.Read(ref totalMicros) / 1e6}\n");
        sb.Append(CultureInfo.InvariantCulture, $"weft_http_request_duration_seconds_count {Interlocked.Read(ref count)}\n");
        var gauges = await engine.GaugesAsync(http.RequestAborted);
        foreach (var (name, help, values) in gauges)
        {
            sb.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} gauge\n");
            foreach (var (label, value) in values)
                sb.Append(CultureInfo.InvariantCulture, $"{name}{{state=\"{label}\"}} {value}\n");
        }
        http.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        await http.Response.WriteAsync(sb.ToString(), http.RequestAborted);
    }
}
