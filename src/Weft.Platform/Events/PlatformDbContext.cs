using Microsoft.EntityFrameworkCore;
using Weft.Platform.Persistence;
using Weft.Platform.Security;
using Weft.Platform.Webhooks;

namespace Weft.Platform.Events;

/// <summary>The platform's own tables: the outbox of integration events and their deliveries, the data protection key ring, and webhooks.</summary>
internal sealed class PlatformDbContext(DbContextOptions<PlatformDbContext> options) : ModuleDbContext(options)
{
    public static ModuleStore Tables { get; } = ModuleStore.Of<PlatformDbContext>("platform", "platform_migrations");

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<EventDelivery> Deliveries => Set<EventDelivery>();
    public DbSet<ProtectionKeyRecord> ProtectionKeys => Set<ProtectionKeyRecord>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<WebhookAttempt> WebhookAttempts => Set<WebhookAttempt>();

    private protected override bool OwnsEventTables => true;

    protected override void BuildModel(ModelBuilder b)
    {
        // The event tables are mapped, for this context and every module's, by the base.
        b.Entity<ProtectionKeyRecord>(e =>
        {
            e.ToTable("platform_protection_keys");
            e.Property(x => x.FriendlyName).HasMaxLength(200);
        });
        WebhookTables.Map(b);
    }
}
