using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using Weft.Platform.Tenancy;

#nullable disable

namespace Weft.AI.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AiTables : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ai_models",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    key = table.Column<string>(maxLength: 100, nullable: false),
                    kind = table.Column<string>(maxLength: 32, nullable: false),
                    provider = table.Column<string>(maxLength: 64, nullable: true),
                    provider_model = table.Column<string>(maxLength: 200, nullable: false),
                    purpose = table.Column<string>(maxLength: 16, nullable: false),
                    context_window = table.Column<int>(nullable: false),
                    input_price = table.Column<decimal>(precision: 12, scale: 6, nullable: false),
                    output_price = table.Column<decimal>(precision: 12, scale: 6, nullable: false),
                    cached_input_price = table.Column<decimal>(precision: 12, scale: 6, nullable: false),
                    created_at = table.Column<DateTime>(nullable: false),
                    updated_at = table.Column<DateTime>(nullable: false),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ai_models", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ai_providers",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    key = table.Column<string>(maxLength: 64, nullable: false),
                    name = table.Column<string>(maxLength: 200, nullable: false),
                    kind = table.Column<string>(maxLength: 32, nullable: false),
                    base_url = table.Column<string>(maxLength: 500, nullable: true),
                    api_key_protected = table.Column<string>(maxLength: 4000, nullable: true),
                    timeout_seconds = table.Column<int>(nullable: false),
                    created_at = table.Column<DateTime>(nullable: false),
                    updated_at = table.Column<DateTime>(nullable: false),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ai_providers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ai_settings",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    catalogue_seeded_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ai_settings", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_ai_models_tenant_id_key",
                table: "ai_models",
                columns: new[] { "tenant_id", "key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ai_providers_tenant_id_key",
                table: "ai_providers",
                columns: new[] { "tenant_id", "key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ai_settings_tenant_id",
                table: "ai_settings",
                column: "tenant_id",
                unique: true);

            // Tenants' providers hold their API keys: on PostgreSQL every table is under the tenant policy too.
            if (ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
            {
                foreach (var table in new[] { "ai_providers", "ai_models", "ai_settings" }) migrationBuilder.Sql(TenantRowSecurity.EnableSql(table));
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ai_models");

            migrationBuilder.DropTable(
                name: "ai_providers");

            migrationBuilder.DropTable(
                name: "ai_settings");
        }
    }
}
