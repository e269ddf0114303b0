using Microsoft.EntityFrameworkCore;
using Weft.Platform.Persistence;

namespace Weft.Flow.Persistence;

/// <summary>
/// The engine's tables, seen through one tenant (the platform's <see cref="ModuleDbContext"/> filters,
/// stamps and guards every row by tenant, and names columns and keys).
/// </summary>
internal sealed class FlowDbContext(DbContextOptions<FlowDbContext> options) : ModuleDbContext(options)
{
    public DbSet<GraphRecord> Graphs => Set<GraphRecord>();
    public DbSet<GraphVersionRecord> GraphVersions => Set<GraphVersionRecord>();
    public DbSet<NodePresetRecord> NodePresets => Set<NodePresetRecord>();
    public DbSet<AgentRecord> Agents => Set<AgentRecord>();
    public DbSet<AgentCapabilityRecord> AgentCapabilities => Set<AgentCapabilityRecord>();
    public DbSet<JobRecord> Jobs => Set<JobRecord>();
    public DbSet<TokenRecord> Tokens => Set<TokenRecord>();
    public DbSet<WorkItemRecord> WorkItems => Set<WorkItemRecord>();
    public DbSet<EventRecord> Events => Set<EventRecord>();
    public DbSet<InboxRecord> Inbox => Set<InboxRecord>();
    public DbSet<TimerRecord> Timers => Set<TimerRecord>();
    public DbSet<IdempotencyRecord> IdempotencyKeys => Set<IdempotencyRecord>();
    public DbSet<MessageRecord> Messages => Set<MessageRecord>();

    protected override void BuildModel(ModelBuilder b)
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
        b.Entity<NodePresetRecord>(e =>
        {
            e.ToTable("flow_node_presets");
            e.HasIndex(x => new { x.TenantId, x.Key }).IsUnique();
            e.Property(x => x.Key).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.SavedBy).HasMaxLength(256);
        });
        b.Entity<AgentRecord>(e =>
        {
            e.ToTable("flow_agents");
            e.HasIndex(x => new { x.TenantId, x.Key }).IsUnique();
            e.Property(x => x.Key).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Kind).HasMaxLength(16);
            e.Property(x => x.Status).HasMaxLength(16);
            e.Property(x => x.Tier).HasMaxLength(16);
            e.Property(x => x.Description).HasMaxLength(500);
        });
        b.Entity<AgentCapabilityRecord>(e =>
        {
            e.ToTable("flow_agent_capabilities");
            e.HasIndex(x => new { x.AgentId, x.Name }).IsUnique();
            e.HasIndex(x => new { x.TenantId, x.Name, x.Level });
            e.Property(x => x.Name).HasMaxLength(64);
            e.HasOne(x => x.Agent).WithMany().HasForeignKey(x => x.AgentId).OnDelete(DeleteBehavior.Cascade)
                .HasConstraintName("fk_flow_agent_capabilities_agent_id");
        });
        b.Entity<JobRecord>(e =>
        {
            e.ToTable("flow_jobs");
            e.HasIndex(x => new { x.TenantId, x.GraphKey, x.State });
            e.Property(x => x.GraphKey).HasMaxLength(64);
            e.Property(x => x.Reference).HasMaxLength(200);
            e.Property(x => x.State).HasMaxLength(16);
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
            e.Property(x => x.WaitMessage).HasMaxLength(128);
            e.Property(x => x.WaitKey).HasMaxLength(200);
            e.HasIndex(x => new { x.TenantId, x.WaitMessage, x.WaitKey });
        });
        b.Entity<WorkItemRecord>(e =>
        {
            e.ToTable("flow_work_items");
            e.HasIndex(x => new { x.TenantId, x.State, x.Assignment, x.Capability });
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
            e.Property(x => x.LeaseId).HasMaxLength(64);
            e.Property(x => x.RequiredCapabilities).HasMaxLength(Runtime.WorkRequirements.MaxText);
            e.Property(x => x.PreferredCapabilities).HasMaxLength(Runtime.WorkRequirements.MaxText);
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
        });
        b.Entity<TimerRecord>(e =>
        {
            e.ToTable("flow_timers");
            e.HasIndex(x => new { x.TenantId, x.DueAt });
            e.HasIndex(x => x.WorkItemId);
            e.HasIndex(x => x.TokenId);
            e.Property(x => x.Kind).HasMaxLength(32);
            e.Property(x => x.AgentKey).HasMaxLength(64);
        });
        b.Entity<MessageRecord>(e =>
        {
            e.ToTable("flow_messages");
            e.HasIndex(x => new { x.TenantId, x.Name, x.CorrelationKey, x.ConsumedAt });
            e.Property(x => x.Name).HasMaxLength(128);
            e.Property(x => x.CorrelationKey).HasMaxLength(200);
            e.Property(x => x.SentBy).HasMaxLength(256);
        });
        b.Entity<IdempotencyRecord>(e =>
        {
            e.ToTable("flow_idempotency");
            e.HasKey(x => new { x.TenantId, x.Key });
            e.Property(x => x.Key).HasMaxLength(200);
            e.Property(x => x.Fingerprint).HasMaxLength(64);
        });
    }

    /// <summary>
    /// Events wait here until the rows they name have ids; they are written in the order they were
    /// emitted, right after those rows, in the same transaction.
    /// </summary>
    internal List<(EventRecord Event, TokenRecord? Token, WorkItemRecord? Item)> PendingEvents { get; } = [];

    /// <summary>This command gave work to an automated agent whose handler runs here: the runner looks at once, not at its next poll.</summary>
    internal void AnnounceAutomatedWork() => Announce(Automation.AutomationRunner.WorkAssignedTopic);

    protected override void ForgetLease()
    {
        PendingEvents.Clear();
        base.ForgetLease();
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (PendingEvents.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (IsPostgres && PendingEvents.TrueForAll(p => p.Token is not { Id: 0 } && p.Item is not { Id: 0 }))
        {
            // On PostgreSQL each statement is a round trip to the server: when the rows the events name
            // have their ids already, the events go in the save's own batch (in the order they were emitted:
            // EF Core inserts new rows of one table in the order they were added).
            var batched = TakePendingEvents();
            Events.AddRange(batched);
            try
            {
                return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            }
            finally
            {
                foreach (var e in batched) Entry(e).State = EntityState.Detached;
            }
        }
        // The rows first: events name the ids of tokens and work items this save may create. The events are written
        // after this save, so the COMMIT cannot go with it.
        var written = await WithoutCommitAsync(() => base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken));
        var events = TakePendingEvents();
        if (Database.CurrentTransaction is null)
        {
            // Outside a transaction the rows above have committed already; the events commit on their own, through the tracker.
            Events.AddRange(events);
            written += await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            foreach (var e in events) Entry(e).State = EntityState.Detached;
            return written;
        }
        // Events are only ever appended and nobody reads them back in the command: they skip the tracker, many rows a statement.
        for (var start = 0; start < events.Count; start += EventsPerStatement)
        {
            var rows = Math.Min(EventsPerStatement, events.Count - start);
            var values = new object?[rows * EventColumns];
            for (var row = 0; row < rows; row++)
            {
                var e = events[start + row];
                var at = row * EventColumns;
                values[at] = e.TenantId;
                values[at + 1] = e.Type;
                values[at + 2] = e.At;
                values[at + 3] = e.Actor;
                values[at + 4] = e.GraphKey;
                values[at + 5] = e.GraphVersion;
                values[at + 6] = e.JobId;
                values[at + 7] = e.TokenId;
                values[at + 8] = e.WorkItemId;
                values[at + 9] = e.NodeKey;
                values[at + 10] = e.DataJson;
            }
            written += await Database.ExecuteSqlRawAsync(EventInsert(rows), values!, cancellationToken);
        }
        Touched("flow_events");
        return written;
    }

    private const int EventsPerStatement = 400;
    private const int EventColumns = 11;

    // The statement for a number of rows, made once (a command writes one or two events; a job's start, one per token).
    private static readonly string?[] eventInserts = new string?[EventsPerStatement + 1];

    private static string EventInsert(int rows) => eventInserts[rows] ??= BuildEventInsert(rows);

    private static string BuildEventInsert(int rows)
    {
        var sql = new System.Text.StringBuilder(
            "INSERT INTO flow_events (tenant_id, type, at, actor, graph_key, graph_version, job_id, token_id, work_item_id, node_key, data_json) VALUES ");
        for (var row = 0; row < rows; row++)
        {
            sql.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < EventColumns; column++)
                sql.Append(column == 0 ? "" : ", ").Append('{').Append(row * EventColumns + column).Append('}');
            sql.Append(')');
        }
        return sql.ToString();
    }

    // The pending events with the ids of the rows they name, which must have them by now.
    private List<EventRecord> TakePendingEvents()
    {
        var events = new List<EventRecord>(PendingEvents.Count);
        foreach (var (e, token, item) in PendingEvents)
        {
            if (token is not null) e.TokenId = token.Id;
            if (item is not null) e.WorkItemId = item.Id;
            e.TenantId = TenantId;
            events.Add(e);
        }
        PendingEvents.Clear();
        return events;
    }
}
