using Microsoft.Extensions.Diagnostics.HealthChecks;
using Weft.Platform.Persistence;

namespace Weft.Platform.Web.Hosting;

/// <summary>Ready when the database answers.</summary>
internal sealed class DatabaseHealthCheck(DatabaseOptions database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await DatabaseSetup.CanConnectAsync(database, cancellationToken)
                ? HealthCheckResult.Healthy($"{database.Provider} reachable")
                : HealthCheckResult.Unhealthy($"{database.Provider} unreachable");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy(ex.Message);
        }
    }
}
