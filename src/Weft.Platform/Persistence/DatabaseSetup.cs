using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using Weft.Platform.Tenancy;

namespace Weft.Platform.Persistence;

/// <summary>Points contexts at the database, prepares a new SQLite file, answers readiness.</summary>
public static class DatabaseSetup
{
    /// <summary>
    /// The provider, the module's own migration history table, and the tenant wall (row-level
    /// security setting on every PostgreSQL connection).
    /// </summary>
    public static void Configure(DbContextOptionsBuilder o, DatabaseOptions database, string historyTable, ModuleContextDependencies dependencies)
    {
        ((IDbContextOptionsBuilderInfrastructure)o).AddOrUpdateExtension(new ModuleOptionsExtension(dependencies));
        if (database.IsPostgres)
            o.UseNpgsql(WithPreparedStatements(database.ConnectionString), x => x.MigrationsHistoryTable(historyTable)
                .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter)
                .ConfigureDataSource(source =>
                {
                    // A connection keeps its settings between leases (prepared statements are kept either way; open
                    // transactions are still rolled back): the tenant setting is sent again only when it changes.
                    source.ConnectionStringBuilder.NoResetOnClose = true;
                    source.UsePhysicalConnectionInitializer(TenantConnectionInterceptor.Fresh, physical =>
                    {
                        TenantConnectionInterceptor.Fresh(physical);
                        return Task.CompletedTask;
                    });
                }));
        else
            o.UseSqlite(database.ConnectionString, x => x.MigrationsHistoryTable(historyTable)
                .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));
        o.AddInterceptors(TenantRowSecurity.Interceptor, CommitInterceptor.Instance);
        if (database.IsPostgres)
        {
            o.AddInterceptors(RowLocks.Interceptor);
            o.ReplaceService<Microsoft.EntityFrameworkCore.Update.IModificationCommandBatchFactory, CommitWithSave>();
        }
        else o.AddInterceptors(SqliteStatementCache.Interceptor, SqliteBusyWait.Interceptor);
        o.ReplaceService<IModelCacheKeyFactory, TenantModelCacheKeyFactory>();
        // Hand-written migrations have no model snapshot to compare with (docs/adr/0002); every module's
        // schema is compared with its model by a test instead.
        o.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    /// <summary>
    /// PostgreSQL parses and plans a statement anew each time unless it is prepared: Npgsql prepares the
    /// statements a connection runs often when <c>Max Auto Prepare</c> is set, and it is set here unless
    /// the operator's connection string says otherwise (0 switches it off). A pooler in front of the
    /// database must run in session mode: the tenant setting is a session setting (see Configure).
    /// </summary>
    internal static string WithPreparedStatements(string connectionString)
    {
        // The keys as written (Npgsql's own builder answers for every key it knows, set or not).
        var written = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (written.Keys.Cast<string>().Any(k => string.Equals(k.Replace(" ", ""), "MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
            return connectionString;
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.MaxAutoPrepare = 64;
        builder.AutoPrepareMinUsages = 2;
        return builder.ConnectionString;
    }

    /// <summary>SQLite: creates the file's folder and switches it to WAL (readers work while one writer commits).</summary>
    public static async Task PrepareAsync(DatabaseOptions database, CancellationToken ct = default)
    {
        if (database.IsPostgres) return;
        var dataSource = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;";
        await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task<bool> CanConnectAsync(DatabaseOptions database, CancellationToken ct = default)
    {
        await using System.Data.Common.DbConnection connection = database.IsPostgres
            ? new NpgsqlConnection(database.ConnectionString)
            : new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";
        return await command.ExecuteScalarAsync(ct) is not null;
    }
}
