using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Weft.Flow;
using Weft.Platform.Persistence;

namespace Weft.Bench;

/// <summary>
/// Fresh databases for one run, all with the settings the host uses, removed at the end: files in
/// a temporary folder for SQLite, scratch databases on the given server for PostgreSQL.
/// </summary>
internal abstract class ScratchDatabases : IAsyncDisposable
{
    public static ScratchDatabases For(BenchOptions options) =>
        options.Provider == "postgres" ? new PostgresScratch(options.Connection!) : new SqliteScratch();

    public abstract string Provider { get; }

    public abstract Task<DatabaseOptions> CreateAsync(string name);

    /// <summary>An open ADO.NET connection to the database with the host's settings applied.</summary>
    public abstract Task<DbConnection> OpenAsync(DatabaseOptions database);

    /// <summary>
    /// Brings the planner's statistics up to date after the run has filled tables (PostgreSQL: <c>ANALYZE</c>, as its
    /// documentation advises after populating a table). A database the run has just made has none until autovacuum
    /// first looks at it, up to a minute later, and until then PostgreSQL can plan a statement that reads a work item by
    /// its key as a scan of every job and item of the tenant (tens of milliseconds a command): the figures would depend
    /// on where in that minute the clock started. SQLite plans without statistics; nothing to do there.
    /// </summary>
    public virtual Task RefreshStatisticsAsync(DatabaseOptions database) => Task.CompletedTask;

    /// <summary>What a connection the engine opens gets: durability settings and server version.</summary>
    public abstract Task<IReadOnlyList<(string Name, string Value)>> FactsAsync(DatabaseOptions database);

    public abstract ValueTask DisposeAsync();

    protected static async Task<string> ScalarAsync(DbConnection connection, string sql)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToString(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }
}

internal sealed class SqliteScratch : ScratchDatabases
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "weft-bench", Guid.NewGuid().ToString("N"));

    public SqliteScratch() => Directory.CreateDirectory(folder);

    public override string Provider => "sqlite";

    public override Task<DatabaseOptions> CreateAsync(string name) =>
        Task.FromResult(DatabaseOptions.Sqlite(Path.Combine(folder, name + ".db")));

    public override async Task<DbConnection> OpenAsync(DatabaseOptions database)
    {
        var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        // The same statement FlowDatabase.MigrateAsync runs on the host's database.
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;";
        await cmd.ExecuteNonQueryAsync();
        return connection;
    }

    public override async Task<IReadOnlyList<(string, string)>> FactsAsync(DatabaseOptions database)
    {
        // A connection that has not run the migration's PRAGMAs, as most of the engine's pooled ones.
        var fresh = new SqliteConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ToString();
        await using var connection = new SqliteConnection(fresh);
        await connection.OpenAsync();
        var synchronous = await ScalarAsync(connection, "PRAGMA synchronous") switch
        {
            "0" => "OFF",
            "1" => "NORMAL",
            "2" => "FULL",
            "3" => "EXTRA",
            var other => other,
        };
        return
        [
            ("database", $"SQLite {await ScalarAsync(connection, "select sqlite_version()")}, files in {folder}"),
            ("engine connection", $"journal_mode={await ScalarAsync(connection, "PRAGMA journal_mode")}, synchronous={synchronous}"),
        ];
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        return ValueTask.CompletedTask;
    }
}

internal sealed class PostgresScratch(string server) : ScratchDatabases
{
    private readonly string prefix = "weft_bench_" + Guid.NewGuid().ToString("N")[..10] + "_";
    private readonly List<string> created = [];

    public override string Provider => "postgres";

    public override async Task<DatabaseOptions> CreateAsync(string name)
    {
        var database = prefix + name;
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
            await cmd.ExecuteNonQueryAsync();
        }
        created.Add(database);
        return new DatabaseOptions("postgres", new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString);
    }

    public override async Task<DbConnection> OpenAsync(DatabaseOptions database)
    {
        var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public override async Task RefreshStatisticsAsync(DatabaseOptions database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("ANALYZE", connection);
        await cmd.ExecuteNonQueryAsync();
    }

    public override async Task<IReadOnlyList<(string, string)>> FactsAsync(DatabaseOptions database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        return
        [
            ("database", $"PostgreSQL {await ScalarAsync(connection, "show server_version")} at {builder.Host}:{builder.Port}"),
            ("durability", $"fsync={await ScalarAsync(connection, "show fsync")}, synchronous_commit={await ScalarAsync(connection, "show synchronous_commit")}, " +
                $"wal_sync_method={await ScalarAsync(connection, "show wal_sync_method")}"),
            // Encryption costs processor time on both ends of every statement, also on loopback.
            ("connection", await ScalarAsync(connection, "SELECT CASE WHEN ssl THEN 'TLS ' || version || ' (' || cipher || ')' ELSE 'not encrypted' END FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
                + $" (SSL Mode={builder.SslMode})"),
        ];
    }

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        foreach (var database in created)
        {
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
