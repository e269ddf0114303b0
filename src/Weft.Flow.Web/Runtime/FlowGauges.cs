using Weft.Platform.Web.Modules;

namespace Weft.Flow.Web.Runtime;

/// <summary>Jobs, work items, tokens and inbox entries by state, for <c>/metrics</c>.</summary>
internal sealed class FlowGauges(FlowEngines engines) : IGaugeSource
{
    public async Task<IReadOnlyList<Gauge>> ReadAsync(long tenant, CancellationToken ct) =>
        (await engines.For(tenant).Upkeep.GaugesAsync(ct)).Select(g => new Gauge(g.Name, g.Help, g.Values)).ToList();
}
