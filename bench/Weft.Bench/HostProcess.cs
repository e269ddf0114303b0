using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Weft.Flow;
using Weft.Platform.Persistence;

namespace Weft.Bench;

/// <summary>
/// The real host as its own process (Kestrel on 127.0.0.1, a free port), on a given database, with
/// demo data off. Its first start creates the admin <see cref="AdminEmail"/> with a password made
/// for this run (<see cref="AdminPassword"/>), and its per-caller rate limits (all requests, and anonymous starts such as a widget's chat) are lifted so that it
/// does not cap the figures. Stopped (killed, it holds nothing that needs a clean stop here) on dispose.
/// </summary>
internal sealed class HostProcess : IHostUnderTest
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private HostProcess(Process process, Uri address, string adminPassword)
    {
        this.process = process;
        Address = address;
        AdminPassword = adminPassword;
    }

    public const string AdminEmail = "bench@weft.local";

    public Uri Address { get; }

    /// <summary>The bootstrap admin's password, new for each run.</summary>
    public string AdminPassword { get; }

    /// <summary>The host's last lines of output (warnings and errors), to explain a refusal.</summary>
    public string RecentOutput => string.Join('\n', output);

    public TimeSpan CpuTime()
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    public static async Task<HostProcess> StartAsync(DatabaseOptions database)
    {
        var hostDll = typeof(Weft.Host.WeftHost).Assembly.Location;
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo(DotnetExecutable())
        {
            WorkingDirectory = Path.GetDirectoryName(hostDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(hostDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.ToString().TrimEnd('/'));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Weft__Database__Provider"] = database.Provider;
        start.Environment["ConnectionStrings__Weft"] = database.ConnectionString;
        start.Environment["Weft__Demo__Enabled"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";

        start.Environment["Weft__Auth__SigningKey"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        start.Environment["Weft__RateLimits__RequestsPerMinute"] = "1000000000";
        start.Environment["Weft__RateLimits__PublicStartsPerMinute"] = "1000000000";

        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        start.Environment["Weft__Bootstrap__AdminEmail"] = AdminEmail;
        start.Environment["Weft__Bootstrap__AdminPassword"] = password;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {hostDll}.");
        var host = new HostProcess(process, address, password);
        process.OutputDataReceived += (_, e) => host.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Console.CancelKeyPress += (_, _) => host.Stop();
        try
        {
            await host.WaitUntilReadyAsync();
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
        return host;
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        // The host is a separate process: poll its readiness, for a bounded time.
        while (clock.Elapsed < StartTimeout)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The host exited with code {process.ExitCode}:\n{string.Join('\n', output)}");
            try
            {
                using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The host did not become ready within {StartTimeout.TotalSeconds} s:\n{string.Join('\n', output)}");
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        output.Enqueue(line);
        while (output.Count > 40) output.TryDequeue(out _);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>The dotnet that runs this process, so the host runs on the same runtime.</summary>
    private static string DotnetExecutable()
    {
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
    }

    private void Stop()
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        Stop();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
        }
        process.Dispose();
    }
}
