using System.Collections.Concurrent;
using Weft.Identity.Persistence;
using Weft.Platform.Changes;

namespace Weft.Identity.Callers;

/// <summary>
/// API keys as their last lookup found them, so that a program's requests do not each read their key again (ADR 0015).
/// A tenant's keys are forgotten at every committed change of its key table: at once for changes made in this process,
/// and on PostgreSQL for those of other processes too (relayed by the change feed). A remembered key is read again after
/// <see cref="Lifetime"/> whatever happens, which bounds how long a change the feed missed can go unseen. Keys that do not
/// exist are never remembered. Whether a key has expired is decided at each request, from the remembered expiry.
/// </summary>
internal sealed class ApiKeyCache(ChangeFeed feed, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
    public const string KeysTable = "identity_api_keys";
    private const int MostKeys = 10_000;

    private readonly ConcurrentDictionary<(long Tenant, long Id), (ApiKeyRecord Key, DateTimeOffset Until)> keys = new();
    private readonly ConcurrentDictionary<long, Lazy<Tenant>> tenants = new();

    /// <summary>The key as last read, if that was less than <see cref="Lifetime"/> ago and its tenant's keys have not changed since.</summary>
    public ApiKeyRecord? Find(long tenant, long id) =>
        keys.TryGetValue((tenant, id), out var entry) && entry.Until > clock.GetUtcNow() ? entry.Key : null;

    /// <summary>Where the tenant's keys are in their changes: read before a lookup, handed to <see cref="Remember"/> after it.</summary>
    public long Generation(long tenant) => Interlocked.Read(ref Watch(tenant).Generation);

    /// <summary>Remembers a key read from the database, unless the tenant's keys changed while it was being read.</summary>
    public void Remember(long tenant, ApiKeyRecord key, long generation)
    {
        var watched = Watch(tenant);
        if (keys.Count >= MostKeys) keys.Clear();
        keys[(tenant, key.Id)] = (key, clock.GetUtcNow() + Lifetime);
        // A change committed during the read: what was read may be older than it, so it is not kept.
        if (Interlocked.Read(ref watched.Generation) != generation) keys.TryRemove((tenant, key.Id), out _);
    }

    // One subscription per tenant, for the life of the process (Lazy: two first requests racing subscribe once).
    private Tenant Watch(long tenant) => tenants.GetOrAdd(tenant, t => new Lazy<Tenant>(() =>
    {
        var watched = new Tenant();
        feed.Subscribe(t, [KeysTable], _ => Forget(t, watched));
        return watched;
    })).Value;

    private void Forget(long tenant, Tenant watched)
    {
        Interlocked.Increment(ref watched.Generation);
        foreach (var key in keys.Keys.Where(k => k.Tenant == tenant).ToList()) keys.TryRemove(key, out _);
    }

    private sealed class Tenant
    {
        public long Generation;
    }
}
