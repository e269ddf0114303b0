using Microsoft.EntityFrameworkCore;
using Weft.Platform.Persistence;

namespace Weft.Support.Persistence;

/// <summary>A tenant's customers and their organizations, conversations and messages, and the intent classifier's data.</summary>
internal sealed class SupportDbContext(DbContextOptions<SupportDbContext> options) : ModuleDbContext(options)
{
    public static ModuleStore Tables { get; } = ModuleStore.Of<SupportDbContext>("support", "support_migrations");

    public DbSet<OrganizationRecord> Organizations => Set<OrganizationRecord>();
    public DbSet<CustomerRecord> Customers => Set<CustomerRecord>();
    public DbSet<ConversationRecord> Conversations => Set<ConversationRecord>();
    public DbSet<MessageRecord> Messages => Set<MessageRecord>();
    public DbSet<TrainingExampleRecord> TrainingExamples => Set<TrainingExampleRecord>();
    public DbSet<IntentModelRecord> IntentModels => Set<IntentModelRecord>();
    public DbSet<CalendarRecord> Calendars => Set<CalendarRecord>();
    public DbSet<SlaPolicyRecord> SlaPolicies => Set<SlaPolicyRecord>();
    public DbSet<AiPolicyRecord> AiPolicies => Set<AiPolicyRecord>();
    public DbSet<SupportMailboxRecord> Mailboxes => Set<SupportMailboxRecord>();
    public DbSet<ArticleRecord> Articles => Set<ArticleRecord>();
    public DbSet<SupportMacroRecord> Macros => Set<SupportMacroRecord>();
    public DbSet<AttachmentRecord> Attachments => Set<AttachmentRecord>();
    public DbSet<AttachmentContentRecord> AttachmentContents => Set<AttachmentContentRecord>();
    public DbSet<AttachmentSettingsRecord> AttachmentSettings => Set<AttachmentSettingsRecord>();
    public DbSet<SupportTeamRecord> Teams => Set<SupportTeamRecord>();
    public DbSet<SupportRoutingRuleRecord> RoutingRules => Set<SupportRoutingRuleRecord>();

    protected override void BuildModel(ModelBuilder b)
    {
        b.Entity<OrganizationRecord>(e =>
        {
            e.ToTable("support_organizations");
            e.HasIndex(x => new { x.TenantId, x.Name }).IsUnique();
            e.HasIndex(x => new { x.TenantId, x.Domain });
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Domain).HasMaxLength(200);
            e.Property(x => x.Tier).HasMaxLength(32);
            e.Property(x => x.Notes).HasMaxLength(4000);
        });
        b.Entity<CustomerRecord>(e =>
        {
            e.ToTable("support_customers");
            e.HasIndex(x => new { x.TenantId, x.Email });
            e.HasIndex(x => new { x.TenantId, x.OrganizationId });
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Email).HasMaxLength(254);
            e.Property(x => x.Phone).HasMaxLength(40);
            e.Property(x => x.Language).HasMaxLength(16);
            e.Property(x => x.Tier).HasMaxLength(32);
            e.Property(x => x.TagsJson).HasMaxLength(2000);
            e.Property(x => x.FieldsJson).HasMaxLength(8000);
            e.Property(x => x.ExternalRef).HasMaxLength(200);
        });
        b.Entity<ConversationRecord>(e =>
        {
            e.ToTable("support_conversations");
            e.HasIndex(x => new { x.TenantId, x.Number }).IsUnique();
            e.HasIndex(x => new { x.TenantId, x.Status, x.Assignee });
            e.HasIndex(x => new { x.TenantId, x.CustomerId });
            e.HasIndex(x => new { x.TenantId, x.JobId });
            e.Property(x => x.Channel).HasMaxLength(16);
            e.Property(x => x.Subject).HasMaxLength(300);
            e.Property(x => x.Status).HasMaxLength(16);
            e.Property(x => x.Priority).HasMaxLength(16);
            e.Property(x => x.Type).HasMaxLength(32);
            e.Property(x => x.TagsJson).HasMaxLength(2000);
            e.Property(x => x.Assignee).HasMaxLength(64);
            e.Property(x => x.Team).HasMaxLength(64);
            e.Property(x => x.Intent).HasMaxLength(100);
            e.Property(x => x.Language).HasMaxLength(16);
            e.Property(x => x.Sentiment).HasMaxLength(16);
            e.Property(x => x.HandoverReason).HasMaxLength(32);
            e.Property(x => x.Summary).HasMaxLength(4000);
            e.Property(x => x.AccessToken).HasMaxLength(64);
            e.Property(x => x.CsatComment).HasMaxLength(2000);
            e.Property(x => x.SlaPolicy).HasMaxLength(64);
        });
        b.Entity<MessageRecord>(e =>
        {
            e.ToTable("support_messages");
            e.HasIndex(x => new { x.TenantId, x.ConversationId, x.Id });
            // An email's Message-ID is stored once: a mail fetched twice (or sent to two of our addresses) is one message.
            e.HasIndex(x => new { x.TenantId, x.ExternalId }).IsUnique();
            e.HasIndex(x => new { x.TenantId, x.DeliveryState, x.DeliveryDueAt });
            e.HasIndex(x => new { x.TenantId, x.ConversationId, x.ClientId });
            e.Property(x => x.Kind).HasMaxLength(16);
            e.Property(x => x.Author).HasMaxLength(64);
            e.Property(x => x.AuthorName).HasMaxLength(200);
            e.Property(x => x.Body).HasMaxLength(20000);
            e.Property(x => x.CitationsJson).HasMaxLength(20000);
            e.Property(x => x.ExternalId).HasMaxLength(300);
            e.Property(x => x.ClientId).HasMaxLength(64);
            e.Property(x => x.DeliveryState).HasMaxLength(16);
            e.Property(x => x.DeliveryError).HasMaxLength(1000);
            e.Property(x => x.AttachmentsJson).HasMaxLength(8000);
        });
        b.Entity<TrainingExampleRecord>(e =>
        {
            e.ToTable("support_training_examples");
            e.HasIndex(x => new { x.TenantId, x.Intent });
            e.Property(x => x.Text).HasMaxLength(2000);
            e.Property(x => x.Intent).HasMaxLength(100);
            e.Property(x => x.Source).HasMaxLength(16);
        });
        b.Entity<IntentModelRecord>(e =>
        {
            e.ToTable("support_intent_models");
            e.HasIndex(x => new { x.TenantId, x.Active });
            e.Property(x => x.TrainedBy).HasMaxLength(200);
        });
        b.Entity<CalendarRecord>(e =>
        {
            e.ToTable("support_calendars");
            e.HasIndex(x => new { x.TenantId, x.Key }).IsUnique();
            e.Property(x => x.Key).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.TimeZone).HasMaxLength(64);
            e.Property(x => x.HoursJson).HasMaxLength(4000);
            e.Property(x => x.HolidaysJson).HasMaxLength(8000);
        });
        b.Entity<SlaPolicyRecord>(e =>
        {
            e.ToTable("support_sla_policies");
            e.HasIndex(x => new { x.TenantId, x.Key }).IsUnique();
            e.Property(x => x.Key).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Priority).HasMaxLength(16);
            e.Property(x => x.Tier).HasMaxLength(32);
            e.Property(x => x.Calendar).HasMaxLength(64);
        });
        b.Entity<AiPolicyRecord>(e =>
        {
            e.ToTable("support_ai_policies");
            e.HasIndex(x => new { x.TenantId, x.Intent }).IsUnique();
            e.Property(x => x.Intent).HasMaxLength(100);
            e.Property(x => x.Mode).HasMaxLength(16);
            e.Property(x => x.Priority).HasMaxLength(16);
        });
        SupportMailboxRecord.Build(b);
        ArticleRecord.Build(b);
        SupportMacroRecord.Build(b);
        AttachmentRecord.Build(b);
        AttachmentContentRecord.Build(b);
        AttachmentSettingsRecord.Build(b);
        SupportTeamRecord.Build(b);
        SupportRoutingRuleRecord.Build(b);
    }
}
