using Microsoft.EntityFrameworkCore;
using Weft.Platform.Persistence;

namespace Weft.Production.Persistence;

/// <summary>Products and production orders (manufacturing orders and atelier jobs) of a tenant.</summary>
internal sealed class ProductionDbContext(DbContextOptions<ProductionDbContext> options) : ModuleDbContext(options)
{
    public static ModuleStore Tables { get; } = ModuleStore.Of<ProductionDbContext>("production", "production_migrations");

    public DbSet<ProductRecord> Products => Set<ProductRecord>();
    public DbSet<ProductionOrderRecord> Orders => Set<ProductionOrderRecord>();
    public DbSet<SecretRecord> Secrets => Set<SecretRecord>();
    public DbSet<ShiftCalendarRecord> ShiftCalendars => Set<ShiftCalendarRecord>();

    protected override void BuildModel(ModelBuilder b)
    {
        b.Entity<ProductRecord>(e =>
        {
            e.ToTable("production_products");
            e.HasIndex(x => new { x.TenantId, x.Key }).IsUnique();
            e.Property(x => x.Key).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Routing).HasMaxLength(64);
        });
        b.Entity<ProductionOrderRecord>(e =>
        {
            e.ToTable("production_orders");
            e.HasIndex(x => new { x.TenantId, x.Kind, x.State });
            e.HasIndex(x => new { x.TenantId, x.JobId });
            e.HasIndex(x => new { x.TenantId, x.LinkedOrderId });
            e.Property(x => x.Kind).HasMaxLength(8);
            e.Property(x => x.ProductKey).HasMaxLength(64);
            e.Property(x => x.Routing).HasMaxLength(64);
            e.Property(x => x.State).HasMaxLength(16);
            e.Property(x => x.Notes).HasMaxLength(2000);
            e.Property(x => x.Customer).HasMaxLength(200);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
        });
        b.Entity<SecretRecord>(e =>
        {
            e.ToTable("production_secrets");
            e.HasIndex(x => new { x.TenantId, x.Purpose }).IsUnique();
            e.Property(x => x.Purpose).HasMaxLength(64);
        });
        b.Entity<ShiftCalendarRecord>(e =>
        {
            e.ToTable("production_shift_calendars");
            e.HasIndex(x => new { x.TenantId, x.AgentKey }).IsUnique();
            e.Property(x => x.AgentKey).HasMaxLength(64);
        });
    }
}
