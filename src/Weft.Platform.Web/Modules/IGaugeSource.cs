namespace Weft.Platform.Web.Modules;

/// <summary>Counts by state a module reports on <c>/metrics</c> for the scraping caller's tenant.</summary>
public interface IGaugeSource
{
    Task<IReadOnlyList<Gauge>> ReadAsync(long tenant, CancellationToken ct);
}
