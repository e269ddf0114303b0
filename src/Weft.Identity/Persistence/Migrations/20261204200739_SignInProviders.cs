using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using Weft.Platform.Tenancy;

#nullable disable

namespace Weft.Identity.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SignInProviders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "identity_external_logins",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    provider = table.Column<string>(maxLength: 64, nullable: false),
                    subject = table.Column<string>(maxLength: 256, nullable: false),
                    user_id = table.Column<long>(nullable: false),
                    created_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_external_logins", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "identity_sign_in_providers",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    key = table.Column<string>(maxLength: 64, nullable: false),
                    name = table.Column<string>(maxLength: 100, nullable: false),
                    kind = table.Column<string>(maxLength: 16, nullable: false),
                    authority = table.Column<string>(maxLength: 500, nullable: true),
                    directory = table.Column<string>(maxLength: 100, nullable: true),
                    client_id = table.Column<string>(maxLength: 500, nullable: false),
                    client_secret_protected = table.Column<string>(maxLength: 4000, nullable: false),
                    scopes = table.Column<string>(maxLength: 500, nullable: false),
                    enabled = table.Column<bool>(nullable: false),
                    provision_role = table.Column<string>(maxLength: 16, nullable: true),
                    created_at = table.Column<DateTime>(nullable: false),
                    updated_at = table.Column<DateTime>(nullable: false),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_sign_in_providers", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_identity_external_logins_tenant_id_provider_subject",
                table: "identity_external_logins",
                columns: new[] { "tenant_id", "provider", "subject" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_identity_external_logins_tenant_id_user_id_provider",
                table: "identity_external_logins",
                columns: new[] { "tenant_id", "user_id", "provider" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_identity_sign_in_providers_tenant_id_key",
                table: "identity_sign_in_providers",
                columns: new[] { "tenant_id", "key" },
                unique: true);

            // Provider settings and linked accounts are a tenant's own, like its users.
            if (ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
                foreach (var table in new[] { "identity_sign_in_providers", "identity_external_logins" })
                    migrationBuilder.Sql(TenantRowSecurity.EnableSql(table));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "identity_external_logins");

            migrationBuilder.DropTable(
                name: "identity_sign_in_providers");
        }
    }
}
