using System.Collections.Concurrent;

namespace Weft.Platform.Changes;

/// <summary>
/// The per-tenant feed of committed changes that live pages subscribe to: fed by this process's
/// commits (<see cref="CommitSignals"/>) and, on PostgreSQL, by other processes' commits relayed with
/// LISTEN/NOTIFY (<see cref="PostgresChangeRelay"/>). A notice says which tables changed, not how: a
/// subscriber reads again what it shows. Notices are hints for the screen, never the record: the
/// database is.
/// </summary>
public sealed class ChangeFeed
{
    private readonly ConcurrentDictionary<long, Subscription> subscriptions = new();
    private long next;

    public ChangeFeed(CommitSignals signals) => signals.Committed += Publish;

    /// <summary>
    /// Calls <paramref name="onChange"/> for every committed change of <paramref name="tenant"/> that
    /// touches one of <paramref name="tables"/> (any table when null). Dispose the answer to stop.
    /// The callback runs on the committing thread: it should hand the work off, not do it.
    /// </summary>
    public IDisposable Subscribe(long tenant, IReadOnlyCollection<string>? tables, Action<ChangeNotice> onChange)
    {
        var id = Interlocked.Increment(ref next);
        subscriptions[id] = new Subscription(tenant, tables?.ToHashSet(StringComparer.Ordinal), onChange);
        return new Unsubscriber(() => subscriptions.TryRemove(id, out _));
    }

    /// <summary>Delivers a notice to the tenant's subscribers (local commits, and relayed remote ones).</summary>
    public void Publish(ChangeNotice notice)
    {
        foreach (var subscription in subscriptions.Values)
        {
            if (subscription.Tenant != notice.Tenant) continue;
            if (subscription.Tables is { } tables && !notice.Touches(tables)) continue;
            try
            {
                subscription.OnChange(notice);
            }
            catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException)
            {
                // A page that went away while the notice was on its way.
            }
        }
    }

    private sealed record Subscription(long Tenant, HashSet<string>? Tables, Action<ChangeNotice> OnChange);

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0) dispose();
        }
    }
}
