using Microsoft.EntityFrameworkCore;
using Weft.Platform.Persistence;

namespace Weft.AI.Persistence;

/// <summary>A tenant's model providers, model catalogue, AI agents and their runs.</summary>
internal sealed class AiDbContext(DbContextOptions<AiDbContext> options) : ModuleDbContext(options)
{
    public static ModuleStore Tables { get; } = ModuleStore.Of<AiDbContext>("ai", "ai_migrations",
        // PostgreSQL's full-text vector of a chunk: generated from its heading and text, read only by LexicalSearch's SQL.
        "ai_chunks.search", "ai_chunks index ix_ai_chunks_search");

    public DbSet<ProviderRecord> Providers => Set<ProviderRecord>();
    public DbSet<ModelRecord> Models => Set<ModelRecord>();
    public DbSet<AiSettingsRecord> Settings => Set<AiSettingsRecord>();
    public DbSet<AgentProfileRecord> Agents => Set<AgentProfileRecord>();
    public DbSet<RunRecord> Runs => Set<RunRecord>();
    public DbSet<CallRecord> Calls => Set<CallRecord>();
    public DbSet<PersonaRecord> Personas => Set<PersonaRecord>();
    public DbSet<KnowledgeBaseRecord> KnowledgeBases => Set<KnowledgeBaseRecord>();
    public DbSet<DocumentRecord> Documents => Set<DocumentRecord>();
    public DbSet<ChunkRecord> Chunks => Set<ChunkRecord>();
    public DbSet<RunSourceRecord> RunSources => Set<RunSourceRecord>();
    public DbSet<ThreadRecord> Threads => Set<ThreadRecord>();
    public DbSet<MessageRecord> Messages => Set<MessageRecord>();
    public DbSet<PatternRecord> Patterns => Set<PatternRecord>();

    protected override void BuildModel(ModelBuilder b)
    {
        b.Entity<ProviderRecord>(e =>
        {
            e.ToTable("ai_providers");
            e.HasIndex(x => new { x.TenantId, x.Key }).IsUnique();
            e.Property(x => x.Key).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Kind).HasMaxLength(32);
            e.Property(x => x.BaseUrl).HasMaxLength(500);
            e.Property(x => x.ApiKeyProtected).HasMaxLength(4000);
        });
        b.Entity<ModelRecord>(e =>
        {
            e.ToTable("ai_models");
            e.HasIndex(x => new { x.TenantId, x.Key }).IsUnique();
            e.Property(x => x.Key).HasMaxLength(100);
            e.Property(x => x.Kind).HasMaxLength(32);
            e.Property(x => x.Provider).HasMaxLength(64);
            e.Property(x => x.ProviderModel).HasMaxLength(200);
            e.Property(x => x.Purpose).HasMaxLength(16);
            e.Property(x => x.InputPrice).HasPrecision(12, 6);
            e.Property(x => x.OutputPrice).HasPrecision(12, 6);
            e.Property(x => x.CachedInputPrice).HasPrecision(12, 6);
        });
        b.Entity<AiSettingsRecord>(e =>
        {
            e.ToTable("ai_settings");
            e.HasIndex(x => x.TenantId).IsUnique();
        });
        b.Entity<AgentProfileRecord>(e =>
        {
            e.ToTable("ai_agents");
            e.HasIndex(x => new { x.TenantId, x.AgentKey }).IsUnique();
            e.Property(x => x.AgentKey).HasMaxLength(64);
            e.Property(x => x.Description).HasMaxLength(2000);
            e.Property(x => x.ModelChainJson).HasMaxLength(2000);
            e.Property(x => x.KnowledgeJson).HasMaxLength(2000);
            e.Property(x => x.BudgetPerRun).HasPrecision(12, 6);
            e.Property(x => x.BudgetPerDay).HasPrecision(12, 6);
        });
        b.Entity<PersonaRecord>(e =>
        {
            e.ToTable("ai_personas");
            e.HasIndex(x => new { x.TenantId, x.AgentKey, x.Number }).IsUnique();
            e.Property(x => x.AgentKey).HasMaxLength(64);
            e.Property(x => x.Instructions).HasMaxLength(20_000);
            e.Property(x => x.Note).HasMaxLength(500);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
        });
        b.Entity<RunRecord>(e =>
        {
            e.ToTable("ai_runs");
            e.HasIndex(x => new { x.TenantId, x.AgentKey, x.Id });
            e.HasIndex(x => new { x.TenantId, x.AgentKey, x.StartedAt });
            e.Property(x => x.AgentKey).HasMaxLength(64);
            e.Property(x => x.State).HasMaxLength(16);
            e.Property(x => x.AnsweredBy).HasMaxLength(100);
            e.Property(x => x.ErrorCode).HasMaxLength(64);
            e.Property(x => x.Error).HasMaxLength(2000);
            e.Property(x => x.Actor).HasMaxLength(256);
            e.Property(x => x.Cost).HasPrecision(18, 10);
        });
        b.Entity<KnowledgeBaseRecord>(e =>
        {
            e.ToTable("ai_knowledge_bases");
            e.HasIndex(x => new { x.TenantId, x.Key }).IsUnique();
            e.Property(x => x.Key).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Description).HasMaxLength(2000);
            e.Property(x => x.EmbeddingModel).HasMaxLength(100);
        });
        b.Entity<DocumentRecord>(e =>
        {
            e.ToTable("ai_documents");
            e.HasIndex(x => new { x.TenantId, x.BaseId, x.Name }).IsUnique();
            e.Property(x => x.Name).HasMaxLength(255);
            e.Property(x => x.Title).HasMaxLength(500);
            e.Property(x => x.Type).HasMaxLength(16);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.EmbeddingModel).HasMaxLength(100);
            e.Property(x => x.UploadedBy).HasMaxLength(256);
        });
        b.Entity<ChunkRecord>(e =>
        {
            e.ToTable("ai_chunks");
            e.HasIndex(x => new { x.TenantId, x.DocumentId, x.Sequence }).IsUnique();
            e.HasIndex(x => new { x.TenantId, x.BaseId });
            e.Property(x => x.Heading).HasMaxLength(1000);
        });
        b.Entity<RunSourceRecord>(e =>
        {
            e.ToTable("ai_run_sources");
            e.HasIndex(x => new { x.TenantId, x.RunId, x.Rank }).IsUnique();
            e.Property(x => x.Base).HasMaxLength(64);
            e.Property(x => x.Document).HasMaxLength(255);
            e.Property(x => x.Heading).HasMaxLength(1000);
        });
        b.Entity<ThreadRecord>(e =>
        {
            e.ToTable("ai_threads");
            e.HasIndex(x => new { x.TenantId, x.AgentKey, x.Id });
            e.Property(x => x.AgentKey).HasMaxLength(64);
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
        });
        b.Entity<MessageRecord>(e =>
        {
            e.ToTable("ai_messages");
            e.HasIndex(x => new { x.TenantId, x.ThreadId, x.Sequence }).IsUnique();
            e.Property(x => x.Role).HasMaxLength(16);
        });
        b.Entity<CallRecord>(e =>
        {
            e.ToTable("ai_calls");
            e.HasIndex(x => new { x.TenantId, x.RunId });
            e.HasIndex(x => new { x.TenantId, x.At });
            e.Property(x => x.Subject).HasMaxLength(80);
            e.Property(x => x.Model).HasMaxLength(100);
            e.Property(x => x.Provider).HasMaxLength(64);
            e.Property(x => x.Outcome).HasMaxLength(16);
            e.Property(x => x.Reason).HasMaxLength(64);
            e.Property(x => x.Cost).HasPrecision(18, 10);
        });
        b.Entity<PatternRecord>(e =>
        {
            e.ToTable("ai_patterns");
            e.HasIndex(x => new { x.TenantId, x.GraphKey }).IsUnique();
            e.Property(x => x.GraphKey).HasMaxLength(64);
            e.Property(x => x.Kind).HasMaxLength(32);
            e.Property(x => x.SpecJson).HasMaxLength(40000);
            e.Property(x => x.MaxCost).HasPrecision(18, 6);
        });
    }
}
