using Microsoft.EntityFrameworkCore;

namespace Weft.Platform.Events;

/// <summary>
/// The outbox (<c>platform_outbox</c>) and its deliveries (<c>platform_event_deliveries</c>): owned, and
/// migrated, by the platform's own store; mapped by every module's context so that a module writes its
/// events in its own transaction.
/// </summary>
internal static class EventTables
{
    public const string Outbox = "platform_outbox";
    public const string Deliveries = "platform_event_deliveries";

    public static void Map(ModelBuilder b, bool owned)
    {
        b.Entity<OutboxMessage>(e =>
        {
            e.ToTable(Outbox, t => t.ExcludeFromMigrations(!owned));
            e.Property(x => x.Stream).HasMaxLength(200);
            e.Property(x => x.Type).HasMaxLength(200);
            e.HasIndex(x => new { x.TenantId, x.Id });
        });
        b.Entity<EventDelivery>(e =>
        {
            e.ToTable(Deliveries, t => t.ExcludeFromMigrations(!owned));
            e.Property(x => x.Handler).HasMaxLength(200);
            e.Property(x => x.Stream).HasMaxLength(200);
            e.Property(x => x.State).HasMaxLength(16);
            e.Property(x => x.ResolvedBy).HasMaxLength(256);
            e.HasOne(x => x.Message).WithMany().HasForeignKey(x => x.MessageId).HasConstraintName("fk_platform_event_deliveries_message_id");
            e.HasIndex(x => new { x.MessageId, x.Handler }).IsUnique();
            e.HasIndex(x => new { x.State, x.NextAttemptAt });
            e.HasIndex(x => new { x.Handler, x.TenantId, x.Stream, x.State });
            e.HasIndex(x => new { x.TenantId, x.State });
        });
    }
}
