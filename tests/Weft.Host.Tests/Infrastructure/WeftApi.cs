using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Weft.Flow;
using Weft.Testing;

namespace Weft.Host.Tests.Infrastructure;

/// <summary>
/// The real host (WebApplicationFactory) on a database of its own, with a hand-moved clock and the
/// background timer service switched off so tests decide when timers run.
/// </summary>
public sealed class WeftApi : IAsyncDisposable
{
    private readonly bool ownsDatabase;
    private WebApplicationFactory<Program> factory;

    private WeftApi(TestDatabase database, ManualClock clock, bool ownsDatabase)
    {
        Database = database;
        Clock = clock;
        this.ownsDatabase = ownsDatabase;
        factory = Create(database, clock);
        Client = factory.CreateClient();
    }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public TestDatabase Database { get; }
    public ManualClock Clock { get; }
    public HttpClient Client { get; private set; }
    public IServiceProvider Services => factory.Services;
    public FlowEngine Engine => factory.Services.GetRequiredService<FlowEngine>();

    public static async Task<WeftApi> StartAsync(string provider)
    {
        var api = new WeftApi(await TestDatabases.CreateAsync(provider), new ManualClock(), ownsDatabase: true);
        await api.EnsureStartedAsync();
        return api;
    }

    private Task EnsureStartedAsync()
    {
        // Creating the client starts the host, which migrates the database in PrepareAsync.
        _ = factory.Services;
        return Task.CompletedTask;
    }

    /// <summary>Stops the host and starts a new one on the same database and clock.</summary>
    public async Task RestartAsync()
    {
        Client.Dispose();
        await factory.DisposeAsync();
        factory = Create(Database, Clock);
        Client = factory.CreateClient();
    }

    private static WebApplicationFactory<Program> Create(TestDatabase database, ManualClock clock) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("Weft:Database:Provider", database.Provider);
            b.UseSetting("ConnectionStrings:Weft", database.ConnectionString);
            b.UseSetting("Weft:Demo:Enabled", "false");
            b.UseSetting("Weft:Runtime:Enabled", "false");
            b.ConfigureServices(s =>
            {
                s.RemoveAll<TimeProvider>();
                s.AddSingleton<TimeProvider>(clock);
            });
        });

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is string raw) request.Content = new StringContent(raw, System.Text.Encoding.UTF8, "application/json");
        else if (body is not null) request.Content = JsonContent.Create(body, options: Json);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostAsync(string url, object? body = null, string? idempotencyKey = null) =>
        SendAsync(HttpMethod.Post, url, body, idempotencyKey);

    public Task<HttpResponseMessage> GetAsync(string url) => SendAsync(HttpMethod.Get, url);

    /// <summary>Sends and insists on a success status, returning the JSON body.</summary>
    public async Task<JsonNode> OkAsync(HttpMethod method, string url, object? body = null)
    {
        using var response = await SendAsync(method, url, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new Xunit.Sdk.XunitException($"{method} {url} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await factory.DisposeAsync();
        if (ownsDatabase) await Database.DisposeAsync();
    }
}
