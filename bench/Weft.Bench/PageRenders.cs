using System.Diagnostics;

namespace Weft.Bench;

/// <summary>
/// How long the host takes to render a page on the server (the prerendered HTML a browser gets first: the page reads
/// what it shows and writes it out) with <see cref="OpenItems"/> open work items: My work of an agent who may claim
/// them all, and the control center's Run board. Timed from the request to the last byte of the answer, one request
/// at a time, after a warm-up.
/// </summary>
internal static class PageRenders
{
    public const int OpenItems = 2_000;
    private const int ItemsPerJob = 50;
    private const int WarmupRenders = 5;
    private const int MeasuredRenders = 30;

    public static readonly string[] Pages = ["/work", "/control/run"];

    public sealed record Renders(string Page, double MedianMs, double P95Ms, int Bytes);

    public static async Task<IReadOnlyList<Renders>> MeasureAsync(HttpDriver driver)
    {
        await driver.PrepareAsync(1);
        for (var job = 0; job < OpenItems / ItemsPerJob; job++) await driver.StartJobAsync(ItemsPerJob);
        var open = (await driver.ReadyItemsAsync()).Count;
        if (open < OpenItems) throw new InvalidOperationException($"{open} open work items, not {OpenItems}.");
        using var browser = await driver.SignedInBrowserAsync(WorkItemCompletions.Agent(0));
        var results = new List<Renders>();
        foreach (var page in Pages)
        {
            for (var i = 0; i < WarmupRenders; i++) await RenderAsync(browser, page);
            var times = new List<double>();
            var bytes = 0;
            for (var i = 0; i < MeasuredRenders; i++)
            {
                var started = Stopwatch.GetTimestamp();
                bytes = await RenderAsync(browser, page);
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            times.Sort();
            results.Add(new Renders(page, Percentile(times, 0.5), Percentile(times, 0.95), bytes));
            Console.WriteLine($"  render {page,-13} median {results[^1].MedianMs,7:0.0} ms, p95 {results[^1].P95Ms,7:0.0} ms, {bytes / 1024.0:N0} KiB of HTML");
        }
        return results;
    }

    private static async Task<int> RenderAsync(HttpClient browser, string page)
    {
        using var response = await browser.GetAsync(new Uri(page, UriKind.Relative), HttpCompletionOption.ResponseContentRead);
        var html = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || !html.Contains("<h1", StringComparison.Ordinal))
            throw new InvalidOperationException($"GET {page} answered {(int)response.StatusCode} without the page.");
        return html.Length;
    }

    private static double Percentile(List<double> sorted, double p)
    {
        var rank = p * (sorted.Count - 1);
        var lo = (int)Math.Floor(rank);
        var hi = (int)Math.Ceiling(rank);
        return sorted[lo] + ((sorted[hi] - sorted[lo]) * (rank - lo));
    }
}
