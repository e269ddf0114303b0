using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Weft.Flow.Automation;

/// <summary>
/// Runs automated agents' work: claims the due work items of the agents (or capabilities) this process
/// has handlers for, runs each handler outside any transaction while keeping its lease alive, and
/// completes or fails the item in one transaction. Several processes may run side by side: a lease
/// holds an item for one of them, and expires if that process dies. Each run is a span and is counted per agent.
/// </summary>
public sealed class AutomationRunner(
    FlowEngines engines, AgentHandlerRegistry handlers, IServiceScopeFactory scopes, ILogger<AutomationRunner> logger,
    IMeterFactory? meters = null)
{
    private readonly ExecutionMetrics metrics = new(meters);

    /// <summary>In a commit's <see cref="Weft.Platform.Changes.ChangeNotice.Topics"/>: it gave work to an automated agent a handler here does.</summary>
    public const string WorkAssignedTopic = "flow.automated_work";

    /// <summary>How long a run holds its item without a heartbeat (heartbeats come every third of it).</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>At most this many items are claimed in one go per tenant.</summary>
    public int Batch { get; init; } = 50;

    /// <summary>Claims the tenant's due automated work and starts running it; the tasks end when each item is completed or failed.</summary>
    public async Task<IReadOnlyList<Task>> StartDueAsync(long tenant, CancellationToken ct)
    {
        if (handlers.IsEmpty) return [];
        var engine = engines.For(tenant);
        var claimed = await engine.Automation.ClaimAutomatedAsync(handlers.Agents, handlers.Capabilities, Batch, Lease, ct, handlers.Kinds);
        return claimed.Select(work => Task.Run(() => RunAsync(engine, work, ct), CancellationToken.None)).ToList();
    }

    /// <summary>Claims and runs the tenant's due automated work to the end; returns how many items ran.</summary>
    public async Task<int> RunDueAsync(long tenant, CancellationToken ct = default)
    {
        var running = await StartDueAsync(tenant, ct);
        await Task.WhenAll(running);
        return running.Count;
    }

    private async Task RunAsync(FlowEngine engine, ClaimedWork work, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var activity = FlowTelemetry.Source.StartActivity("RunAutomated");
        activity?.SetTag("weft.tenant", engine.TenantId);
        activity?.SetTag("weft.agent", work.Agent);
        activity?.SetTag("weft.work_item", work.WorkItemId);
        activity?.SetTag("weft.attempt", work.Attempt);
        metrics.Started(engine.TenantId, work.Agent);
        using var stopHeartbeat = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var heartbeat = KeepLeaseAsync(engine, work, stopHeartbeat.Token);
        try
        {
            var type = handlers.Find(work.Agent, work.Capability, work.AgentKind)
                ?? throw new InvalidOperationException($"No handler does the work of agent '{work.Agent}' at capability '{work.Capability}'.");
            AgentResult result;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var handler = (IAgentHandler)scope.ServiceProvider.GetRequiredService(type);
                result = await handler.HandleAsync(new AgentWork(engine.TenantId, $"wi-{work.WorkItemId}", work.Attempt, work.WorkItemId, work.JobId,
                    work.Reference, work.TokenId, work.Agent, work.Graph, work.GraphVersion, work.Node, work.Capability, work.Data,
                    token => engine.Automation.HeartbeatAsync(work, Lease, token)), ct);
            }
            await stopHeartbeat.CancelAsync();
            var elapsed = clock.Elapsed;
            // False when the token was cancelled meanwhile: the agent did its part, the engine dropped the result.
            var recorded = await engine.Automation.CompleteAutomatedAsync(work, result, elapsed.TotalSeconds, ct);
            activity?.SetTag("weft.result_recorded", recorded);
            metrics.Ended(engine.TenantId, work.Agent, ExecutionMetrics.Succeeded, elapsed);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            await stopHeartbeat.CancelAsync();
            metrics.Ended(engine.TenantId, work.Agent, ExecutionMetrics.Failed, clock.Elapsed);
            activity?.AddException(e).SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            logger.LogWarning(e, "Automated work item {WorkItem} of agent {Agent} failed (attempt {Attempt})", work.WorkItemId, work.Agent, work.Attempt);
            try
            {
                await engine.Automation.FailAutomatedAsync(work, $"{e.GetType().Name}: {e.Message}", clock.Elapsed.TotalSeconds, e is WorkRefusedException, ct);
            }
            catch (Exception again) when (!ct.IsCancellationRequested)
            {
                // The lease runs out and another run takes the item: nothing is lost.
                logger.LogError(again, "Recording the failure of work item {WorkItem} failed", work.WorkItemId);
            }
        }
        finally
        {
            await stopHeartbeat.CancelAsync();
            try
            {
                await heartbeat;
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private async Task KeepLeaseAsync(FlowEngine engine, ClaimedWork work, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await Task.Delay(Lease / 3, ct);
            if (!await engine.Automation.HeartbeatAsync(work, Lease, ct)) return;
        }
    }
}
