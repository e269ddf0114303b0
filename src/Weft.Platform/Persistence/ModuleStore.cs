using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Weft.Platform.Persistence;

/// <summary>
/// A module's tables: its context type and migration history table. A module declares its stores in
/// its module definition; the host registers them and migrates them in the order of its module list,
/// at start and from the command line. A store is how code outside the module (the host, the tests)
/// creates and migrates the module's context without seeing its type's members.
/// </summary>
public sealed class ModuleStore
{
    private readonly Action<IServiceCollection> register;
    private readonly Func<IServiceProvider, CancellationToken, Task<ModuleDbContext>> create;

    private ModuleStore(string name, Type contextType, string historyTable, IReadOnlyList<string> builtByMigrationsOnly,
        Action<IServiceCollection> register, Func<IServiceProvider, CancellationToken, Task<ModuleDbContext>> create)
    {
        Name = name;
        BuiltByMigrationsOnly = builtByMigrationsOnly;
        ContextType = contextType;
        HistoryTable = historyTable;
        this.register = register;
        this.create = create;
    }

    /// <summary>The store's name (its module, or module and part), used in logs and tests.</summary>
    public string Name { get; }

    public Type ContextType { get; }

    public string HistoryTable { get; }

    /// <summary>
    /// Columns (<c>table.column</c>) and indexes (<c>table index name</c>) that the migrations build in SQL for one
    /// database and the model leaves out on purpose, such as a full-text search vector that only SQL reads: the
    /// schema tests accept exactly these differences between the migrations and the model.
    /// </summary>
    public IReadOnlyList<string> BuiltByMigrationsOnly { get; }

    public static ModuleStore Of<TContext>(string name, string historyTable, params string[] builtByMigrationsOnly) where TContext : ModuleDbContext =>
        new(name, typeof(TContext), historyTable, builtByMigrationsOnly,
            services =>
            {
                if (services.Any(d => d.ServiceType == typeof(IDbContextFactory<TContext>))) return;
                services.AddDbContextFactory<TContext>((sp, o) => DatabaseSetup.Configure(o, sp.GetRequiredService<DatabaseOptions>(), historyTable,
                    sp.GetRequiredService<ModuleContextDependencies>()));
            },
            async (sp, ct) => await sp.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContextAsync(ct));

    /// <summary>Registers the context's factory (once); the module's services then take <c>IDbContextFactory&lt;TContext&gt;</c>.</summary>
    public void Register(IServiceCollection services) => register(services);

    /// <summary>A context of the store for one tenant (0: no tenant's rows, for schema work).</summary>
    public async Task<ModuleDbContext> CreateAsync(IServiceProvider services, long tenant = 0, CancellationToken ct = default)
    {
        var db = await create(services, ct);
        db.TenantId = tenant;
        return db;
    }

    /// <summary>Brings the store's tables up to date (or to <paramref name="targetMigration"/>), in place.</summary>
    public async Task MigrateAsync(IServiceProvider services, string? targetMigration = null, CancellationToken ct = default)
    {
        await DatabaseSetup.PrepareAsync(services.GetRequiredService<DatabaseOptions>(), ct);
        await using var db = await CreateAsync(services, ct: ct);
        await db.GetService<IMigrator>().MigrateAsync(targetMigration, ct);
    }

    public async Task<IReadOnlyList<string>> AppliedMigrationsAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var db = await CreateAsync(services, ct: ct);
        return (await db.Database.GetAppliedMigrationsAsync(ct)).ToList();
    }

    /// <summary>Every migration the store has, oldest first.</summary>
    public async Task<IReadOnlyList<string>> MigrationsAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var db = await CreateAsync(services, ct: ct);
        return db.Database.GetMigrations().ToList();
    }

    public override string ToString() => Name;
}
