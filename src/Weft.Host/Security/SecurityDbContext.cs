using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using Weft.Flow;
using Weft.Platform.Tenancy;
using Weft.Platform.Persistence;

namespace Weft.Host.Security;

/// <summary>An organization. Its id is the tenant id every business row carries.</summary>
internal sealed class TenantRecord
{
    public long Id { get; set; }
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// The sign-in directory: which tenant and user an email belongs to. It holds no secret, and is the
/// one table read before the caller's tenant is known (emails are unique across tenants).
/// </summary>
internal sealed class LoginRecord
{
    public string Email { get; set; } = "";
    public long TenantId { get; set; }
    public long UserId { get; set; }
}

internal sealed class UserRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public string Email { get; set; } = "";
    public string Name { get; set; } = "";
    public string PasswordHash { get; set; } = "";
    public string Role { get; set; } = Roles.Viewer;
    public string? AgentKey { get; set; }
    /// <summary>Changes whenever the password, role or status changes: sessions and tokens carrying the old one end at once.</summary>
    public string SecurityStamp { get; set; } = "";
    public int FailedSignIns { get; set; }
    public DateTime? LockedUntil { get; set; }
    public bool Disabled { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? LastSignInAt { get; set; }
    public int Version { get; set; }
}

internal sealed class ApiKeyRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>SHA-256 of the secret part; keys are 256 random bits, so a fast hash is enough.</summary>
    public string SecretHash { get; set; } = "";
    public string Scopes { get; set; } = "";
    public string? AgentKey { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
}

internal sealed class SettingRecord
{
    public string Name { get; set; } = "";
    public string Value { get; set; } = "";
}

/// <summary>
/// An entry of the engine's event log (<c>flow_events</c>), written by the security module in the
/// same transaction as the change it records: the event log is the audit trail.
/// </summary>
internal sealed class AuditRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public string Type { get; set; } = "";
    public DateTime At { get; set; }
    public string? Actor { get; set; }
    public string? DataJson { get; set; }
}

/// <summary>
/// Tenants, users, API keys and settings. Users, keys and audit rows are filtered to the context's
/// tenant exactly like the engine's rows (and under row-level security on PostgreSQL); tenants,
/// the sign-in directory and settings are the platform's own and belong to no tenant.
/// </summary>
internal sealed class SecurityDbContext(DbContextOptions<SecurityDbContext> options, DatabaseOptions database)
    : ModuleDbContext(options, database)
{
    public static ModuleStore Tables { get; } = ModuleStore.Of<SecurityDbContext>("identity", "weft_migrations");

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

[DbContext(typeof(SecurityDbContext))]
[Migration("20261121100001_Security")]
internal sealed class S0001_Security : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("weft_tenants", c => new
        {
            id = Identity(c),
            key = c.Column<string>(maxLength: 64, nullable: false),
            name = c.Column<string>(maxLength: 200, nullable: false),
            created_at = c.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("pk_weft_tenants", x => x.id));
        m.CreateIndex("ix_weft_tenants_key", "weft_tenants", "key", unique: true);

        m.CreateTable("weft_logins", c => new
        {
            email = c.Column<string>(maxLength: 254, nullable: false),
            tenant_id = c.Column<long>(nullable: false),
            user_id = c.Column<long>(nullable: false),
        }, constraints: t => t.PrimaryKey("pk_weft_logins", x => x.email));

        m.CreateTable("weft_users", c => new
        {
            id = Identity(c),
            tenant_id = c.Column<long>(nullable: false),
            email = c.Column<string>(maxLength: 254, nullable: false),
            name = c.Column<string>(maxLength: 200, nullable: false),
            password_hash = c.Column<string>(maxLength: 200, nullable: false),
            role = c.Column<string>(maxLength: 16, nullable: false),
            agent_key = c.Column<string>(maxLength: 64, nullable: true),
            security_stamp = c.Column<string>(maxLength: 64, nullable: false),
            failed_sign_ins = c.Column<int>(nullable: false),
            locked_until = c.Column<DateTime>(nullable: true),
            disabled = c.Column<bool>(nullable: false),
            created_at = c.Column<DateTime>(nullable: false),
            updated_at = c.Column<DateTime>(nullable: false),
            last_sign_in_at = c.Column<DateTime>(nullable: true),
            version = c.Column<int>(nullable: false),
        }, constraints: t => t.PrimaryKey("pk_weft_users", x => x.id));
        m.CreateIndex("ix_weft_users_tenant_id_email", "weft_users", ["tenant_id", "email"], unique: true);
        m.CreateIndex("ix_weft_users_tenant_id_agent_key", "weft_users", ["tenant_id", "agent_key"], unique: true, filter: "agent_key IS NOT NULL");

        m.CreateTable("weft_api_keys", c => new
        {
            id = Identity(c),
            tenant_id = c.Column<long>(nullable: false),
            name = c.Column<string>(maxLength: 200, nullable: false),
            secret_hash = c.Column<string>(maxLength: 64, nullable: false),
            scopes = c.Column<string>(maxLength: 200, nullable: false),
            agent_key = c.Column<string>(maxLength: 64, nullable: true),
            created_by = c.Column<string>(maxLength: 256, nullable: false),
            created_at = c.Column<DateTime>(nullable: false),
            expires_at = c.Column<DateTime>(nullable: true),
            revoked_at = c.Column<DateTime>(nullable: true),
            revoked_by = c.Column<string>(maxLength: 256, nullable: true),
        }, constraints: t => t.PrimaryKey("pk_weft_api_keys", x => x.id));
        m.CreateIndex("ix_weft_api_keys_tenant_id", "weft_api_keys", "tenant_id");

        m.CreateTable("weft_settings", c => new
        {
            name = c.Column<string>(maxLength: 64, nullable: false),
            value = c.Column<string>(nullable: false),
        }, constraints: t => t.PrimaryKey("pk_weft_settings", x => x.name));

        if (ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            m.Sql(TenantRowSecurity.EnableSql("weft_users"));
            m.Sql(TenantRowSecurity.EnableSql("weft_api_keys"));
        }
    }

    private static Microsoft.EntityFrameworkCore.Migrations.Operations.Builders.OperationBuilder<Microsoft.EntityFrameworkCore.Migrations.Operations.AddColumnOperation> Identity(
        Microsoft.EntityFrameworkCore.Migrations.Operations.Builders.ColumnsBuilder c) =>
        c.Column<long>(nullable: false)
            .Annotation("Sqlite:Autoincrement", true)
            .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
}
