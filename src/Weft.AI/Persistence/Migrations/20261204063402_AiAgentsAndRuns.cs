using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using Weft.Platform.Tenancy;

#nullable disable

namespace Weft.AI.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AiAgentsAndRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ai_agents",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    agent_key = table.Column<string>(maxLength: 64, nullable: false),
                    description = table.Column<string>(maxLength: 2000, nullable: false),
                    model_chain_json = table.Column<string>(maxLength: 2000, nullable: false),
                    temperature = table.Column<double>(nullable: true),
                    max_output_tokens = table.Column<int>(nullable: true),
                    created_at = table.Column<DateTime>(nullable: false),
                    updated_at = table.Column<DateTime>(nullable: false),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ai_agents", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ai_calls",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    run_id = table.Column<long>(nullable: false),
                    sequence = table.Column<int>(nullable: false),
                    model = table.Column<string>(maxLength: 100, nullable: false),
                    provider = table.Column<string>(maxLength: 64, nullable: false),
                    outcome = table.Column<string>(maxLength: 16, nullable: false),
                    reason = table.Column<string>(maxLength: 64, nullable: true),
                    duration_ms = table.Column<double>(nullable: false),
                    input_tokens = table.Column<long>(nullable: false),
                    output_tokens = table.Column<long>(nullable: false),
                    cached_input_tokens = table.Column<long>(nullable: false),
                    cost = table.Column<decimal>(precision: 18, scale: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ai_calls", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ai_runs",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    agent_key = table.Column<string>(maxLength: 64, nullable: false),
                    state = table.Column<string>(maxLength: 16, nullable: false),
                    input = table.Column<string>(nullable: false),
                    output = table.Column<string>(nullable: true),
                    answered_by = table.Column<string>(maxLength: 100, nullable: true),
                    input_tokens = table.Column<long>(nullable: false),
                    output_tokens = table.Column<long>(nullable: false),
                    cached_input_tokens = table.Column<long>(nullable: false),
                    cost = table.Column<decimal>(precision: 18, scale: 10, nullable: false),
                    error_code = table.Column<string>(maxLength: 64, nullable: true),
                    error = table.Column<string>(maxLength: 2000, nullable: true),
                    actor = table.Column<string>(maxLength: 256, nullable: true),
                    started_at = table.Column<DateTime>(nullable: false),
                    ended_at = table.Column<DateTime>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ai_runs", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_ai_agents_tenant_id_agent_key",
                table: "ai_agents",
                columns: new[] { "tenant_id", "agent_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ai_calls_tenant_id_run_id",
                table: "ai_calls",
                columns: new[] { "tenant_id", "run_id" });

            migrationBuilder.CreateIndex(
                name: "ix_ai_runs_tenant_id_agent_key_id",
                table: "ai_runs",
                columns: new[] { "tenant_id", "agent_key", "id" });

            if (ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
            {
                foreach (var table in new[] { "ai_agents", "ai_runs", "ai_calls" }) migrationBuilder.Sql(TenantRowSecurity.EnableSql(table));
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ai_agents");

            migrationBuilder.DropTable(
                name: "ai_calls");

            migrationBuilder.DropTable(
                name: "ai_runs");
        }
    }
}
