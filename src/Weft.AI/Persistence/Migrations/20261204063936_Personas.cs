using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using Weft.Platform.Tenancy;

#nullable disable

namespace Weft.AI.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Personas : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "persona",
                table: "ai_runs",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "active_persona",
                table: "ai_agents",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ai_personas",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    agent_key = table.Column<string>(maxLength: 64, nullable: false),
                    number = table.Column<int>(nullable: false),
                    instructions = table.Column<string>(maxLength: 20000, nullable: false),
                    note = table.Column<string>(maxLength: 500, nullable: true),
                    created_by = table.Column<string>(maxLength: 256, nullable: true),
                    created_at = table.Column<DateTime>(nullable: false),
                    updated_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ai_personas", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_ai_personas_tenant_id_agent_key_number",
                table: "ai_personas",
                columns: new[] { "tenant_id", "agent_key", "number" },
                unique: true);

            if (ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL") migrationBuilder.Sql(TenantRowSecurity.EnableSql("ai_personas"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ai_personas");

            migrationBuilder.DropColumn(
                name: "persona",
                table: "ai_runs");

            migrationBuilder.DropColumn(
                name: "active_persona",
                table: "ai_agents");
        }
    }
}
