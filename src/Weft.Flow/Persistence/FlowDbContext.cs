using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Weft.Flow.Tenancy;

namespace Weft.Flow.Persistence;

/// <summary>
/// The engine's tables, seen through one tenant: every query is filtered to <see cref="TenantId"/>,
/// every insert is stamped with it, and an update or delete of another tenant's row is refused. This
/// is the one place tenant isolation lives in the application; PostgreSQL adds row-level security
/// underneath it (<see cref="TenantRowSecurity"/>).
/// </summary>
internal sealed class FlowDbContext(DbContextOptions<FlowDbContext> options, FlowDatabaseOptions database)
    : DbContext(options), ITenantScopedContext
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

    public DbSet<GraphRecord> Graphs => Set<GraphRecord>();
    public DbSet<GraphVersionRecord> GraphVersions => Set<GraphVersionRecord>();
    public DbSet<AgentRecord> Agents => Set<AgentRecord>();
    public DbSet<JobRecord> Jobs => Set<JobRecord>();
    public DbSet<TokenRecord> Tokens => Set<TokenRecord>();
    public DbSet<WorkItemRecord> WorkItems => Set<WorkItemRecord>();
    public DbSet<EventRecord> Events => Set<EventRecord>();
    public DbSet<InboxRecord> Inbox => Set<InboxRecord>();
    public DbSet<TimerRecord> Timers => Set<TimerRecord>();
    public DbSet<IdempotencyRecord> IdempotencyKeys => Set<IdempotencyRecord>();

    public bool IsPostgres => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<GraphRecord>(e =>
        {
            e.ToTable("flow_graphs");
            e.HasIndex(x => new { x.TenantId, x.Key }).IsUnique();
            e.Property(x => x.Key).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.DraftRevision).IsConcurrencyToken();
        });
        b.Entity<GraphVersionRecord>(e =>
        {
            e.ToTable("flow_graph_versions");
            e.HasIndex(x => new { x.TenantId, x.GraphKey, x.Number }).IsUnique();
            e.Property(x => x.GraphKey).HasMaxLength(64);
            e.Property(x => x.PublishedBy).HasMaxLength(256);
        });
        b.Entity<AgentRecord>(e =>
        {
            e.ToTable("flow_agents");
            e.HasIndex(x => new { x.TenantId, x.Key }).IsUnique();
            e.Property(x => x.Key).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Kind).HasMaxLength(16);
            e.Property(x => x.Status).HasMaxLength(16);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<JobRecord>(e =>
        {
            e.ToTable("flow_jobs");
            e.HasIndex(x => new { x.TenantId, x.GraphKey, x.State });
            e.Property(x => x.GraphKey).HasMaxLength(64);
            e.Property(x => x.Reference).HasMaxLength(200);
            e.Property(x => x.State).HasMaxLength(16);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<TokenRecord>(e =>
        {
            e.ToTable("flow_tokens");
            e.HasIndex(x => x.JobId);
            e.HasIndex(x => x.ParentTokenId);
            e.HasIndex(x => new { x.JobId, x.Serial, x.Generation }).IsUnique().HasFilter("parent_token_id IS NULL");
            e.Property(x => x.NodeKey).HasMaxLength(64);
            e.Property(x => x.State).HasMaxLength(16);
            e.Property(x => x.SplitNodeKey).HasMaxLength(64);
            e.Property(x => x.CancelReason).HasMaxLength(16);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<WorkItemRecord>(e =>
        {
            e.ToTable("flow_work_items");
            e.HasIndex(x => new { x.TenantId, x.State, x.Capability });
            e.HasIndex(x => x.TokenId);
            e.HasIndex(x => x.JobId);
            e.HasIndex(x => new { x.TenantId, x.AgentKey, x.State });
            e.Property(x => x.GraphKey).HasMaxLength(64);
            e.Property(x => x.NodeKey).HasMaxLength(64);
            e.Property(x => x.Capability).HasMaxLength(64);
            e.Property(x => x.Assignment).HasMaxLength(8);
            e.Property(x => x.State).HasMaxLength(16);
            e.Property(x => x.AgentKey).HasMaxLength(64);
            e.Property(x => x.Outcome).HasMaxLength(64);
            e.Property(x => x.ExcludedAgentKey).HasMaxLength(64);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<EventRecord>(e =>
        {
            e.ToTable("flow_events");
            e.HasIndex(x => x.JobId);
            e.HasIndex(x => new { x.TenantId, x.GraphKey, x.GraphVersion });
            e.Property(x => x.Type).HasMaxLength(48);
            e.Property(x => x.Actor).HasMaxLength(256);
            e.Property(x => x.GraphKey).HasMaxLength(64);
            e.Property(x => x.NodeKey).HasMaxLength(64);
        });
        b.Entity<InboxRecord>(e =>
        {
            e.ToTable("flow_inbox");
            e.HasIndex(x => new { x.TenantId, x.State, x.WorkItemId });
            e.Property(x => x.Reason).HasMaxLength(48);
            e.Property(x => x.AgentKey).HasMaxLength(64);
            e.Property(x => x.State).HasMaxLength(16);
            e.Property(x => x.Resolution).HasMaxLength(16);
            e.Property(x => x.ResolvedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<TimerRecord>(e =>
        {
            e.ToTable("flow_timers");
            e.HasIndex(x => new { x.TenantId, x.DueAt });
            e.HasIndex(x => x.WorkItemId);
            e.Property(x => x.Kind).HasMaxLength(32);
            e.Property(x => x.AgentKey).HasMaxLength(64);
        });
        b.Entity<IdempotencyRecord>(e =>
        {
            e.ToTable("flow_idempotency");
            e.HasKey(x => new { x.TenantId, x.Key });
            e.Property(x => x.Key).HasMaxLength(200);
            e.Property(x => x.Fingerprint).HasMaxLength(64);
        });

        if (ApplicationFilter)
        {
            Filter<GraphRecord>(b);
            Filter<GraphVersionRecord>(b);
            Filter<AgentRecord>(b);
            Filter<JobRecord>(b);
            Filter<TokenRecord>(b);
            Filter<WorkItemRecord>(b);
            Filter<EventRecord>(b);
            Filter<InboxRecord>(b);
            Filter<TimerRecord>(b);
            Filter<IdempotencyRecord>(b);
        }

        var utc = new ValueConverter<DateTime, DateTime>(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        var utcNullable = new ValueConverter<DateTime?, DateTime?>(
            v => v, v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
        foreach (var entity in b.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
                if (property.ClrType == typeof(DateTime)) property.SetValueConverter(utc);
                if (property.ClrType == typeof(DateTime?)) property.SetValueConverter(utcNullable);
            }
            foreach (var index in entity.GetIndexes())
                index.SetDatabaseName("ix_" + entity.GetTableName() + "_" + string.Join("_", index.Properties.Select(p => SnakeCase(p.Name))));
            entity.FindPrimaryKey()?.SetName("pk_" + entity.GetTableName());
        }
    }

    private void Filter<T>(ModelBuilder b) where T : class, ITenantOwned =>
        b.Entity<T>().HasQueryFilter(x => x.TenantId == TenantId);

    public override int SaveChanges(bool acceptAllChangesOnSuccess) => throw new NotSupportedException("Use SaveChangesAsync.");

    /// <summary>
    /// Events wait here until the rows they name have ids; they are written in the order they were
    /// emitted, right after those rows, in the same transaction.
    /// </summary>
    internal List<(EventRecord Event, TokenRecord? Token, WorkItemRecord? Item)> PendingEvents { get; } = [];

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified) entry.Entity.Version++;
        }
        TenantRowSecurity.GuardWrites(this, TenantId);
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (PendingEvents.Count > 0)
        {
            foreach (var (e, token, item) in PendingEvents)
            {
                if (token is not null) e.TokenId = token.Id;
                if (item is not null) e.WorkItemId = item.Id;
                Events.Add(e);
            }
            PendingEvents.Clear();
            TenantRowSecurity.GuardWrites(this, TenantId);
            written += await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        // Events never change once written; letting go of them keeps change detection cheap.
        foreach (var entry in ChangeTracker.Entries<EventRecord>().Where(e => e.State == EntityState.Unchanged).ToList())
            entry.State = EntityState.Detached;
        return written;
    }

    internal static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}
