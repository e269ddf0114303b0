using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Weft.Bench;

/// <summary>
/// Counts the SQL statements EF Core executes in this process, from its diagnostic events (nothing in the
/// engine is changed to count them): the statements per command are counted, not estimated.
/// </summary>
internal sealed class SqlStatements : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private const string Executed = "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuted";
    private readonly IDisposable subscription;
    private readonly List<IDisposable> listeners = [];
    private readonly ConcurrentDictionary<string, Tally> byText = new();
    private long count;

    public SqlStatements() => subscription = DiagnosticListener.AllListeners.Subscribe(this);

    public long Count => Interlocked.Read(ref count);

    /// <summary>When set, each statement's text is tallied with its execution time (for <c>--statements</c>).</summary>
    public bool ByText { get; set; }

    /// <summary>The statements tallied since <see cref="ByText"/> was set, the most time first.</summary>
    public IReadOnlyList<(string Text, long Count, TimeSpan Total)> Tallies() =>
        [.. byText.Select(t => (t.Key, t.Value.Count, TimeSpan.FromTicks(t.Value.Ticks))).OrderByDescending(t => t.Item3)];

    /// <summary>Forgets the statements tallied so far, so that the next tally is of one measurement alone.</summary>
    public void ClearTallies() => byText.Clear();

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name != "Microsoft.EntityFrameworkCore") return;
        lock (listeners) listeners.Add(value.Subscribe(this, name => name == Executed));
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key != Executed) return;
        Interlocked.Increment(ref count);
        if (ByText && value.Value is CommandExecutedEventData executed)
        {
            var tally = byText.GetOrAdd(executed.Command.CommandText, _ => new Tally());
            Interlocked.Increment(ref tally.Count);
            Interlocked.Add(ref tally.Ticks, executed.Duration.Ticks);
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    private sealed class Tally
    {
        public long Count;
        public long Ticks;
    }

    public void Dispose()
    {
        subscription.Dispose();
        lock (listeners)
        {
            foreach (var listener in listeners) listener.Dispose();
        }
    }
}
