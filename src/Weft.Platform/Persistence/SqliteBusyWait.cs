using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Weft.Platform.Persistence;

/// <summary>
/// How a SQLite connection waits for another connection's write to end. Microsoft.Data.Sqlite sets no busy timeout
/// of its own: a statement that finds the database locked sleeps 150 ms and tries again, so a write that met another
/// write lasting a millisecond (an event delivery beside an engine command, a second process) lost 150 ms. SQLite's
/// own busy handler, set here on every connection Weft opens, retries after 1, 2, 5, 10… ms up to the connection's
/// timeout; Microsoft.Data.Sqlite's retry stays behind it for what is still busy then.
/// </summary>
public sealed class SqliteBusyWait : DbConnectionInterceptor
{
    public static SqliteBusyWait Interceptor { get; } = new();

    /// <summary>Sets SQLite's busy timeout on an open connection to the connection's default timeout.</summary>
    public static void Apply(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle } sqlite)
            SQLitePCL.raw.sqlite3_busy_timeout(handle, (int)Math.Min(int.MaxValue, sqlite.DefaultTimeout * 1000L));
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }
}
