using Microsoft.EntityFrameworkCore;
using Weft.Platform.Persistence;

namespace Weft.Identity.Persistence;

/// <summary>
/// Tenants, users, API keys, sign-in providers and their linked accounts, settings and the audit trail.
/// Users, keys, providers, linked accounts and audit entries belong to a
/// tenant (filtered, stamped and guarded by the platform's context, and under row-level security on
/// PostgreSQL); tenants, the sign-in directory and settings belong to the installation.
/// </summary>
internal sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options) : ModuleDbContext(options)
{
    public static ModuleStore Tables { get; } = ModuleStore.Of<IdentityDbContext>("identity", "weft_migrations");

    public DbSet<TenantRecord> Tenants => Set<TenantRecord>();
    public DbSet<LoginRecord> Logins => Set<LoginRecord>();
    public DbSet<UserRecord> Users => Set<UserRecord>();
    public DbSet<ApiKeyRecord> ApiKeys => Set<ApiKeyRecord>();
    public DbSet<SettingRecord> Settings => Set<SettingRecord>();
    public DbSet<AuditRecord> Audit => Set<AuditRecord>();
    public DbSet<SignInProviderRecord> SignInProviders => Set<SignInProviderRecord>();
    public DbSet<ExternalLoginRecord> ExternalLogins => Set<ExternalLoginRecord>();

    protected override void BuildModel(ModelBuilder b)
    {
        b.Entity<TenantRecord>(e =>
        {
            e.ToTable("identity_tenants");
            e.HasIndex(x => x.Key).IsUnique();
            e.Property(x => x.Key).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(200);
        });
        b.Entity<LoginRecord>(e =>
        {
            e.ToTable("identity_logins");
            e.HasKey(x => x.Email);
            e.Property(x => x.Email).HasMaxLength(254);
        });
        b.Entity<UserRecord>(e =>
        {
            e.ToTable("identity_users");
            e.HasIndex(x => new { x.TenantId, x.Email }).IsUnique();
            e.HasIndex(x => new { x.TenantId, x.AgentKey }).IsUnique().HasFilter("agent_key IS NOT NULL");
            e.Property(x => x.Email).HasMaxLength(254);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.PasswordHash).HasMaxLength(200);
            e.Property(x => x.Role).HasMaxLength(16);
            e.Property(x => x.AgentKey).HasMaxLength(64);
            e.Property(x => x.SecurityStamp).HasMaxLength(64);
        });
        b.Entity<ApiKeyRecord>(e =>
        {
            e.ToTable("identity_api_keys");
            e.HasIndex(x => x.TenantId);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.SecretHash).HasMaxLength(64);
            e.Property(x => x.Scopes).HasMaxLength(200);
            e.Property(x => x.AgentKey).HasMaxLength(64);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.Property(x => x.RevokedBy).HasMaxLength(256);
        });
        b.Entity<SettingRecord>(e =>
        {
            e.ToTable("identity_settings");
            e.HasKey(x => x.Name);
            e.Property(x => x.Name).HasMaxLength(64);
        });
        b.Entity<AuditRecord>(e =>
        {
            e.ToTable("identity_audit");
            e.HasIndex(x => new { x.TenantId, x.At });
            e.HasIndex(x => new { x.TenantId, x.Type });
            e.HasIndex(x => x.SourceMessageId);
            e.Property(x => x.Type).HasMaxLength(48);
            e.Property(x => x.Actor).HasMaxLength(256);
        });
        b.Entity<SignInProviderRecord>(e =>
        {
            e.ToTable("identity_sign_in_providers");
            e.HasIndex(x => new { x.TenantId, x.Key }).IsUnique();
            e.Property(x => x.Key).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Kind).HasMaxLength(16);
            e.Property(x => x.Authority).HasMaxLength(500);
            e.Property(x => x.Directory).HasMaxLength(100);
            e.Property(x => x.ClientId).HasMaxLength(500);
            e.Property(x => x.ClientSecretProtected).HasMaxLength(4000);
            e.Property(x => x.Scopes).HasMaxLength(500);
            e.Property(x => x.ProvisionRole).HasMaxLength(16);
        });
        b.Entity<ExternalLoginRecord>(e =>
        {
            e.ToTable("identity_external_logins");
            e.HasIndex(x => new { x.TenantId, x.Provider, x.Subject }).IsUnique();
            e.HasIndex(x => new { x.TenantId, x.UserId, x.Provider }).IsUnique();
            e.Property(x => x.Provider).HasMaxLength(64);
            e.Property(x => x.Subject).HasMaxLength(256);
        });
    }
}
