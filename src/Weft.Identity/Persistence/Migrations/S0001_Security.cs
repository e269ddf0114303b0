using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using Weft.Platform.Tenancy;

namespace Weft.Identity.Persistence.Migrations;

[DbContext(typeof(IdentityDbContext))]
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
