using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Weft.Platform.Persistence;

namespace Weft.Bench;

/// <summary>
/// The real host built in this process (as the browser tests build it), with the settings <see cref="HostProcess"/> gives
/// its child process: so that what the host does per request can be observed from here (EF Core's diagnostic events),
/// at the price of sharing this process's processor and garbage collector with the client. For profiles, and for the
/// ledger's figures (<see cref="LedgerMoves"/>), which call a module's service in this process as the engine's figures do.
/// </summary>
internal sealed class InProcessHost : IHostUnderTest
{
    private readonly WebApplication app;

    private InProcessHost(WebApplication app, Uri address, string adminPassword)
    {
        this.app = app;
        Address = address;
        AdminPassword = adminPassword;
    }

    public Uri Address { get; }

    public string AdminPassword { get; }

    public TimeSpan CpuTime() => TimeSpan.Zero;

    /// <summary>The host's services, as its endpoints get them.</summary>
    public IServiceProvider Services => app.Services;

    public static async Task<InProcessHost> StartAsync(DatabaseOptions database)
    {
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var app = Weft.Host.WeftHost.Build(
        [
            "--urls", "http://127.0.0.1:0",
            "--environment", "Production",
            // This program is the entry assembly; the static asset manifests are the host's.
            "--applicationName", "Weft.Host",
            "--Weft:Database:Provider", database.Provider,
            "--ConnectionStrings:Weft", database.ConnectionString,
            "--Weft:Demo:Enabled", "false",
            // Its warnings (no web root here, a first start) and EF Core's report of the migration history it looks for
            // on a new database would land among the bench's figures.
            "--Logging:LogLevel:Default", "Error",
            "--Logging:LogLevel:Microsoft.EntityFrameworkCore", "None",
            "--Weft:Auth:SigningKey", Convert.ToHexString(RandomNumberGenerator.GetBytes(32)),
            "--Weft:RateLimits:RequestsPerMinute", "1000000000",
            "--Weft:RateLimits:PublicStartsPerMinute", "1000000000",
            "--Weft:Bootstrap:AdminEmail", HostProcess.AdminEmail,
            "--Weft:Bootstrap:AdminPassword", password,
        ]);
        await app.StartAsync();
        var address = new Uri(app.Urls.Single(u => u.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)));
        var host = new InProcessHost(app, address, password);
        using var http = new HttpClient { BaseAddress = address };
        var clock = Stopwatch.StartNew();
        // Startup work (migrations, the bootstrap admin) finishes in the background: wait until the host says it is ready.
        while (!(await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).IsSuccessStatusCode)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException("The host in this process did not become ready within 60 s.");
            await Task.Delay(100);
        }
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
