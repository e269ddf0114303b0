using Microsoft.EntityFrameworkCore;
using Weft.Platform.Persistence;

namespace Weft.Platform.Events;

/// <summary>The platform's own tables: the outbox of integration events and their deliveries.</summary>
internal sealed class PlatformDbContext(DbContextOptions<PlatformDbContext> options) : ModuleDbContext(options)
{
    public static ModuleStore Tables { get; } = ModuleStore.Of<PlatformDbContext>("platform", "platform_migrations");

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<EventDelivery> Deliveries => Set<EventDelivery>();

    private protected override bool OwnsEventTables => true;

    protected override void BuildModel(ModelBuilder b)
    {
        // The tables are mapped, for this context and every module's, by the base.
    }
}
