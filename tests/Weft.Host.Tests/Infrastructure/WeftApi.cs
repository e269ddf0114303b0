using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Weft.Flow;
using Weft.Testing;

namespace Weft.Host.Tests.Infrastructure;

/// <summary>
/// The real host (WebApplicationFactory) on a database of its own, with a hand-moved clock and the
/// background timer service and event delivery switched off so tests decide when timers run and
/// integration events are delivered. The first start creates
/// tenant 1 with the admin <see cref="AdminEmail"/>; <see cref="Client"/> calls as that tenant with an
/// admin API key holding every scope, and <see cref="As"/> gives a caller acting as an agent.
/// </summary>
public sealed class WeftApi : IAsyncDisposable
{
    public const string AdminEmail = "admin@test.weft";
    public const string AdminPassword = "admin-password-1";
    /// <summary>The signing key the test hosts use, so tests can mint tokens (an expired one, say).</summary>
    public const string SigningKey = "weft-tests-signing-key-0123456789-abcdefghijklmnop";

    private readonly bool ownsDatabase;
    private readonly IReadOnlyDictionary<string, string?> settings;
    private readonly Dictionary<string, string> agentKeys = [];
    private readonly Dictionary<string, HttpClient> agentClients = [];
    private WebApplicationFactory<Program> factory;

    private readonly Action<IServiceCollection>? services;

    private WeftApi(TestDatabase database, ManualClock clock, bool ownsDatabase, IReadOnlyDictionary<string, string?>? settings,
        Action<IServiceCollection>? services = null)
    {
        Database = database;
        Clock = clock;
        this.ownsDatabase = ownsDatabase;
        this.settings = settings ?? new Dictionary<string, string?>();
        this.services = services;
        factory = Create(database, clock, this.settings, services);
        Client = factory.CreateClient();
    }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public TestDatabase Database { get; }
    public ManualClock Clock { get; }

    /// <summary>Calls as the tenant's admin, with an API key holding every scope (and no agent).</summary>
    public HttpClient Client { get; private set; }

    /// <summary>The admin API key <see cref="Client"/> sends.</summary>
    public string AdminKey { get; private set; } = "";

    public IServiceProvider Services => factory.Services;

    /// <summary>The engine of tenant 1, the tenant the tests' callers belong to.</summary>
    public FlowEngine Engine => factory.Services.GetRequiredService<FlowEngines>().For(1);

    /// <param name="settings">Host settings that replace the test defaults (rate limits, CORS, …).</param>
    /// <param name="services">Services added after the host's own (a test's integration event handler, say).</param>
    public static async Task<WeftApi> StartAsync(string provider, IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var api = new WeftApi(await TestDatabases.CreateAsync(provider), new ManualClock(), ownsDatabase: true, settings, services);
        await api.SignInAdminAsync();
        return api;
    }

    /// <summary>A second host on the same database (another process in production), with its own settings.</summary>
    /// <param name="signInAdmin">
    /// Whether <see cref="Client"/> signs in as <see cref="AdminEmail"/> and calls with a new admin API key; without it,
    /// <see cref="Client"/> sends no credentials and nothing is written (a database whose people the test made itself).
    /// </param>
    public static async Task<WeftApi> AttachAsync(TestDatabase database, ManualClock clock, IReadOnlyDictionary<string, string?>? settings = null,
        bool signInAdmin = true)
    {
        var api = new WeftApi(database, clock, ownsDatabase: false, settings);
        if (signInAdmin) await api.SignInAdminAsync();
        return api;
    }

    private async Task SignInAdminAsync()
    {
        // Creating the client started the host, which migrated the database and created the admin.
        var token = await TokenAsync(AdminEmail, AdminPassword);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/api-keys")
        {
            Content = JsonContent.Create(new { name = "tests-admin", scopes = new[] { "flow:write", "production:write", "ai:write", "commerce:write", "support:write", "market:write", "admin", "metrics:read" } }, options: Json),
        };
        request.Headers.Authorization = new("Bearer", token);
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Creating the admin API key answered {(int)response.StatusCode}: {text}");
        AdminKey = JsonNode.Parse(text)!["key"]!.GetValue<string>();
        Client.DefaultRequestHeaders.Authorization = new("ApiKey", AdminKey);
    }

    /// <summary>Signs in with a password and returns the access token.</summary>
    public async Task<string> TokenAsync(string email, string password)
    {
        using var anonymous = CreateClient();
        using var response = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { email, password }, Json);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Sign-in of {email} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!["accessToken"]!.GetValue<string>();
    }

    /// <summary>Opens WebSockets to the host in memory (a chat widget's, a live screen's).</summary>
    public Microsoft.AspNetCore.TestHost.WebSocketClient CreateWebSocketClient(string? authorization = null)
    {
        var client = factory.Server.CreateWebSocketClient();
        if (authorization is not null) client.ConfigureRequest = r => r.Headers.Authorization = authorization;
        return client;
    }

    /// <summary>A client with no credentials, or with the given Authorization header value.</summary>
    public HttpClient CreateClient(string? authorization = null)
    {
        var client = factory.CreateClient();
        if (authorization is not null) client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        return client;
    }

    /// <summary>
    /// A caller acting as <paramref name="agent"/> (which must exist): a program with an API key
    /// linked to that agent and the <c>flow:write</c> scope. Created once per agent.
    /// </summary>
    public async Task<WeftCaller> AsAsync(string agent)
    {
        if (!agentClients.TryGetValue(agent, out var client))
        {
            if (!agentKeys.TryGetValue(agent, out var key))
            {
                var created = await OkAsync(HttpMethod.Post, "/api/v1/api-keys", new { name = "agent " + agent, scopes = new[] { "flow:write" }, agent });
                key = created["key"]!.GetValue<string>();
                agentKeys[agent] = key;
            }
            client = CreateClient("ApiKey " + key);
            agentClients[agent] = client;
        }
        return new WeftCaller(client);
    }

    /// <summary>Delivers every integration event due now, as the background delivery would shortly.</summary>
    public Task DrainEventsAsync() => Services.GetRequiredService<Weft.Platform.Events.EventDispatcher>().DrainAsync();

    /// <summary>Stops the host and starts a new one on the same database and clock; API keys stay valid.</summary>
    public async Task RestartAsync()
    {
        Client.Dispose();
        foreach (var c in agentClients.Values) c.Dispose();
        agentClients.Clear();
        await factory.DisposeAsync();
        factory = Create(Database, Clock, settings, services);
        Client = factory.CreateClient();
        if (AdminKey.Length > 0) Client.DefaultRequestHeaders.Authorization = new("ApiKey", AdminKey);
    }

    private static WebApplicationFactory<Program> Create(TestDatabase database, ManualClock clock, IReadOnlyDictionary<string, string?> settings,
        Action<IServiceCollection>? services) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            var all = new Dictionary<string, string?>
            {
                ["Weft:Database:Provider"] = database.Provider,
                ["ConnectionStrings:Weft"] = database.ConnectionString,
                ["Weft:Demo:Enabled"] = "false",
                ["Weft:Runtime:Enabled"] = "false",
                // Integration events are delivered when a test drains them (DrainEventsAsync), like timers run when it says.
                ["Weft:Events:Enabled"] = "false",
                // Webhook receivers in tests listen on 127.0.0.1.
                ["Weft:Webhooks:AllowPrivateNetworks"] = "true",
                ["Weft:Bootstrap:AdminEmail"] = AdminEmail,
                ["Weft:Bootstrap:AdminPassword"] = AdminPassword,
                ["Weft:Auth:SigningKey"] = SigningKey,
                // Tests drive thousands of commands per caller; the limits themselves are tested with their own settings.
                ["Weft:RateLimits:RequestsPerMinute"] = "100000000",
                ["Weft:RateLimits:SignInPerMinute"] = "100000",
                ["Weft:RateLimits:PublicStartsPerMinute"] = "100000",
            };
            foreach (var (k, v) in settings) all[k] = v;
            foreach (var (k, v) in all) b.UseSetting(k, v);
            b.ConfigureLogging(l => l.AddProvider(HostErrors.Provider(database.Name)));
            b.ConfigureServices(s =>
            {
                s.RemoveAll<TimeProvider>();
                s.AddSingleton<TimeProvider>(clock);
                services?.Invoke(s);
            });
        });

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body = null, string? idempotencyKey = null) =>
        WeftCaller.SendAsync(Client, method, url, body, idempotencyKey);

    public Task<HttpResponseMessage> PostAsync(string url, object? body = null, string? idempotencyKey = null) =>
        SendAsync(HttpMethod.Post, url, body, idempotencyKey);

    public Task<HttpResponseMessage> GetAsync(string url) => SendAsync(HttpMethod.Get, url);

    /// <summary>Sends and insists on a success status, returning the JSON body.</summary>
    public Task<JsonNode> OkAsync(HttpMethod method, string url, object? body = null) => WeftCaller.OkAsync(Client, method, url, body);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        foreach (var c in agentClients.Values) c.Dispose();
        await factory.DisposeAsync();
        if (ownsDatabase) await Database.DisposeAsync();
    }
}

/// <summary>One caller of the API (a person or a program), with the same helpers as <see cref="WeftApi"/>.</summary>
public sealed class WeftCaller(HttpClient client)
{
    public HttpClient Client => client;

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body = null, string? idempotencyKey = null) =>
        SendAsync(client, method, url, body, idempotencyKey);

    public Task<HttpResponseMessage> PostAsync(string url, object? body = null, string? idempotencyKey = null) =>
        SendAsync(HttpMethod.Post, url, body, idempotencyKey);

    public Task<JsonNode> OkAsync(HttpMethod method, string url, object? body = null) => OkAsync(client, method, url, body);

    internal static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, object? body, string? idempotencyKey)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is string raw) request.Content = new StringContent(raw, System.Text.Encoding.UTF8, "application/json");
        else if (body is not null) request.Content = JsonContent.Create(body, options: WeftApi.Json);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await client.SendAsync(request);
    }

    internal static async Task<JsonNode> OkAsync(HttpClient client, HttpMethod method, string url, object? body)
    {
        using var response = await SendAsync(client, method, url, body, null);
        var text = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode >= 500)
            throw new Xunit.Sdk.XunitException($"{method} {url} answered {(int)response.StatusCode}: {text}\nErrors the test hosts logged in the last minute:\n{HostErrors.Recent(TimeSpan.FromMinutes(1))}");
        if (!response.IsSuccessStatusCode)
            throw new Xunit.Sdk.XunitException($"{method} {url} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }
}
