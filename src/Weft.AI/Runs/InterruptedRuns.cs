using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Weft.Platform.Tenancy;

namespace Weft.AI.Runs;

/// <summary>
/// Ends the runs a host stopped in the middle of (killed, or the machine gone): a run still <c>running</c> longer than
/// any run can take (<c>Weft:AI:RunTimeoutMinutes</c>, 30 by default: far beyond the providers' timeouts times the
/// chain and its tool rounds) is marked failed with <c>run_interrupted</c>, so that nobody waits for it and it shows
/// as what it is. Looks every <c>Weft:AI:RunSweepSeconds</c> (300), tenant by tenant, and once at start.
/// </summary>
internal sealed class InterruptedRuns(AiDb data, ITenantDirectory tenants, IConfiguration config, ILogger<InterruptedRuns> logger) : BackgroundService
{
    public const string Code = "run_interrupted";

    public TimeSpan RunTimeout => TimeSpan.FromMinutes(config.GetValue("Weft:AI:RunTimeoutMinutes", 30.0));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromSeconds(config.GetValue("Weft:AI:RunSweepSeconds", 300.0));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var ended = await SweepAsync(stoppingToken);
                if (ended > 0) logger.LogWarning("Marked {Count} interrupted AI run(s) failed", ended);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The sweep of interrupted AI runs failed; retrying at the next one");
            }
            try
            {
                await Task.Delay(every, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Marks every tenant's runs started more than <see cref="RunTimeout"/> ago and still running as failed: how many.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var before = data.Now - RunTimeout;
        var ended = 0;
        var message = $"The run was still running {RunTimeout.TotalMinutes:0} minutes after it started: the host that ran it stopped. Ask again.";
        foreach (var tenant in await tenants.TenantIdsAsync(ct))
        {
            ended += await data.ChangeAsync(tenant, db => db.Runs
                .Where(r => r.State == RunStates.Running && r.StartedAt < before)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(r => r.State, RunStates.Failed)
                    .SetProperty(r => r.ErrorCode, Code)
                    .SetProperty(r => r.Error, message)
                    .SetProperty(r => r.EndedAt, data.Now), ct), ct);
        }
        return ended;
    }
}
