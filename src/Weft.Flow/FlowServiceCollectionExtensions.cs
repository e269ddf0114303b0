using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Weft.Flow.Persistence;
using Weft.Flow.Runtime;
using Weft.Flow.Tenancy;

namespace Weft.Flow;

/// <summary>Where the engine keeps its state.</summary>
public sealed record FlowDatabaseOptions(string Provider, string ConnectionString)
{
    /// <summary>
    /// The application's tenant filter on every query. Switching it off is a diagnostic for
    /// PostgreSQL only, to show that row-level security alone keeps tenants apart.
    /// </summary>
    public bool ApplicationTenantFilter { get; init; } = true;

    public bool IsPostgres => string.Equals(Provider, "postgres", StringComparison.OrdinalIgnoreCase);

    public static FlowDatabaseOptions Sqlite(string path) =>
        new("sqlite", new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 60 }.ToString());
}

public static class FlowServiceCollectionExtensions
{
    public static IServiceCollection AddWeftFlow(this IServiceCollection services, FlowDatabaseOptions database)
    {
        if (!database.IsPostgres && !string.Equals(database.Provider, "sqlite", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Weft:Database:Provider must be 'sqlite' or 'postgres', not '{database.Provider}'.");
        if (!database.ApplicationTenantFilter && !database.IsPostgres)
            throw new InvalidOperationException("The application tenant filter can only be switched off on PostgreSQL, where row-level security isolates tenants.");
        services.AddSingleton(database);
        services.AddDbContextFactory<FlowDbContext>(o => Configure(o, database));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DefinitionCache>();
        services.AddSingleton<FlowRuntime>();
        services.AddSingleton(sp => new FlowEngines(sp.GetRequiredService<FlowRuntime>()));
        services.AddSingleton(sp => new FlowDatabase(sp.GetRequiredService<IDbContextFactory<FlowDbContext>>(), database));
        return services;
    }

    internal static void Configure(DbContextOptionsBuilder o, FlowDatabaseOptions database) => Configure(o, database, "flow_migrations");

    /// <summary>
    /// Points a module's context at the database: the provider, the module's own migration history
    /// table, and the tenant wall (row-level security setting on every connection).
    /// </summary>
    public static void Configure(DbContextOptionsBuilder o, FlowDatabaseOptions database, string historyTable)
    {
        if (database.IsPostgres)
            o.UseNpgsql(database.ConnectionString, x => x.MigrationsHistoryTable(historyTable));
        else
            o.UseSqlite(database.ConnectionString, x => x.MigrationsHistoryTable(historyTable));
        o.AddInterceptors(TenantRowSecurity.Interceptor);
        o.ReplaceService<IModelCacheKeyFactory, TenantRowSecurity.CacheKeyFactory>();
        // Migrations are written by hand without a model snapshot (see docs/adr/0002).
        o.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }
}

/// <summary>Creates or upgrades the schema in place, and answers readiness.</summary>
public sealed class FlowDatabase
{
    private readonly IDbContextFactory<FlowDbContext> contexts;

    internal FlowDatabase(IDbContextFactory<FlowDbContext> contexts, FlowDatabaseOptions options)
    {
        this.contexts = contexts;
        Options = options;
    }

    public FlowDatabaseOptions Options { get; }

    public async Task MigrateAsync(string? targetMigration = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!Options.IsPostgres)
        {
            var dataSource = new SqliteConnectionStringBuilder(Options.ConnectionString).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            await db.Database.OpenConnectionAsync(ct);
            // WAL lets readers work while one writer commits; synchronous=FULL keeps every commit durable.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", ct);
        }
        var migrator = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>();
        await migrator.MigrateAsync(targetMigration, ct);
    }

    public async Task<IReadOnlyList<string>> AppliedMigrationsAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return (await db.Database.GetAppliedMigrationsAsync(ct)).ToList();
    }

    public async Task<bool> CanConnectAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Database.CanConnectAsync(ct);
    }
}
