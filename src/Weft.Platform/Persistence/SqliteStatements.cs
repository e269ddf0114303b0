using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Weft.Platform.Persistence;

/// <summary>
/// SQLite connections kept open, each keeping its statements prepared (ADR 0011). Microsoft.Data.Sqlite
/// compiles a command's SQL again for every new command object, and EF Core makes one per statement:
/// compiling took longer than running most of the engine's statements. A context given one of these
/// connections (<see cref="ModuleDbContext.UseConnectionFrom"/>) runs a statement it ran before on the
/// command that already holds it compiled, with the new parameters. Nothing is kept on PostgreSQL,
/// where Npgsql prepares statements itself.
/// </summary>
public sealed class SqliteConnections(DatabaseOptions database) : IDisposable
{
    // Enough for the contexts of a busy process at once; more are opened when needed and closed after use.
    private const int Keep = 16;
    private readonly ConcurrentBag<SqliteConnection> idle = [];
    private int idleCount;
    private volatile bool disposed;

    /// <summary>Whether connections are kept (SQLite only).</summary>
    public bool Enabled => !database.IsPostgres;

    /// <summary>An open connection, not in a transaction; give it back with <see cref="Return"/>.</summary>
    public SqliteConnection Rent()
    {
        if (!Enabled) throw new InvalidOperationException("Connections are kept for SQLite only.");
        while (idle.TryTake(out var kept))
        {
            Interlocked.Decrement(ref idleCount);
            if (kept.State == ConnectionState.Open) return kept;
            kept.Dispose();
        }
        var connection = new SqliteConnection(database.ConnectionString);
        // EF Core registers its SQL functions (regexp, decimal arithmetic and comparison) on a connection
        // when it is given one; a context's own connections get them when EF Core makes them.
        using (var ef = new DbContext(new DbContextOptionsBuilder().UseSqlite(connection).Options))
            _ = ef.Database.GetDbConnection();
        connection.Open();
        SqliteBusyWait.Apply(connection);
        SqliteStatementCache.Attach(connection);
        return connection;
    }

    /// <summary>Takes a connection back: kept if it is open and not in a transaction, else closed.</summary>
    public void Return(SqliteConnection connection)
    {
        var reusable = !disposed && connection.State == ConnectionState.Open
            && SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) != 0;
        if (reusable && Interlocked.Increment(ref idleCount) <= Keep)
        {
            idle.Add(connection);
            return;
        }
        if (reusable) Interlocked.Decrement(ref idleCount);
        connection.Dispose();
    }

    public void Dispose()
    {
        disposed = true;
        while (idle.TryTake(out var connection)) connection.Dispose();
    }
}

/// <summary>
/// Gives EF Core, for a statement text a kept connection already ran, the command that holds it
/// compiled. Acts only on connections from <see cref="SqliteConnections"/>; other commands pass through.
/// </summary>
internal sealed class SqliteStatementCache : DbCommandInterceptor
{
    // Per connection: statement texts beyond this many are compiled anew (least recently used ones go).
    private const int Capacity = 96;

    public static SqliteStatementCache Interceptor { get; } = new();

    private static readonly ConditionalWeakTable<SqliteConnection, Statements> caches = [];

    public static void Attach(SqliteConnection connection)
    {
        var statements = new Statements();
        caches.AddOrUpdate(connection, statements);
        // Closing a connection finalizes its commands' statements: they cannot be run again.
        connection.StateChange += (_, e) =>
        {
            if (e.CurrentState != ConnectionState.Open) statements.Clear();
        };
    }

    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result) =>
        result is SqliteCommand created && created.Connection is { } connection && caches.TryGetValue(connection, out var statements)
            ? statements.Take(created)
            : result;

    private sealed class Statements
    {
        private readonly Dictionary<string, LinkedListNode<CachedCommand>> byText = new(StringComparer.Ordinal);
        private readonly LinkedList<CachedCommand> recent = new();

        public DbCommand Take(SqliteCommand created)
        {
            lock (byText)
            {
                if (byText.TryGetValue(created.CommandText, out var node))
                {
                    var cached = node.Value;
                    // The same text running twice at once (a reader still open): the new command runs as made.
                    if (cached.InUse) return created;
                    recent.Remove(node);
                    recent.AddFirst(node);
                    cached.Reuse(created);
                    return cached;
                }
                var fresh = new CachedCommand(this, created);
                byText[created.CommandText] = recent.AddFirst(fresh);
                if (recent.Count > Capacity && recent.Last!.Value is { InUse: false } oldest) Drop(oldest);
                return fresh;
            }
        }

        public void Release(CachedCommand command)
        {
            lock (byText)
            {
                command.InUse = false;
                command.Inner.Parameters.Clear();
                if (command.Broken) Drop(command);
            }
        }

        public void Clear()
        {
            lock (byText)
            {
                foreach (var command in recent) command.Inner.Dispose();
                recent.Clear();
                byText.Clear();
            }
        }

        private void Drop(CachedCommand command)
        {
            if (byText.Remove(command.Inner.CommandText, out var node)) recent.Remove(node);
            command.Inner.Dispose();
        }
    }

    /// <summary>
    /// What EF Core holds instead of a fresh command: the connection's command for the text, whose
    /// compiled statements stay when EF Core disposes it. A command that failed is not used again
    /// (its statements may be left mid-step).
    /// </summary>
    private sealed class CachedCommand : DbCommand
    {
        private readonly Statements owner;

        public CachedCommand(Statements owner, SqliteCommand created)
        {
            this.owner = owner;
            Inner = created;
            InUse = true;
        }

        public SqliteCommand Inner { get; }

        public bool InUse { get; set; }

        public bool Broken { get; private set; }

        /// <summary>Takes the parameters, transaction and timeout EF Core gave the command it made, and disposes that one.</summary>
        public void Reuse(SqliteCommand created)
        {
            InUse = true;
            Inner.Parameters.Clear();
            foreach (SqliteParameter parameter in created.Parameters) Inner.Parameters.Add(parameter);
            created.Parameters.Clear();
            Inner.Transaction = created.Transaction;
            Inner.CommandTimeout = created.CommandTimeout;
            created.Dispose();
        }

        [AllowNull]
        public override string CommandText
        {
            get => Inner.CommandText;
            set
            {
                if (value != Inner.CommandText) throw new InvalidOperationException("A kept statement's text does not change.");
            }
        }

        public override int CommandTimeout { get => Inner.CommandTimeout; set => Inner.CommandTimeout = value; }

        public override CommandType CommandType { get => Inner.CommandType; set => Inner.CommandType = value; }

        public override bool DesignTimeVisible { get => Inner.DesignTimeVisible; set => Inner.DesignTimeVisible = value; }

        public override UpdateRowSource UpdatedRowSource { get => Inner.UpdatedRowSource; set => Inner.UpdatedRowSource = value; }

        protected override DbConnection? DbConnection
        {
            get => Inner.Connection;
            set
            {
                if (value != Inner.Connection) throw new InvalidOperationException("A kept statement belongs to its connection.");
            }
        }

        protected override DbParameterCollection DbParameterCollection => Inner.Parameters;

        protected override DbTransaction? DbTransaction { get => Inner.Transaction; set => Inner.Transaction = (SqliteTransaction?)value; }

        public override void Cancel() => Inner.Cancel();

        public override void Prepare() => Inner.Prepare();

        protected override DbParameter CreateDbParameter() => Inner.CreateParameter();

        public override int ExecuteNonQuery()
        {
            try
            {
                return Inner.ExecuteNonQuery();
            }
            catch
            {
                Broken = true;
                throw;
            }
        }

        public override object? ExecuteScalar()
        {
            try
            {
                return Inner.ExecuteScalar();
            }
            catch
            {
                Broken = true;
                throw;
            }
        }

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
        {
            try
            {
                return Inner.ExecuteReader(behavior);
            }
            catch
            {
                Broken = true;
                throw;
            }
        }

        // Microsoft.Data.Sqlite runs everything synchronously; its async methods only wrap the result.
        protected override Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(ExecuteDbDataReader(behavior));
        }

        public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(ExecuteNonQuery());
        }

        public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(ExecuteScalar());
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && InUse) owner.Release(this);
            base.Dispose(disposing);
        }

        public override ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
