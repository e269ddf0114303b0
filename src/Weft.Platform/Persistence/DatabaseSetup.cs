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
            o.UseNpgsql(database.ConnectionString, x => x.MigrationsHistoryTable(historyTable));
        else
            o.UseSqlite(database.ConnectionString, x => x.MigrationsHistoryTable(historyTable));
        o.AddInterceptors(TenantRowSecurity.Interceptor, CommitInterceptor.Instance);
        o.ReplaceService<IModelCacheKeyFactory, TenantModelCacheKeyFactory>();
        // Hand-written migrations have no model snapshot to compare with (docs/adr/0002); every module's
        // schema is compared with its model by a test instead.
        o.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
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
