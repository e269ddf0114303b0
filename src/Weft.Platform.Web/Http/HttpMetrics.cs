using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Weft.Platform.Web.Modules;
using Weft.Platform.Web.Security;

namespace Weft.Platform.Web.Http;

/// <summary>Request counters kept in memory and the modules' gauges read on scrape, in Prometheus text format.</summary>
public sealed class HttpMetrics(IEnumerable<IGaugeSource> gauges)
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

    public async Task WriteAsync(HttpContext http)
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
        var tenant = http.User.TenantOf() ?? throw new InvalidOperationException("/metrics is only served to authenticated callers.");
        foreach (var source in gauges)
        {
            foreach (var gauge in await source.ReadAsync(tenant, http.RequestAborted))
            {
                sb.Append(CultureInfo.InvariantCulture, $"# HELP {gauge.Name} {gauge.Help}\n# TYPE {gauge.Name} gauge\n");
                foreach (var (label, value) in gauge.ByState)
                    sb.Append(CultureInfo.InvariantCulture, $"{gauge.Name}{{state=\"{label}\"}} {value}\n");
            }
        }
        http.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        await http.Response.WriteAsync(sb.ToString(), http.RequestAborted);
    }
}
