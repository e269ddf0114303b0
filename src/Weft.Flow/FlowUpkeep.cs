using Microsoft.EntityFrameworkCore;
using Weft.Flow.Contracts;
using Weft.Flow.Runtime;

namespace Weft.Flow;

/// <summary>
/// What the host's background services do for a tenant: fire due timers, sweep ready work, find the next timer,
/// forget old idempotency keys, count by state for monitoring. Reached through <see cref="FlowEngine.Upkeep"/>.
/// </summary>
public sealed class FlowUpkeep
{
    private readonly TenantRuntime runtime;

    internal FlowUpkeep(TenantRuntime runtime) => this.runtime = runtime;

    /// <summary>Fires the tenant's due timers (at most 200 in one transaction); the host calls this periodically, tests call it directly.</summary>
    public Task<SweepResult> RunDueTimersAsync(CancellationToken ct = default) =>
        runtime.ExecuteAsync(CommandContext.System, async s =>
        {
            var fired = await s.DueTimers.FireDueTimersAsync(200);
            await s.FlushAsync(ct);
            return new SweepResult(0, fired);
        }, ct);

    /// <summary>
    /// Assigns ready work to eligible agents across the tenant: the safety net for work no command could assign.
    /// The host calls it periodically; tests call it directly.
    /// </summary>
    public Task<SweepResult> SweepAsync(CancellationToken ct = default) =>
        runtime.ExecuteAsync(CommandContext.System, async s =>
        {
            var assigned = await s.Assignment.SweepAsync();
            await s.FlushAsync(ct);
            return new SweepResult(assigned, 0);
        }, ct);

    /// <summary>When the tenant's next timer falls due, or null when it has none.</summary>
    public Task<DateTime?> NextTimerDueAsync(CancellationToken ct = default) =>
        runtime.ReadAsync(db => db.Timers.OrderBy(t => t.DueAt).Select(t => (DateTime?)t.DueAt).FirstOrDefaultAsync(ct), ct);

    /// <summary>Counts by state for monitoring: (metric name, help, state → count).</summary>
    public Task<IReadOnlyList<(string Name, string Help, IReadOnlyDictionary<string, int> Values)>> GaugesAsync(CancellationToken ct = default) =>
        runtime.ReadAsync<IReadOnlyList<(string, string, IReadOnlyDictionary<string, int>)>>(async db =>
        [
            ("weft_jobs", "Jobs by state.",
                await db.Jobs.GroupBy(j => j.State).Select(g => new { g.Key, C = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.C, ct)),
            ("weft_work_items", "Work items by state.",
                await db.WorkItems.GroupBy(j => j.State).Select(g => new { g.Key, C = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.C, ct)),
            ("weft_tokens", "Tokens by state.",
                await db.Tokens.GroupBy(j => j.State).Select(g => new { g.Key, C = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.C, ct)),
            ("weft_inbox_entries", "Manager inbox entries by state.",
                await db.Inbox.GroupBy(j => j.State).Select(g => new { g.Key, C = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.C, ct)),
        ], ct);

    /// <summary>
    /// Forgets idempotency keys older than <paramref name="keepFor"/>: a retry after that long is a
    /// new request. Returns how many were removed.
    /// </summary>
    public Task<int> PurgeIdempotencyKeysAsync(TimeSpan keepFor, CancellationToken ct = default) =>
        runtime.ReadAsync(db =>
        {
            var before = runtime.Clock.GetUtcNow().UtcDateTime - keepFor;
            return db.IdempotencyKeys.Where(k => k.CreatedAt < before).ExecuteDeleteAsync(ct);
        }, ct);
}
