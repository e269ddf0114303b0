using Microsoft.EntityFrameworkCore;
using Weft.Platform.Tenancy;

namespace Weft.Platform.Persistence;

/// <summary>
/// The base of every module's context: a module's context declares its entities in
/// <see cref="BuildModel"/> and nothing else. The base names tables' columns and keys the same way in
/// every module (<see cref="ModelConventions"/>), filters every query to <see cref="TenantId"/>,
/// stamps inserts with it and refuses to change another tenant's rows (PostgreSQL adds row-level
/// security underneath), and raises the version of every updated <see cref="IVersioned"/> row.
/// </summary>
public abstract class ModuleDbContext(DbContextOptions options, DatabaseOptions database) : DbContext(options), ITenantScopedContext
{
    private long tenantId;

    /// <summary>Set once, right after the context is created and before it touches the database.</summary>
    public long TenantId
    {
        get => tenantId;
        set
        {
            if (tenantId != 0 && tenantId != value) throw new InvalidOperationException("A context serves one tenant.");
            tenantId = value;
        }
    }

    public bool ApplicationFilter => database.ApplicationTenantFilter;

    public bool IsPostgres => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>The module's entities, tables, keys and indexes.</summary>
    protected abstract void BuildModel(ModelBuilder b);

    protected sealed override void OnModelCreating(ModelBuilder modelBuilder)
    {
        BuildModel(modelBuilder);
        if (ApplicationFilter)
        {
            var filter = typeof(ModuleDbContext).GetMethod(nameof(FilterTenant), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
            foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType)).ToList())
                filter.MakeGenericMethod(entity.ClrType).Invoke(this, [modelBuilder]);
        }
        ModelConventions.Apply(modelBuilder);
    }

    // Refers to the context itself, so EF reads the tenant of the context running the query, not of the one that built the model.
    private void FilterTenant<T>(ModelBuilder b) where T : class, ITenantOwned =>
        b.Entity<T>().HasQueryFilter(x => x.TenantId == TenantId);

    public sealed override int SaveChanges(bool acceptAllChangesOnSuccess) => throw new NotSupportedException("Use SaveChangesAsync.");

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified) entry.Entity.Version++;
        }
        TenantRowSecurity.GuardWrites(this, TenantId);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }
}
