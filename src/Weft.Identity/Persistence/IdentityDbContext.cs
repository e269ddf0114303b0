using Microsoft.EntityFrameworkCore;
using Weft.Platform.Persistence;

namespace Weft.Identity.Persistence;

/// <summary>
/// Tenants, users, API keys and settings. Users, keys and audit rows belong to a tenant (filtered,
/// stamped and guarded by the platform's context, and under row-level security on PostgreSQL);
/// tenants, the sign-in directory and settings belong to the installation.
/// </summary>
internal sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options, DatabaseOptions database)
    : ModuleDbContext(options, database)
{
    public static ModuleStore Tables { get; } = ModuleStore.Of<IdentityDbContext>("identity", "weft_migrations");

    public DbSet<TenantRecord> Tenants => Set<TenantRecord>();
    public DbSet<LoginRecord> Logins => Set<LoginRecord>();
    public DbSet<UserRecord> Users => Set<UserRecord>();
    public DbSet<ApiKeyRecord> ApiKeys => Set<ApiKeyRecord>();
    public DbSet<SettingRecord> Settings => Set<SettingRecord>();
    public DbSet<AuditRecord> Audit => Set<AuditRecord>();

    protected override void BuildModel(ModelBuilder b)
    {
        b.Entity<TenantRecord>(e =>
        {
            e.ToTable("weft_tenants");
            e.HasIndex(x => x.Key).IsUnique();
        });
        b.Entity<LoginRecord>(e =>
        {
            e.ToTable("weft_logins");
            e.HasKey(x => x.Email);
        });
        b.Entity<UserRecord>(e =>
        {
            e.ToTable("weft_users");
            e.HasIndex(x => new { x.TenantId, x.Email }).IsUnique();
        });
        b.Entity<ApiKeyRecord>(e => e.ToTable("weft_api_keys"));
        b.Entity<SettingRecord>(e =>
        {
            e.ToTable("weft_settings");
            e.HasKey(x => x.Name);
        });
        b.Entity<AuditRecord>(e => e.ToTable("flow_events"));
    }
}
