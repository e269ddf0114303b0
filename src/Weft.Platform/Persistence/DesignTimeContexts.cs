using Microsoft.EntityFrameworkCore;
using Weft.Platform.Changes;
using Weft.Platform.Events;

namespace Weft.Platform.Persistence;

/// <summary>
/// Builds a module's context for <c>dotnet ef migrations add</c> (no host running): SQLite, the
/// store's history table, no tenant. Migrations are generated against it and then made provider
/// neutral (see docs/adr/0006-migrations.md).
/// </summary>
public static class DesignTimeContexts
{
    public static TContext Create<TContext>(ModuleStore store, Func<DbContextOptions<TContext>, TContext> create)
        where TContext : ModuleDbContext
    {
        var database = DatabaseOptions.Sqlite(Path.Combine(Path.GetTempPath(), "weft-design-time.db"));
        var builder = new DbContextOptionsBuilder<TContext>();
        DatabaseSetup.Configure(builder, database, store.HistoryTable,
            new ModuleContextDependencies(database, new IntegrationEventRegistry(), new CommitSignals(), TimeProvider.System));
        return create(builder.Options);
    }
}
