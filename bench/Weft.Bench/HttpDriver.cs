using System.Net.Http.Json;
using System.Text.Json;
using Weft.Flow.Contracts;

namespace Weft.Bench;

/// <summary>The host over HTTP on loopback: every call, setup included, goes through the public API.</summary>
internal sealed class HttpDriver : IWorkDriver
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HostProcess host;
    private readonly HttpClient http;
    private int jobs;
    private long cycles;

    public long Cycles => Interlocked.Read(ref cycles);

    private HttpDriver(HostProcess host)
    {
        this.host = host;
        http = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(100) };
    }

    public static async Task<HttpDriver> StartAsync(Weft.Flow.FlowDatabaseOptions database) =>
        new(await HostProcess.StartAsync(database));

    public async Task PrepareAsync(int agents)
    {
        await PostAsync("/api/v1/graphs", new CreateGraphRequest(WorkItemCompletions.GraphKey, "Bench", WorkItemCompletions.Graph()));
        await PostAsync($"/api/v1/graphs/{WorkItemCompletions.GraphKey}/publish", new PublishRequest(null));
        for (var a = 0; a < agents; a++)
        {
            var key = WorkItemCompletions.Agent(a);
            await PostAsync("/api/v1/agents", new RegisterAgentRequest(key, key, "service", [new(WorkItemCompletions.Capability)], 10, "available"));
        }
    }

    public Task StartJobAsync(int tokens) =>
        PostAsync("/api/v1/jobs", new StartJobRequest(WorkItemCompletions.GraphKey, null, tokens, $"BENCH-{++jobs}", 0, null, null));

    public async Task<IReadOnlyList<long>> ReadyItemsAsync()
    {
        var ids = new List<long>();
        string? cursor = null;
        do
        {
            var url = $"/api/v1/work-items?state=ready&node={WorkItemCompletions.TaskNode}&limit=500"
                + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var page = await http.GetFromJsonAsync<Page<IdOnly>>(new Uri(url, UriKind.Relative), Json)
                ?? throw new InvalidOperationException("An empty page of work items.");
            ids.AddRange(page.Items.Select(i => i.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null && ids.Count <= WorkItemCompletions.MaxStock);
        return ids;
    }

    public async Task CycleAsync(string agent, long item)
    {
        var body = new { agent };
        await PostAsync($"/api/v1/work-items/{item}/claim", body);
        await PostAsync($"/api/v1/work-items/{item}/start", body);
        using var done = JsonDocument.Parse(await PostAsync($"/api/v1/work-items/{item}/complete", body));
        var state = done.RootElement.GetProperty("state").GetString();
        if (state != "completed") throw new InvalidOperationException($"Work item {item} is {state} after completion.");
        Interlocked.Increment(ref cycles);
    }

    private async Task<string> PostAsync<T>(string url, T body)
    {
        using var response = await http.PostAsJsonAsync(new Uri(url, UriKind.Relative), body, Json);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST {url} answered {(int)response.StatusCode}: {text}");
        return text;
    }

    public TimeSpan CpuTime() => ProcessorTime.OfThisProcess() + host.CpuTime();

    private sealed record IdOnly(long Id);

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await host.DisposeAsync();
    }
}
