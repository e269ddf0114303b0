using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using Weft.Platform.Tenancy;

#nullable disable

namespace Weft.Support.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SupportTeams : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "support_routing_rules",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    intent = table.Column<string>(maxLength: 100, nullable: false),
                    team = table.Column<string>(maxLength: 64, nullable: false),
                    updated_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_support_routing_rules", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "support_teams",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    key = table.Column<string>(maxLength: 64, nullable: false),
                    name = table.Column<string>(maxLength: 200, nullable: false),
                    description = table.Column<string>(maxLength: 1000, nullable: true),
                    updated_at = table.Column<DateTime>(nullable: false),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_support_teams", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_support_routing_rules_tenant_id_intent",
                table: "support_routing_rules",
                columns: new[] { "tenant_id", "intent" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_support_routing_rules_tenant_id_team",
                table: "support_routing_rules",
                columns: new[] { "tenant_id", "team" });

            migrationBuilder.CreateIndex(
                name: "ix_support_teams_tenant_id_key",
                table: "support_teams",
                columns: new[] { "tenant_id", "key" },
                unique: true);

            if (ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
                foreach (var table in new[] { "support_teams", "support_routing_rules" })
                    migrationBuilder.Sql(TenantRowSecurity.EnableSql(table));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "support_routing_rules");

            migrationBuilder.DropTable(
                name: "support_teams");
        }
    }
}
