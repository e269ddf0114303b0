using Microsoft.EntityFrameworkCore;

namespace Weft.Flow;

public sealed partial class FlowEngine
{
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
}

public sealed partial class FlowEngine
{
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
