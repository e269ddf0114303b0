using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Weft.Platform.Tenancy;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Weft.Support.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SupportFlowAndSla : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "answered_through",
                table: "support_conversations",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<DateTime>(
                name: "reply_due_at",
                table: "support_conversations",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "resolution_due_at",
                table: "support_conversations",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "sla_policy",
                table: "support_conversations",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "turn_open",
                table: "support_conversations",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "turns",
                table: "support_conversations",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "support_ai_policies",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    intent = table.Column<string>(maxLength: 100, nullable: false),
                    mode = table.Column<string>(maxLength: 16, nullable: false),
                    min_confidence = table.Column<double>(nullable: false),
                    priority = table.Column<string>(maxLength: 16, nullable: true),
                    updated_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_support_ai_policies", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "support_calendars",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    key = table.Column<string>(maxLength: 64, nullable: false),
                    name = table.Column<string>(maxLength: 200, nullable: false),
                    time_zone = table.Column<string>(maxLength: 64, nullable: false),
                    hours_json = table.Column<string>(maxLength: 4000, nullable: false),
                    holidays_json = table.Column<string>(maxLength: 8000, nullable: false),
                    updated_at = table.Column<DateTime>(nullable: false),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_support_calendars", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "support_sla_policies",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    key = table.Column<string>(maxLength: 64, nullable: false),
                    name = table.Column<string>(maxLength: 200, nullable: false),
                    priority = table.Column<string>(maxLength: 16, nullable: false),
                    tier = table.Column<string>(maxLength: 32, nullable: false),
                    first_reply_minutes = table.Column<int>(nullable: true),
                    next_reply_minutes = table.Column<int>(nullable: true),
                    resolution_minutes = table.Column<int>(nullable: true),
                    calendar = table.Column<string>(maxLength: 64, nullable: true),
                    updated_at = table.Column<DateTime>(nullable: false),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_support_sla_policies", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_support_ai_policies_tenant_id_intent",
                table: "support_ai_policies",
                columns: new[] { "tenant_id", "intent" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_support_calendars_tenant_id_key",
                table: "support_calendars",
                columns: new[] { "tenant_id", "key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_support_sla_policies_tenant_id_key",
                table: "support_sla_policies",
                columns: new[] { "tenant_id", "key" },
                unique: true);

            if (ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
            {
                foreach (var table in new[] { "support_calendars", "support_sla_policies", "support_ai_policies" })
                    migrationBuilder.Sql(TenantRowSecurity.EnableSql(table));
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "support_ai_policies");

            migrationBuilder.DropTable(
                name: "support_calendars");

            migrationBuilder.DropTable(
                name: "support_sla_policies");

            migrationBuilder.DropColumn(
                name: "answered_through",
                table: "support_conversations");

            migrationBuilder.DropColumn(
                name: "reply_due_at",
                table: "support_conversations");

            migrationBuilder.DropColumn(
                name: "resolution_due_at",
                table: "support_conversations");

            migrationBuilder.DropColumn(
                name: "sla_policy",
                table: "support_conversations");

            migrationBuilder.DropColumn(
                name: "turn_open",
                table: "support_conversations");

            migrationBuilder.DropColumn(
                name: "turns",
                table: "support_conversations");
        }
    }
}
