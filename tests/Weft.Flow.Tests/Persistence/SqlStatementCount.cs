using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Weft.Flow.Tests.Persistence;

/// <summary>
/// The SQL statements EF Core runs inside one call, from its diagnostic events. Tests run in parallel and the
/// listener sees every test's statements, so only those on the call's own async flow are counted.
/// </summary>
internal sealed class SqlStatementCount : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private const string Executed = "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuted";
    private static readonly AsyncLocal<List<Statement>?> Current = new();

    /// <summary>
    /// Listens from the start: EF asks whether anyone listens at most once a second per context (its logging cache
    /// time, and pooled contexts live on), so a listener added just before a call could miss the call's statements.
    /// </summary>
    [ModuleInitializer]
    internal static void Listen() => DiagnosticListener.AllListeners.Subscribe(new SqlStatementCount());

    /// <summary>A statement run, and what ran it (a query, a save, a bulk delete, raw SQL).</summary>
    public sealed record Statement(CommandSource Source, string Text)
    {
        public override string ToString() => $"[{Source}] {Text}";
    }

    /// <summary>The statements the call ran, in order.</summary>
    public static async Task<IReadOnlyList<Statement>> OfAsync(Func<Task> call)
    {
        var statements = new List<Statement>();
        Current.Value = statements;
        try
        {
            await call();
        }
        finally
        {
            Current.Value = null;
        }
        lock (statements) return [.. statements];
    }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == "Microsoft.EntityFrameworkCore") value.Subscribe(this, name => name == Executed);
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key != Executed || Current.Value is not { } statements || value.Value is not CommandExecutedEventData executed) return;
        lock (statements) statements.Add(new Statement(executed.CommandSource, executed.Command.CommandText));
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }
}
