using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Weft.Host;

namespace Weft.E2E.Infrastructure;

/// <summary>
/// The real host, in this process, for one test class: demo data on a fresh SQLite file in a folder of
/// its own, listening on a free loopback port. Development mode serves the modules' and MudBlazor's
/// static assets from the build output, as <c>dotnet run</c> does.
/// </summary>
public sealed class WeftServer : IAsyncLifetime
{
    private readonly string dataPath = Path.Combine(Path.GetTempPath(), "weft-e2e", Guid.NewGuid().ToString("N"));
    private WebApplication? app;

    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(dataPath);
        app = WeftHost.Build(
        [
            "--urls", "http://127.0.0.1:0",
            "--environment", "Development",
            // The test runner is the entry assembly; the static asset manifests are the host's.
            "--applicationName", "Weft.Host",
            "--Weft:DataPath", dataPath,
            "--Weft:Demo:Enabled", "true",
            // The merchant's year of sales takes a while to write: commerce's browser tests make the data they need.
            "--Weft:Demo:Commerce", "false",
            // A sweep signs in every demo person more than once; the limit itself is tested in Weft.Host.Tests.
            "--Weft:RateLimits:SignInPerMinute", "1000",
            "--Logging:LogLevel:Default", "Warning",
        ]);
        await app.StartAsync();
        Address = new Uri(app.Urls.Single(u => u.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)) + "/");
        using var probe = new HttpClient { BaseAddress = Address };
        using var ready = await probe.GetAsync("/health/ready");
        ready.StatusCode.ShouldBe(HttpStatusCode.OK, "the host should be ready once started");
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(dataPath, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is cleaned by the system eventually.
        }
    }
}
