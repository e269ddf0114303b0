using Microsoft.EntityFrameworkCore;

namespace Weft.Platform.Webhooks;

/// <summary>The webhook tables, in the platform's own store.</summary>
internal static class WebhookTables
{
    public const string Subscriptions = "platform_webhook_subscriptions";
    public const string Deliveries = "platform_webhook_deliveries";
    public const string Attempts = "platform_webhook_attempts";

    public static void Map(ModelBuilder b)
    {
        b.Entity<WebhookSubscription>(e =>
        {
            e.ToTable(Subscriptions);
            e.Property(x => x.Description).HasMaxLength(200);
            e.Property(x => x.Target).HasMaxLength(2000);
            e.Property(x => x.Format).HasMaxLength(16);
            e.Property(x => x.EventTypes).HasMaxLength(4000);
            e.Property(x => x.Secret).HasMaxLength(100);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.HasIndex(x => new { x.TenantId, x.Active });
        });
        b.Entity<WebhookDelivery>(e =>
        {
            e.ToTable(Deliveries);
            e.Property(x => x.EventType).HasMaxLength(200);
            e.Property(x => x.State).HasMaxLength(16);
            e.Property(x => x.LastError).HasMaxLength(2000);
            e.HasOne<WebhookSubscription>().WithMany().HasForeignKey(x => x.SubscriptionId).OnDelete(DeleteBehavior.Cascade)
                .HasConstraintName("fk_platform_webhook_deliveries_subscription_id");
            // One delivery per event and subscription, however often the event is handled.
            e.HasIndex(x => new { x.SubscriptionId, x.MessageId }).IsUnique();
            e.HasIndex(x => new { x.TenantId, x.State, x.NextAttemptAt });
        });
        b.Entity<WebhookAttempt>(e =>
        {
            e.ToTable(Attempts);
            e.Property(x => x.Error).HasMaxLength(2000);
            e.Property(x => x.ResponseExcerpt).HasMaxLength(1000);
            e.HasOne<WebhookDelivery>().WithMany().HasForeignKey(x => x.DeliveryId).OnDelete(DeleteBehavior.Cascade)
                .HasConstraintName("fk_platform_webhook_attempts_delivery_id");
            e.HasIndex(x => new { x.DeliveryId, x.Number });
        });
    }
}
