using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using Weft.Platform.Tenancy;

#nullable disable

namespace Weft.Identity.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class IdentityTables : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The security tables become the identity module's: same rows, module-prefixed names.
            var postgres = ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL";
            foreach (var table in new[] { "tenants", "logins", "users", "api_keys", "settings" })
            {
                migrationBuilder.RenameTable(name: "weft_" + table, newName: "identity_" + table);
                if (postgres) migrationBuilder.Sql($"ALTER TABLE identity_{table} RENAME CONSTRAINT pk_weft_{table} TO pk_identity_{table}");
            }
            migrationBuilder.RenameIndex(name: "ix_weft_tenants_key", table: "identity_tenants", newName: "ix_identity_tenants_key");
            migrationBuilder.RenameIndex(name: "ix_weft_users_tenant_id_email", table: "identity_users", newName: "ix_identity_users_tenant_id_email");
            migrationBuilder.RenameIndex(name: "ix_weft_users_tenant_id_agent_key", table: "identity_users", newName: "ix_identity_users_tenant_id_agent_key");
            migrationBuilder.RenameIndex(name: "ix_weft_api_keys_tenant_id", table: "identity_api_keys", newName: "ix_identity_api_keys_tenant_id");

            // The audit trail moves out of the engine's event log into the module's own table.
            migrationBuilder.CreateTable(
                name: "identity_audit",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    type = table.Column<string>(maxLength: 48, nullable: false),
                    at = table.Column<DateTime>(nullable: false),
                    actor = table.Column<string>(maxLength: 256, nullable: true),
                    data_json = table.Column<string>(nullable: true),
                    source_message_id = table.Column<long>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_audit", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_identity_audit_source_message_id",
                table: "identity_audit",
                column: "source_message_id");

            migrationBuilder.CreateIndex(
                name: "ix_identity_audit_tenant_id_at",
                table: "identity_audit",
                columns: new[] { "tenant_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_identity_audit_tenant_id_type",
                table: "identity_audit",
                columns: new[] { "tenant_id", "type" });

            if (postgres) migrationBuilder.Sql(TenantRowSecurity.EnableSql("identity_audit"));

            // Entries written before keep their place in the trail: copied once from the event log (the engine's
            // migrations run before this module's, so flow_events exists), oldest first. The engine's rows stay as they are.
            const string types = "'tenant_created', 'user_signed_in', 'sign_in_failed', 'user_locked_out', 'user_signed_out', "
                + "'password_changed', 'user_created', 'user_updated', 'user_role_changed', 'api_key_created', 'api_key_revoked', "
                + "'graph_published', 'token_cancelled', 'inbox_resolved', 'agent_registered', 'agent_updated'";
            const string copy = "INSERT INTO identity_audit (tenant_id, type, at, actor, data_json) "
                + "SELECT tenant_id, type, at, actor, data_json FROM flow_events WHERE type IN (" + types + ") ORDER BY id";
            if (postgres)
            {
                // Row-level security shows a connection one tenant's rows: copy tenant by tenant, under each tenant's setting.
                migrationBuilder.Sql("DO $$ DECLARE t bigint; BEGIN "
                    + "FOR t IN SELECT id FROM identity_tenants ORDER BY id LOOP "
                    + "PERFORM set_config('weft.tenant_id', t::text, true); "
                    + copy + "; END LOOP; PERFORM set_config('weft.tenant_id', '0', true); END $$;");
            }
            else
            {
                migrationBuilder.Sql(copy);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            var postgres = ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL";
            migrationBuilder.DropTable(name: "identity_audit");
            migrationBuilder.RenameIndex(name: "ix_identity_tenants_key", table: "identity_tenants", newName: "ix_weft_tenants_key");
            migrationBuilder.RenameIndex(name: "ix_identity_users_tenant_id_email", table: "identity_users", newName: "ix_weft_users_tenant_id_email");
            migrationBuilder.RenameIndex(name: "ix_identity_users_tenant_id_agent_key", table: "identity_users", newName: "ix_weft_users_tenant_id_agent_key");
            migrationBuilder.RenameIndex(name: "ix_identity_api_keys_tenant_id", table: "identity_api_keys", newName: "ix_weft_api_keys_tenant_id");
            foreach (var table in new[] { "tenants", "logins", "users", "api_keys", "settings" })
            {
                if (postgres) migrationBuilder.Sql($"ALTER TABLE identity_{table} RENAME CONSTRAINT pk_identity_{table} TO pk_weft_{table}");
                migrationBuilder.RenameTable(name: "identity_" + table, newName: "weft_" + table);
            }
        }
    }
}
