using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Weft.Platform.Tenancy;
using Weft.Platform.Web.Modules;

namespace Weft.Platform.Web.Telemetry;

/// <summary>
/// The modules' counts by state (<see cref="IGaugeSource"/>) for every tenant, as observable gauges
/// tagged <c>tenant</c> and <c>state</c>. Reading them costs a few queries per tenant, so they are
/// read into a snapshot at most every <c>Weft:Metrics:GaugeSeconds</c> (5): before a scrape, and in
/// the background when a push exporter collects.
/// </summary>
internal sealed class TenantGauges
{
    private readonly IEnumerable<IGaugeSource> sources;
    private readonly IServiceProvider services;
    private readonly ILogger<TenantGauges> logger;
    private readonly Meter meter;
    private readonly TimeSpan maxAge;
    private readonly SemaphoreSlim reading = new(1, 1);
    private readonly Dictionary<string, ObservableGauge<int>> instruments = [];
    private volatile Snapshot snapshot = new(0, new Dictionary<string, Measurement<int>[]>());

    public TenantGauges(IEnumerable<IGaugeSource> sources, IServiceProvider services, IMeterFactory meters, IConfiguration config, ILogger<TenantGauges> logger)
    {
        this.sources = sources;
        this.services = services;
        this.logger = logger;
        meter = meters.Create(WeftTelemetry.Name);
        maxAge = TimeSpan.FromSeconds(config.GetValue("Weft:Metrics:GaugeSeconds", 5.0));
    }

    // Real elapsed time, not the TimeProvider: tests move that clock by hand.
    private bool Fresh => snapshot.ReadAt != 0 && Stopwatch.GetElapsedTime(snapshot.ReadAt) < maxAge;

    public async Task RefreshAsync(CancellationToken ct)
    {
        if (Fresh) return;
        await reading.WaitAsync(ct);
        try
        {
            if (!Fresh) await ReadAsync(ct);
        }
        finally
        {
            reading.Release();
        }
    }

    private async Task ReadAsync(CancellationToken ct)
    {
        var tenants = services.GetService<ITenantDirectory>() is { } directory ? await directory.TenantIdsAsync(ct) : [];
        var help = new Dictionary<string, string>();
        var values = new Dictionary<(string Name, string Tenant, string State), int>();
        foreach (var tenant in tenants)
        {
            var label = tenant.ToString(CultureInfo.InvariantCulture);
            foreach (var source in sources)
            {
                foreach (var gauge in await source.ReadAsync(tenant, ct))
                {
                    help.TryAdd(gauge.Name, gauge.Help);
                    foreach (var (state, count) in gauge.ByState) values[(gauge.Name, label, state)] = count;
                }
            }
        }
        // A state that emptied reads 0: a gauge not observed again would go on showing its last value.
        foreach (var (name, measurements) in snapshot.ByName)
        {
            foreach (var m in measurements)
                values.TryAdd((name, (string)Tag(m, "tenant"), (string)Tag(m, "state")), 0);
        }
        snapshot = new Snapshot(Stopwatch.GetTimestamp(), values.GroupBy(v => v.Key.Name).ToDictionary(
            g => g.Key,
            g => g.Select(v => new Measurement<int>(v.Value, new("state", v.Key.State), new("tenant", v.Key.Tenant))).ToArray()));
        lock (instruments)
        {
            foreach (var (name, text) in help)
            {
                if (!instruments.ContainsKey(name))
                    instruments[name] = meter.CreateObservableGauge(name, () => Observe(name), unit: null, description: text);
            }
        }
    }

    private IEnumerable<Measurement<int>> Observe(string name)
    {
        if (!Fresh && reading.CurrentCount > 0) _ = RefreshInBackgroundAsync();
        return snapshot.ByName.TryGetValue(name, out var measurements) ? measurements : [];
    }

    private async Task RefreshInBackgroundAsync()
    {
        try
        {
            await RefreshAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Reading the gauges failed; the last figures stand");
        }
    }

    private static object Tag(Measurement<int> m, string key)
    {
        foreach (var tag in m.Tags)
        {
            if (tag.Key == key) return tag.Value!;
        }
        throw new InvalidOperationException($"A gauge measurement without the tag '{key}'.");
    }

    private sealed record Snapshot(long ReadAt, IReadOnlyDictionary<string, Measurement<int>[]> ByName);
}
