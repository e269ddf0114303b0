using System.Collections.Concurrent;

namespace Weft.Support.Live;

/// <summary>
/// Who has which conversation open, and who is writing in it, per tenant, in this process's memory: each screen (a
/// workspace page, or an API client) says it is there and renews that; what is not renewed within <see cref="Expiry"/>
/// (typing within <see cref="TypingExpiry"/>) is gone, so a screen that died without leaving drops out by itself.
/// Watchers of a conversation are told when someone comes, goes, or starts or stops writing.
/// </summary>
internal sealed class SupportPresence(TimeProvider clock)
{
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(90);
    public static readonly TimeSpan TypingExpiry = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<(long Tenant, long Conversation), ConcurrentDictionary<string, Seen>> rooms = new();
    private readonly ConcurrentDictionary<long, Watcher> watchers = new();
    private long nextWatcher;

    private sealed record Seen(string Person, string Name, DateTime Until, DateTime? TypingUntil);

    private sealed record Watcher(long Tenant, long Conversation, Action Changed);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// <paramref name="person"/> has the conversation open on the screen <paramref name="session"/> (one person may have
    /// several), writing when <paramref name="typing"/> is true; null keeps whether they were.
    /// </summary>
    public void Here(long tenant, long conversation, string session, string person, string name, bool? typing)
    {
        var room = rooms.GetOrAdd((tenant, conversation), _ => new ConcurrentDictionary<string, Seen>());
        var now = Now;
        room.TryGetValue(session, out var before);
        var wasTyping = before is { TypingUntil: { } t } && t > now;
        var isTyping = typing ?? wasTyping;
        room[session] = new Seen(person, name, now + Expiry, isTyping ? now + TypingExpiry : null);
        if (before is null || before.Until <= now || wasTyping != isTyping) Notify(tenant, conversation);
    }

    /// <summary>The screen <paramref name="session"/> closed the conversation.</summary>
    public void Leave(long tenant, long conversation, string session)
    {
        if (rooms.TryGetValue((tenant, conversation), out var room) && room.TryRemove(session, out _)) Notify(tenant, conversation);
    }

    /// <summary>The others with the conversation open (not <paramref name="person"/>), by name, writing if any of their screens is.</summary>
    public IReadOnlyList<PresenceEntry> Others(long tenant, long conversation, string person)
    {
        if (!rooms.TryGetValue((tenant, conversation), out var room)) return [];
        var now = Now;
        foreach (var (session, seen) in room)
            if (seen.Until <= now) room.TryRemove(new KeyValuePair<string, Seen>(session, seen));
        return room.Values.Where(s => s.Until > now && s.Person != person)
            .GroupBy(s => s.Person, StringComparer.Ordinal)
            .Select(g => new PresenceEntry(g.Key, g.First().Name, g.Any(s => s.TypingUntil > now)))
            .OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Calls <paramref name="changed"/> (which must not block) when someone comes to, leaves, or starts or stops writing in the conversation. Dispose to stop.</summary>
    public IDisposable Watch(long tenant, long conversation, Action changed)
    {
        var id = Interlocked.Increment(ref nextWatcher);
        watchers[id] = new Watcher(tenant, conversation, changed);
        return new Unwatch(() => watchers.TryRemove(id, out _));
    }

    private void Notify(long tenant, long conversation)
    {
        foreach (var watcher in watchers.Values)
            if (watcher.Tenant == tenant && watcher.Conversation == conversation) watcher.Changed();
    }

    private sealed class Unwatch(Action remove) : IDisposable
    {
        private int done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref done, 1) == 0) remove();
        }
    }
}
