using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Weft.Testing;
using Xunit.Abstractions;

namespace Weft.Host.Tests.Infrastructure;

/// <summary>
/// The real host in a process of its own (<c>dotnet Weft.Host.dll</c>) on a test database, so a test
/// can kill it the hard way and start another one on the same data.
/// </summary>
public sealed class ChildHost : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private const int KeptLines = 3000;

    private readonly Process process;

    private ChildHost(Process process, Uri address)
    {
        this.process = process;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri Address { get; }
    public HttpClient Client { get; }
    public int ProcessId => process.Id;

    /// <summary>Starts the host on <paramref name="database"/>, its output kept in <paramref name="output"/>, and returns once /health/ready answers 200.</summary>
    public static async Task<ChildHost> StartAsync(TestDatabase database, ConcurrentQueue<string> output)
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
        info.Environment["Weft__Database__Provider"] = database.Provider;
        info.Environment["ConnectionStrings__Weft"] = database.ConnectionString;
        info.Environment["Weft__Demo__Enabled"] = "false";

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
