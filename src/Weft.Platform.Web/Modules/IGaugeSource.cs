namespace Weft.Platform.Web.Modules;

/// <summary>
/// Counts by state a module reports for one tenant: read for every tenant into gauges tagged with it,
/// and shown on <c>/metrics</c> to each caller for its own tenant.
/// </summary>
public interface IGaugeSource
{
    Task<IReadOnlyList<Gauge>> ReadAsync(long tenant, CancellationToken ct);
}
