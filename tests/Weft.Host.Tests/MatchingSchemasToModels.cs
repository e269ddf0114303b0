using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Weft.Platform.Persistence;
using Weft.Testing;
using Weft.Testing.Schema;

namespace Weft.Host.Tests;

/// <summary>
/// Every store of every module in the host's list, on every provider: the tables its migrations
/// build (run, as at start, after those of the stores before it in the module list, whose tables a
/// migration may read) are the tables its model describes (what EF would create from the model), column
/// by column, key by key, index by index. Row-level security policies and the migration history table
/// are not part of a model and are not compared.
/// </summary>
public sealed class MatchingSchemasToModels
{
    private const string MigrationsSay = "migrations build";
    private const string ModelSays = "the model";

    private static IReadOnlyList<ModuleStore> Stores => Modules.All.SelectMany(m => m.Stores).ToList();

    public static TheoryData<string, string> ProvidersAndStores
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (string provider in TestDatabases.Providers)
                foreach (var store in Stores) data.Add(provider, store.Name);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(ProvidersAndStores))]
    public async Task A_stores_migrations_build_the_tables_its_model_describes(string provider, string storeName)
    {
        var store = Stores.Single(s => s.Name == storeName);
        await using var migrated = await TestDatabases.CreateAsync(provider);
        await using var created = await TestDatabases.CreateAsync(provider);
        var before = Stores.TakeWhile(s => s != store).ToArray();
        await using var migratedServices = Services(migrated, [.. before, store]);
        await using var createdServices = Services(created, store);

        foreach (var earlier in before) await earlier.MigrateAsync(migratedServices);
        await store.MigrateAsync(migratedServices);
        IReadOnlyList<string> tables;
        await using (var db = await store.CreateAsync(createdServices))
        {
            tables = db.GetService<IDesignTimeModel>().Model.GetRelationalModel().Tables
                .Where(t => !t.IsExcludedFromMigrations)
                .Select(Qualified)
                .Where(t => t != store.HistoryTable)
                .ToList();
            await ((IRelationalDatabaseCreator)db.GetService<IDatabaseCreator>()).CreateTablesAsync();
        }

        var fromModel = await SchemaReader.ReadAsync(created.Options, tables);
        // Guards against a comparison that passes because the reader found nothing on either side.
        fromModel.Tables.Select(t => t.Name).ShouldBe(tables, ignoreOrder: true);
        var differences = SchemaComparison.Differences(
            await SchemaReader.ReadAsync(migrated.Options, tables), MigrationsSay, fromModel, ModelSays)
            .Where(d => !store.BuiltByMigrationsOnly.Any(known => d.StartsWith(known + ": " + MigrationsSay, StringComparison.Ordinal)))
            .ToList();

        if (differences.Count > 0)
        {
            Assert.Fail($"The {store.Name} store's migrations and its model differ on {provider} ({differences.Count} differences; "
                + $"tables compared: {string.Join(", ", tables)}):{Environment.NewLine}  "
                + string.Join(Environment.NewLine + "  ", differences));
        }
    }

    /// <summary>
    /// A context may map a table another store owns (to write to it in the same transaction): then one
    /// store creates it and the others mark it ExcludeFromMigrations, and every column a store maps is
    /// in the table the stores' migrations build, with the same type and nullability.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_table_mapped_by_several_stores_is_created_by_one_and_mapped_alike_by_all(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        await using var services = Services(database, [.. Stores]);
        var mappings = new List<(ModuleStore Store, ITable Table)>();
        foreach (var store in Stores)
        {
            await using var db = await store.CreateAsync(services);
            mappings.AddRange(db.GetService<IDesignTimeModel>().Model.GetRelationalModel().Tables.Select(t => (store, t)));
        }
        var shared = mappings.GroupBy(m => Qualified(m.Table)).Where(g => g.Count() > 1).ToList();
        foreach (var store in Stores) await store.MigrateAsync(services);
        var schema = await SchemaReader.ReadAsync(database.Options, shared.Select(g => g.Key));

        var problems = new List<string>();
        foreach (var table in shared)
        {
            var creators = table.Where(m => !m.Table.IsExcludedFromMigrations).Select(m => m.Store.Name).ToList();
            if (creators.Count != 1)
            {
                problems.Add($"{table.Key}: mapped by {string.Join(", ", table.Select(m => m.Store.Name))}, "
                    + $"created by {(creators.Count == 0 ? "none" : string.Join(", ", creators))}: one store creates it, the others exclude it from migrations");
            }
            foreach (var (store, mapped) in table)
            {
                foreach (var column in mapped.Columns)
                {
                    var built = schema.Table(table.Key)?.Column(column.Name);
                    var maps = ColumnSchema.Of(provider, column.Name, column.StoreType, column.IsNullable, built?.Identity ?? false);
                    if (built?.ToString() != maps.ToString())
                        problems.Add($"{table.Key}.{column.Name}: the migrations build {(built is null ? "nothing" : $"'{built}'")}, {store.Name} maps '{maps}'");
                }
            }
        }

        if (problems.Count > 0)
            Assert.Fail($"Tables mapped by several stores disagree on {provider}:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems));
    }

    private static ServiceProvider Services(TestDatabase database, params ModuleStore[] stores)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddWeftDatabase(database.Options);
        foreach (var store in stores) store.Register(services);
        return services.BuildServiceProvider();
    }

    private static string Qualified(ITable table) => table.Schema is null ? table.Name : $"{table.Schema}.{table.Name}";
}
