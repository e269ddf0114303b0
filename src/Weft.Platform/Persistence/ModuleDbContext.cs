using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Weft.Platform.Changes;
using Weft.Platform.Events;
using Weft.Platform.Tenancy;

namespace Weft.Platform.Persistence;

/// <summary>
/// The base of every module's context: a module's context declares its entities in
/// <see cref="BuildModel"/> and nothing else. The base names tables' columns and keys the same way in
/// every module (<see cref="ModelConventions"/>), filters every query to <see cref="TenantId"/>,
/// stamps inserts with it and refuses to change another tenant's rows (PostgreSQL adds row-level
/// security underneath), raises the version of every updated <see cref="IVersioned"/> row, writes the
/// integration events the module publishes (<see cref="Publish"/>) with its changes, and tells the
/// process what it changed once the transaction commits.
/// </summary>
public abstract class ModuleDbContext : DbContext, ITenantScopedContext
{
    private readonly ModuleContextDependencies dependencies;

    protected ModuleDbContext(DbContextOptions options) : base(options)
    {
        dependencies = options.FindExtension<ModuleOptionsExtension>()?.Dependencies
            ?? throw new InvalidOperationException("A module's context is configured through DatabaseSetup.Configure.");
        StartLease();
    }

    /// <summary>
    /// The context's settings for a command. A command changes a handful of rows but may look at the tracker
    /// often: changes are detected once, when saving. A save inside the command's transaction takes no
    /// savepoint: a failed save fails the whole command, whose transaction rolls back (and is run again when
    /// the failure was a conflict), so nothing would ever roll back to one, and on PostgreSQL releasing it
    /// is a round trip of its own per save.
    /// </summary>
    private void StartLease()
    {
        ChangeTracker.AutoDetectChangesEnabled = false;
        Database.AutoSavepointsEnabled = false;
    }

    private long tenantId;
    private readonly HashSet<string> changedTables = new(StringComparer.Ordinal);
    private bool published;
    private readonly HashSet<string> topics = new(StringComparer.Ordinal);

    /// <summary>Set once, right after the context is created and before it touches the database.</summary>
    public long TenantId
    {
        get => tenantId;
        set
        {
            if (tenantId != 0 && tenantId != value) throw new InvalidOperationException("A context serves one tenant.");
            tenantId = value;
            // Pooling puts the context's settings back to EF's defaults between leases; a lease starts here.
            StartLease();
        }
    }

    public bool ApplicationFilter => dependencies.Database.ApplicationTenantFilter;

    // Asked often (EF Core reads the provider's name from its assembly's name each time); a context's provider never changes.
    private bool? isPostgres;

    public bool IsPostgres => isPostgres ??= Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>The module's entities, tables, keys and indexes.</summary>
    protected abstract void BuildModel(ModelBuilder b);

    /// <summary>
    /// Publishes an integration event with this context's next save: it is delivered to the modules
    /// that handle it after the transaction commits, and never if it rolls back. Events of one
    /// <paramref name="stream"/> reach each handler in order.
    /// </summary>
    public void Publish<TEvent>(TEvent integrationEvent, string stream) where TEvent : class
    {
        dependencies.Events.Stage(this, integrationEvent, stream, dependencies.Clock.GetUtcNow().UtcDateTime);
        published = true;
    }

    /// <summary>Only the platform's own store creates the outbox tables; every other context maps them without migrating them.</summary>
    private protected virtual bool OwnsEventTables => false;

    protected sealed override void OnModelCreating(ModelBuilder modelBuilder)
    {
        BuildModel(modelBuilder);
        EventTables.Map(modelBuilder, owned: OwnsEventTables);
        if (ApplicationFilter)
        {
            var filter = typeof(ModuleDbContext).GetMethod(nameof(FilterTenant), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
            foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType)).ToList())
                filter.MakeGenericMethod(entity.ClrType).Invoke(this, [modelBuilder]);
        }
        ModelConventions.Apply(modelBuilder);
    }

    /// <summary>The name of the tenant's query filter; a module may add filters of its own under other names (the market's visibility).</summary>
    public const string TenantFilter = "tenant";

    // Refers to the context itself, so EF reads the tenant of the context running the query, not of the one that built the model.
    private void FilterTenant<T>(ModelBuilder b) where T : class, ITenantOwned =>
        b.Entity<T>().HasQueryFilter(TenantFilter, x => x.TenantId == TenantId);

    public sealed override int SaveChanges(bool acceptAllChangesOnSuccess) => throw new NotSupportedException("Use SaveChangesAsync.");

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // Changes are detected once: Entries() and SaveChanges would each look at every tracked row again.
        ChangeTracker.DetectChanges();
        var autoDetect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        int written;
        try
        {
            // On SQLite, inside the command's transaction, a save that only updates rows skips EF Core's update pipeline (ADR 0011).
            var updates = !IsPostgres && Database.CurrentTransaction is not null ? new List<EntityEntry>() : null;
            foreach (var entry in ChangeTracker.Entries())
            {
                if (entry.State == EntityState.Modified && entry.Entity is IVersioned versioned && !stamped.Contains(versioned))
                    entry.Property(nameof(IVersioned.Version)).CurrentValue = versioned.Version + 1;
                if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && entry.Metadata.GetTableName() is { } table)
                    changedTables.Add(table);
                if (updates is not null && entry.State is not EntityState.Unchanged)
                {
                    if (entry.State == EntityState.Modified && SqliteUpdates.CanUpdate(entry.Metadata)) updates.Add(entry);
                    else updates = null;
                }
            }
            TenantRowSecurity.GuardWrites(this, TenantId);
            if (updates is { Count: > 0 })
            {
                written = await SqliteUpdates.SaveAsync(this, updates, cancellationToken);
                if (acceptAllChangesOnSuccess) ChangeTracker.AcceptAllChanges();
            }
            else
            {
                written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            }
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
        stamped.Clear();
        // Without a transaction of its own, the save was its own transaction, and has committed.
        if (Database.CurrentTransaction is null) Committed();
        return written;
    }

    // Rows whose version this save has raised already (StampVersions): the save does not raise it again.
    private readonly HashSet<IVersioned> stamped = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Raises now, as the next save would, the version of every changed <see cref="IVersioned"/> row, so that a command
    /// can answer with the versions its changes will have and leave the writing to <see cref="SaveAndCommitAsync"/>.
    /// </summary>
    public void StampVersions()
    {
        ChangeTracker.DetectChanges();
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Modified && entry.Entity is IVersioned versioned && stamped.Add(versioned))
                entry.Property(nameof(IVersioned.Version)).CurrentValue = versioned.Version + 1;
        }
    }

    /// <summary>Whether the next save may carry the COMMIT of the context's transaction (<see cref="CommitWithSave"/>).</summary>
    internal bool CommitMayGoWithSave { get; private set; }

    /// <summary>Set by the save's last statements when they carried the COMMIT.</summary>
    internal bool CommitWentWithSave { get; set; }

    /// <summary>
    /// Saves what is pending and commits the context's transaction. On PostgreSQL the COMMIT goes in the save's last
    /// batch of statements (<see cref="CommitWithSave"/>): a command's writes and its commit are one round trip to the
    /// server, not two. On SQLite, and when the save writes nothing, the transaction commits as usual.
    /// </summary>
    public async Task SaveAndCommitAsync(CancellationToken ct = default)
    {
        var transaction = Database.CurrentTransaction ?? throw new InvalidOperationException("There is no transaction to commit.");
        if (IsPostgres)
        {
            CommitWentWithSave = false;
            CommitMayGoWithSave = true;
            try
            {
                await SaveChangesAsync(ct);
            }
            finally
            {
                CommitMayGoWithSave = false;
            }
            if (CommitWentWithSave)
            {
                CommitWentWithSave = false;
                // The server has committed (Npgsql saw it leave the transaction: disposing the transaction rolls nothing back).
                Committed();
                return;
            }
        }
        else
        {
            await SaveChangesAsync(ct);
        }
        // Nothing was left to write (or the writes went on past EF Core's batches): the commit goes on its own.
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// Keeps the COMMIT out of the saves inside <paramref name="write"/>: for a save whose writes go on after
    /// <see cref="DbContext.SaveChangesAsync(CancellationToken)"/> returns (events written past the tracker, say).
    /// </summary>
    protected async Task<T> WithoutCommitAsync<T>(Func<Task<T>> write)
    {
        var may = CommitMayGoWithSave;
        CommitMayGoWithSave = false;
        try
        {
            return await write();
        }
        finally
        {
            CommitMayGoWithSave = may;
        }
    }

    /// <summary>
    /// A context from a pool serves one command, then goes back: what it knew about its tenant and its
    /// changes goes with it (EF Core resets its own state; this is the module's).
    /// </summary>
    protected virtual void ForgetLease()
    {
        tenantId = 0;
        stamped.Clear();
        CommitMayGoWithSave = false;
        CommitWentWithSave = false;
        changedTables.Clear();
        topics.Clear();
        published = false;
    }

    public override void Dispose()
    {
        ForgetLease();
        var lent = TakeLentConnection();
        base.Dispose();
        lent?.Invoke();
    }

    public override async ValueTask DisposeAsync()
    {
        ForgetLease();
        var lent = TakeLentConnection();
        await base.DisposeAsync();
        lent?.Invoke();
    }

    private Action? giveBackConnection;

    /// <summary>
    /// Runs this lease of the context on a kept SQLite connection (its statements stay prepared between
    /// leases); the connection goes back when the context is disposed. Call before the context touches the database.
    /// </summary>
    public void UseConnectionFrom(SqliteConnections connections)
    {
        if (giveBackConnection is not null) throw new InvalidOperationException("This context already has a kept connection.");
        var connection = connections.Rent();
        Database.SetDbConnection(connection, contextOwnsConnection: false);
        giveBackConnection = () => connections.Return(connection);
    }

    // Taken before the context goes back to its pool (another lease may start at once), given back after
    // EF Core has ended whatever transaction the lease left.
    private Action? TakeLentConnection()
    {
        var lent = giveBackConnection;
        giveBackConnection = null;
        return lent;
    }

    /// <summary>A table the module wrote past the tracker (plain SQL in the same transaction): told with the commit like the others.</summary>
    protected void Touched(string table) => changedTables.Add(table);

    /// <summary>A topic for this process's listeners, told with the commit (<see cref="ChangeNotice.Topics"/>); forgotten on rollback.</summary>
    protected void Announce(string topic) => topics.Add(topic);

    /// <summary>The changes saved so far are committed: tell the process (the change feed, the event delivery).</summary>
    internal void Committed()
    {
        if (changedTables.Count == 0 && !published && topics.Count == 0) return;
        var notice = new ChangeNotice(TenantId, changedTables.ToHashSet(StringComparer.Ordinal), published);
        if (topics.Count > 0) notice = notice with { Topics = topics.ToHashSet(StringComparer.Ordinal) };
        changedTables.Clear();
        topics.Clear();
        published = false;
        dependencies.Signals.Raise(notice);
    }

    /// <summary>The changes saved so far were rolled back: there is nothing to tell.</summary>
    internal void RolledBack()
    {
        changedTables.Clear();
        topics.Clear();
        published = false;
    }
}
