using System.Net.Http.Json;
using System.Text.Json;
using Weft.Flow.Contracts;
using Weft.Platform.Persistence;
using Weft.Platform.Paging;

namespace Weft.Bench;

/// <summary>
/// The host over HTTP on loopback: every call, setup included, goes through the public API, signed
/// in as a program would be. Setup uses an admin API key (made after signing in with the bootstrap
/// admin's password); each agent's work goes through an API key of its own, linked to that agent.
/// </summary>
internal sealed class HttpDriver : IWorkDriver
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IHostUnderTest host;
    private readonly HttpClient http;
    private readonly Dictionary<string, HttpClient> agents = [];
    private int jobs;
    private long cycles;

    public long Cycles => Interlocked.Read(ref cycles);

    private HttpDriver(IHostUnderTest host)
    {
        this.host = host;
        http = Client(null);
    }

    /// <param name="inProcess">Builds the host in this process (<see cref="InProcessHost"/>, for profiles) rather than as its own.</param>
    public static async Task<HttpDriver> StartAsync(Weft.Platform.Persistence.DatabaseOptions database, bool inProcess = false)
    {
        var driver = new HttpDriver(inProcess ? await InProcessHost.StartAsync(database) : await HostProcess.StartAsync(database));
        try
        {
            await driver.SignInAsync();
            return driver;
        }
        catch
        {
            await driver.DisposeAsync();
            throw;
        }
    }

    private async Task SignInAsync()
    {
        using var token = JsonDocument.Parse(await PostAsync(http, "/api/v1/auth/token", new { email = HostProcess.AdminEmail, password = host.AdminPassword }));
        http.DefaultRequestHeaders.Authorization = new("Bearer", token.RootElement.GetProperty("accessToken").GetString());
        var key = await CreateKeyAsync(new { name = "bench-admin", scopes = new[] { "flow:write", "ai:write", "commerce:write", "admin", "metrics:read" } });
        http.DefaultRequestHeaders.Authorization = new("ApiKey", key);
    }

    /// <summary>A new API key of the admin's, with these scopes: its secret.</summary>
    public async Task<string> CreateKeyAsync(object request)
    {
        using var created = JsonDocument.Parse(await PostAsync(http, "/api/v1/api-keys", request));
        return created.RootElement.GetProperty("key").GetString() ?? throw new InvalidOperationException("An API key without its secret.");
    }

    private HttpClient Client(string? apiKey)
    {
        var client = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(100) };
        if (apiKey is not null) client.DefaultRequestHeaders.Authorization = new("ApiKey", apiKey);
        return client;
    }

    public async Task PrepareAsync(int agents)
    {
        await PostAsync("/api/v1/graphs", new CreateGraphRequest(WorkItemCompletions.GraphKey, "Bench", WorkItemCompletions.Graph()));
        await PostAsync($"/api/v1/graphs/{WorkItemCompletions.GraphKey}/publish", new PublishRequest(null));
        for (var a = 0; a < agents; a++)
        {
            var key = WorkItemCompletions.Agent(a);
            await PostAsync("/api/v1/agents", new RegisterAgentRequest(key, key, "service", [new(WorkItemCompletions.Capability)], 10, "available"));
            this.agents[key] = Client(await CreateKeyAsync(new { name = "bench " + key, scopes = new[] { "flow:write" }, agent = key }));
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
        // Work items are worked by a caller acting as the agent.
        var caller = agents[agent];
        var body = new { agent };
        await PostAsync(caller, $"/api/v1/work-items/{item}/claim", body);
        await PostAsync(caller, $"/api/v1/work-items/{item}/start", body);
        using var done = JsonDocument.Parse(await PostAsync(caller, $"/api/v1/work-items/{item}/complete", body));
        var state = done.RootElement.GetProperty("state").GetString();
        if (state != "completed") throw new InvalidOperationException($"Work item {item} is {state} after completion.");
        Interlocked.Increment(ref cycles);
    }

    /// <summary>A call as the admin (its API key): the answer's body, or an exception naming the refusal.</summary>
    public Task<string> PostAsync<T>(string url, T body) => PostAsync(http, url, body);

    public Task<string> GetAsync(string url) => http.GetStringAsync(new Uri(url, UriKind.Relative));

    /// <summary>A file as the admin, <c>multipart/form-data</c> in the field <c>file</c>: the answer's body.</summary>
    public async Task<string> UploadAsync(string url, string fileName, byte[] bytes, string contentType)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new(contentType);
        form.Add(file, "file", fileName);
        using var response = await http.PostAsync(new Uri(url, UriKind.Relative), form);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST {url} answered {(int)response.StatusCode}: {text}");
        return text;
    }

    public Uri Address => host.Address;

    /// <summary>The host process's last lines of output; empty when it runs in this process.</summary>
    public string HostOutput => (host as HostProcess)?.RecentOutput ?? "";

    /// <summary>The host's services when it runs in this process (<c>inProcess</c>), else null.</summary>
    public IServiceProvider? Services => (host as InProcessHost)?.Services;

    private static async Task<string> PostAsync<T>(HttpClient client, string url, T body)
    {
        // With its length, as most clients send a body (PostAsJsonAsync would stream it in chunks).
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, Json));
        content.Headers.ContentType = new("application/json");
        using var response = await client.PostAsync(new Uri(url, UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST {url} answered {(int)response.StatusCode}: {text}");
        return text;
    }

    public TimeSpan CpuTime() => ProcessorTime.OfThisProcess() + host.CpuTime();

    /// <summary>
    /// The mean round trip of an empty request (<c>GET /health/live</c>: no body, no database, the whole middleware
    /// pipeline), one at a time on one connection: what any request costs here before it does anything.
    /// </summary>
    public async Task<double> EmptyRoundTripMsAsync(int warmup, int count)
    {
        using var client = Client(null);
        for (var i = 0; i < warmup; i++) await HealthAsync(client);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < count; i++) await HealthAsync(client);
        return clock.Elapsed.TotalMilliseconds / count;

        static async Task HealthAsync(HttpClient client)
        {
            using var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsStringAsync();
        }
    }

    /// <summary>
    /// The host's histograms of request time (the whole pipeline, from the first middleware) and engine command time,
    /// summed over their labels. The scrape is a request too: one request and its short time more in the next reading.
    /// </summary>
    public async Task<HostTimes?> HostTimesAsync()
    {
        var text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        double Sum(string series) => text.Split('\n')
            .Where(l => l.StartsWith(series, StringComparison.Ordinal) && (l.Length == series.Length || l[series.Length] is ' ' or '{'))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        return new HostTimes((long)Sum("weft_http_request_duration_seconds_count"), Sum("weft_http_request_duration_seconds_sum"),
            (long)Sum("weft_flow_command_duration_seconds_count"), Sum("weft_flow_command_duration_seconds_sum"), host.CpuTime());
    }

    /// <summary>
    /// A browser's session on the host: the admin, working as <paramref name="agent"/> (so My work shows that agent's
    /// queue), signed in through the sign-in form with its anti-forgery token, holding the session cookie.
    /// </summary>
    public async Task<HttpClient> SignedInBrowserAsync(string agent)
    {
        var users = await http.GetFromJsonAsync<Page<UserOnly>>(new Uri("/api/v1/users?limit=100", UriKind.Relative), Json)
            ?? throw new InvalidOperationException("No users.");
        var admin = users.Items.Single(u => u.Email == HostProcess.AdminEmail);
        using (var link = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(new { agent }, Json)))
        {
            link.Headers.ContentType = new("application/json");
            using var linked = await http.PatchAsync(new Uri($"/api/v1/users/{admin.Id}", UriKind.Relative), link);
            linked.EnsureSuccessStatusCode();
        }
        var browser = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = host.Address,
            Timeout = TimeSpan.FromSeconds(100),
        };
        var form = await browser.GetStringAsync(new Uri("/sign-in", UriKind.Relative));
        var token = System.Text.RegularExpressions.Regex.Match(form, "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\"");
        using var signIn = await browser.PostAsync(new Uri("/sign-in", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [token.Groups[1].Value] = System.Net.WebUtility.HtmlDecode(token.Groups[2].Value),
            ["returnUrl"] = "/",
            ["email"] = HostProcess.AdminEmail,
            ["password"] = host.AdminPassword,
        }));
        if (signIn.StatusCode != System.Net.HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Signing in through the form answered {(int)signIn.StatusCode}.");
        return browser;
    }

    private sealed record UserOnly(long Id, string Email);

    private sealed record IdOnly(long Id);

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        foreach (var client in agents.Values) client.Dispose();
        await host.DisposeAsync();
    }
}
