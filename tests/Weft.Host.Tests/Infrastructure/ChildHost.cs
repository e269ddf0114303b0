using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Weft.Testing;
using Xunit.Abstractions;

namespace Weft.Host.Tests.Infrastructure;

/// <summary>
/// The real host in a process of its own (<c>dotnet Weft.Host.dll</c>) on a test database, so a test
/// can kill it the hard way and start another one on the same data. It starts with the same
/// bootstrap admin, signing key and (huge) rate limits as <see cref="WeftApi"/>; <see cref="Client"/>
/// calls with an admin API key holding every scope, which lives in the database and so outlives the process.
/// </summary>
public sealed class ChildHost : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private const int KeptLines = 3000;

    private readonly Process process;
    private readonly List<HttpClient> clients = [];

    private ChildHost(Process process, Uri address)
    {
        this.process = process;
        Address = address;
        Client = NewClient(null);
    }

    public Uri Address { get; }

    /// <summary>Calls as the tenant's admin, with <see cref="AdminKey"/>.</summary>
    public HttpClient Client { get; }

    /// <summary>The admin API key (scopes flow:write, production:write, commerce:write, admin, metrics:read) <see cref="Client"/> sends.</summary>
    public string AdminKey { get; private set; } = "";

    public int ProcessId => process.Id;

    /// <summary>The settings every child host starts with, as environment variables.</summary>
    public static IReadOnlyDictionary<string, string> Settings(TestDatabase database) => new Dictionary<string, string>
    {
        ["Weft__Database__Provider"] = database.Provider,
        ["ConnectionStrings__Weft"] = database.ConnectionString,
        ["Weft__Demo__Enabled"] = "false",
        ["Weft__Bootstrap__AdminEmail"] = WeftApi.AdminEmail,
        ["Weft__Bootstrap__AdminPassword"] = WeftApi.AdminPassword,
        ["Weft__Auth__SigningKey"] = WeftApi.SigningKey,
        // The load sends thousands of commands per caller; the limits themselves are tested elsewhere.
        ["Weft__RateLimits__RequestsPerMinute"] = "100000000",
        ["Weft__RateLimits__SignInPerMinute"] = "100000",
    };

    /// <summary>
    /// Starts the host on <paramref name="database"/>, its output kept in <paramref name="output"/>, and returns once
    /// /health/ready answers 200 and <see cref="Client"/> is signed in: with <paramref name="adminKey"/> (a key made by an
    /// earlier host on the same database), or else with a new admin API key made after signing in with the admin's password.
    /// <paramref name="settings"/> (environment variables, e.g. <c>Weft__Events__Enabled</c>) add to or replace <see cref="Settings"/>.
    /// </summary>
    public static async Task<ChildHost> StartAsync(TestDatabase database, ConcurrentQueue<string> output, string? adminKey = null,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var dll = HostAssembly();
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        // The dotnet CLI names its own executable in DOTNET_HOST_PATH; fall back to the one on PATH.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } p && File.Exists(p) ? p : "dotnet";
        var info = new ProcessStartInfo(dotnet)
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(address.ToString().TrimEnd('/'));
        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in Settings(database)) info.Environment[name] = value;
        foreach (var (name, value) in settings ?? new Dictionary<string, string>()) info.Environment[name] = value;

        var process = new Process { StartInfo = info };
        var tag = "";
        void Keep(string? line)
        {
            if (line is null) return;
            output.Enqueue(tag + line);
            while (output.Count > KeptLines) output.TryDequeue(out _);
        }
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data is null ? null : "[stderr] " + e.Data);
        process.Start();
        tag = $"[pid {process.Id}] ";
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var host = new ChildHost(process, address);
        try
        {
            await host.WaitUntilReadyAsync();
            await host.SignInAsync(adminKey);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = Stopwatch.StartNew();
        using var probe = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        while (deadline.Elapsed < StartTimeout)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The host process exited with code {process.ExitCode} before it was ready.");
            try
            {
                using var response = await probe.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The host at {Address} was not ready within {StartTimeout.TotalSeconds} s.");
    }

    private async Task SignInAsync(string? adminKey)
    {
        if (adminKey is null)
        {
            using var anonymous = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
            var token = (await AnswerAsync(anonymous, HttpMethod.Post, "/api/v1/auth/token",
                new { email = WeftApi.AdminEmail, password = WeftApi.AdminPassword }, null))["accessToken"]!.GetValue<string>();
            adminKey = (await AnswerAsync(anonymous, HttpMethod.Post, "/api/v1/api-keys",
                new { name = "tests-admin", scopes = new[] { "flow:write", "production:write", "commerce:write", "ai:write", "support:write", "market:write", "admin", "metrics:read" } }, "Bearer " + token))["key"]!.GetValue<string>();
        }
        AdminKey = adminKey;
        Client.DefaultRequestHeaders.Authorization = new("ApiKey", adminKey);
    }

    /// <summary>Makes an API key for a program acting as <paramref name="agent"/> (which must exist), with the flow:write scope.</summary>
    public async Task<string> CreateAgentKeyAsync(string agent) =>
        (await AnswerAsync(Client, HttpMethod.Post, "/api/v1/api-keys", new { name = "agent " + agent, scopes = new[] { "flow:write" }, agent }, null))
            ["key"]!.GetValue<string>();

    /// <summary>A client of this host sending <c>Authorization: ApiKey <paramref name="apiKey"/></c> (none when null); disposed with the host.</summary>
    public HttpClient CreateClient(string? apiKey)
    {
        var client = NewClient(apiKey);
        lock (clients) clients.Add(client);
        return client;
    }

    private HttpClient NewClient(string? apiKey)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        if (apiKey is not null) client.DefaultRequestHeaders.Authorization = new("ApiKey", apiKey);
        return client;
    }

    private static async Task<JsonNode> AnswerAsync(HttpClient client, HttpMethod method, string url, object body, string? authorization)
    {
        using var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body, options: WeftApi.Json) };
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {url} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>SIGKILL on Linux: no shutdown hooks, no flushing, nothing graceful.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        lock (clients)
        {
            foreach (var client in clients) client.Dispose();
            clients.Clear();
        }
        try
        {
            await KillAsync();
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            // Already gone, or it would not die in time; either way there is nothing more to do.
        }
        process.Dispose();
    }

    /// <summary>Weft.Host.dll from the test output (the project reference copies it), else from the host's own build.</summary>
    public static string HostAssembly()
    {
        var here = Path.Combine(AppContext.BaseDirectory, "Weft.Host.dll");
        if (File.Exists(here) && File.Exists(Path.ChangeExtension(here, ".runtimeconfig.json"))) return here;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var bin = Path.Combine(dir.FullName, "src", "Weft.Host", "bin");
            if (!Directory.Exists(bin)) continue;
            var found = Directory.EnumerateFiles(bin, "Weft.Host.dll", SearchOption.AllDirectories)
                .Where(f => File.Exists(Path.ChangeExtension(f, ".runtimeconfig.json")))
                .OrderByDescending(File.GetLastWriteTimeUtc)
                .FirstOrDefault();
            if (found is not null) return found;
        }
        throw new FileNotFoundException("Weft.Host.dll (with its runtimeconfig.json) was not found next to the tests nor under src/Weft.Host/bin.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
