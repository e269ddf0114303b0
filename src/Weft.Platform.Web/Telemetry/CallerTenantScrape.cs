using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Weft.Platform.Web.Security;

namespace Weft.Platform.Web.Telemetry;

/// <summary>
/// Runs in front of the Prometheus exporter on <c>/metrics</c>: reads the tenants' gauges if they are
/// stale, then keeps only what the caller may see. The exporter renders every tenant's series; a
/// series tagged with another tenant is dropped and the caller's own lose the <c>tenant</c> label, so a
/// tenant's key scrapes its own figures under the same names as before. Series without the label
/// (HTTP requests, engine commands) are the host's and are shown to every caller allowed to scrape.
/// </summary>
internal static class CallerTenantScrape
{
    public const string TenantLabel = "tenant";

    public static async Task InvokeAsync(HttpContext http, RequestDelegate exporter)
    {
        var tenant = http.User.TenantOf() ?? throw new InvalidOperationException("/metrics is only served to authenticated callers.");
        await http.RequestServices.GetRequiredService<TenantGauges>().RefreshAsync(http.RequestAborted);
        // The text is filtered below, so the exporter must not compress it.
        http.Request.Headers.AcceptEncoding = default;
        var body = http.Response.Body;
        using var rendered = new MemoryStream();
        http.Response.Body = rendered;
        try
        {
            await exporter(http);
        }
        finally
        {
            http.Response.Body = body;
        }
        var text = Encoding.UTF8.GetString(rendered.GetBuffer(), 0, (int)rendered.Length);
        var bytes = Encoding.UTF8.GetBytes(http.Response.StatusCode == StatusCodes.Status200OK
            ? OnlyTenant(text, tenant.ToString(CultureInfo.InvariantCulture))
            : text);
        http.Response.ContentLength = bytes.Length;
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted);
    }

    /// <summary>The exposition <paramref name="text"/> without other tenants' samples and without the tenant label.</summary>
    public static string OnlyTenant(string text, string tenant) =>
        string.Join('\n', text.Split('\n').Select(line => Sample(line, tenant)).OfType<string>());

    /// <summary>The line as the caller may see it, or null if it is another tenant's.</summary>
    private static string? Sample(string line, string tenant)
    {
        if (line.StartsWith('#')) return line;
        var open = line.IndexOf('{', StringComparison.Ordinal);
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        if (open < 0 || (space >= 0 && space < open)) return line;
        var labels = new List<(int Start, int End, string Name, string Value)>();
        var i = open + 1;
        while (i < line.Length && line[i] != '}')
        {
            var start = i;
            var eq = line.IndexOf('=', i);
            // A sample this cannot read is not shown: it might be another tenant's.
            if (eq < 0 || eq + 1 >= line.Length || line[eq + 1] != '"') return null;
            var name = line[i..eq];
            var value = new StringBuilder();
            i = eq + 2;
            while (i < line.Length && line[i] != '"')
            {
                if (line[i] == '\\' && i + 1 < line.Length)
                {
                    value.Append(line[i + 1] == 'n' ? '\n' : line[i + 1]);
                    i += 2;
                }
                else
                {
                    value.Append(line[i++]);
                }
            }
            if (i >= line.Length) return null;
            i++;
            labels.Add((start, i, name, value.ToString()));
            if (i < line.Length && line[i] == ',') i++;
        }
        var own = labels.FindIndex(l => l.Name == TenantLabel);
        if (own >= 0 && labels[own].Value != tenant) return null;
        if (own < 0 && labels.Count > 0) return line;
        // The caller's own series without the tenant label; an empty label set ("{}", as the exporter writes it) goes too.
        var rest = labels.Where((_, n) => n != own).Select(l => line[l.Start..l.End]).ToList();
        var close = line.IndexOf('}', labels.Count > 0 ? labels[^1].End : open);
        return line[..open] + (rest.Count > 0 ? "{" + string.Join(',', rest) + "}" : "") + line[(close + 1)..];
    }
}
