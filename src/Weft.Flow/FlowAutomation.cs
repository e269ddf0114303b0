using Microsoft.EntityFrameworkCore;
using Weft.Flow.Automation;
using Weft.Flow.Contracts;
using Weft.Flow.Runtime;

namespace Weft.Flow;

/// <summary>
/// The commands <see cref="AutomationRunner"/> gives for automated agents' work: claim due work under a lease,
/// complete or fail it, keep the lease alive.
/// </summary>
internal sealed class FlowAutomation
{
    private readonly TenantRuntime runtime;

    internal FlowAutomation(TenantRuntime runtime) => this.runtime = runtime;

    internal async Task<List<ClaimedWork>> ClaimAutomatedAsync(IReadOnlyCollection<string> agents, IReadOnlyCollection<string> capabilities, int max,
        TimeSpan lease, CancellationToken ct, IReadOnlyCollection<string>? kinds = null)
    {
        // Most commits that wake the runner bring no automated work: a read says so without taking a writer's turn.
        var now = runtime.Clock.GetUtcNow().UtcDateTime;
        if (!await runtime.ReadAsync(db => AutomationCommands.Due(db, agents, capabilities, now, kinds).AnyAsync(ct), ct)) return [];
        return await runtime.ExecuteAsync(CommandContext.System, async s =>
        {
            var claimed = await s.Automation.ClaimAutomatedAsync(agents, capabilities, max, lease, kinds);
            await s.FlushAsync(ct);
            return claimed;
        }, ct);
    }

    internal Task<bool> CompleteAutomatedAsync(ClaimedWork work, AgentResult result, double seconds, CancellationToken ct) =>
        runtime.ExecuteAsync(new CommandContext(work.Agent), async s =>
        {
            var done = await s.Automation.CompleteAutomatedAsync(work.WorkItemId, work.LeaseId, result, seconds);
            await s.FlushAsync(ct);
            return done;
        }, ct);

    internal Task<bool> FailAutomatedAsync(ClaimedWork work, string error, double seconds, bool final, CancellationToken ct) =>
        runtime.ExecuteAsync(new CommandContext(work.Agent), async s =>
        {
            await s.Automation.FailAutomatedAsync(work.WorkItemId, work.LeaseId, error, seconds, final);
            await s.FlushAsync(ct);
            return true;
        }, ct);

    internal Task<bool> HeartbeatAsync(ClaimedWork work, TimeSpan lease, CancellationToken ct) =>
        runtime.ExecuteAsync(CommandContext.System, s => s.Automation.HeartbeatAsync(work.WorkItemId, work.LeaseId, lease), ct);
}
