using System.Diagnostics;

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
    private long count;

    public SqlStatements() => subscription = DiagnosticListener.AllListeners.Subscribe(this);

    public long Count => Interlocked.Read(ref count);

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name != "Microsoft.EntityFrameworkCore") return;
        lock (listeners) listeners.Add(value.Subscribe(this, name => name == Executed));
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == Executed) Interlocked.Increment(ref count);
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
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
