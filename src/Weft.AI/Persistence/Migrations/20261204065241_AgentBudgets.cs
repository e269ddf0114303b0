using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Weft.AI.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AgentBudgets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "budget_per_day",
                table: "ai_agents",
                precision: 12,
                scale: 6,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "budget_per_run",
                table: "ai_agents",
                precision: 12,
                scale: 6,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_ai_runs_tenant_id_agent_key_started_at",
                table: "ai_runs",
                columns: new[] { "tenant_id", "agent_key", "started_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_ai_runs_tenant_id_agent_key_started_at",
                table: "ai_runs");

            migrationBuilder.DropColumn(
                name: "budget_per_day",
                table: "ai_agents");

            migrationBuilder.DropColumn(
                name: "budget_per_run",
                table: "ai_agents");
        }
    }
}
