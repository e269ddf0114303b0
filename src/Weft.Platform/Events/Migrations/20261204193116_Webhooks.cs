using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using Weft.Platform.Tenancy;

#nullable disable

namespace Weft.Platform.Events.Migrations
{
    /// <inheritdoc />
    public partial class Webhooks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "platform_webhook_subscriptions",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    description = table.Column<string>(maxLength: 200, nullable: false),
                    target = table.Column<string>(maxLength: 2000, nullable: false),
                    format = table.Column<string>(maxLength: 16, nullable: false),
                    event_types = table.Column<string>(maxLength: 4000, nullable: false),
                    active = table.Column<bool>(nullable: false),
                    secret = table.Column<string>(maxLength: 100, nullable: false),
                    created_by = table.Column<string>(maxLength: 256, nullable: false),
                    created_at = table.Column<DateTime>(nullable: false),
                    updated_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_webhook_subscriptions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "platform_webhook_deliveries",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    subscription_id = table.Column<long>(nullable: false),
                    message_id = table.Column<long>(nullable: true),
                    event_type = table.Column<string>(maxLength: 200, nullable: false),
                    body = table.Column<string>(nullable: false),
                    occurred_at = table.Column<DateTime>(nullable: false),
                    state = table.Column<string>(maxLength: 16, nullable: false),
                    attempts = table.Column<int>(nullable: false),
                    tries = table.Column<int>(nullable: false),
                    next_attempt_at = table.Column<DateTime>(nullable: false),
                    last_status = table.Column<int>(nullable: true),
                    last_error = table.Column<string>(maxLength: 2000, nullable: true),
                    created_at = table.Column<DateTime>(nullable: false),
                    updated_at = table.Column<DateTime>(nullable: false),
                    delivered_at = table.Column<DateTime>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_webhook_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "fk_platform_webhook_deliveries_subscription_id",
                        column: x => x.subscription_id,
                        principalTable: "platform_webhook_subscriptions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "platform_webhook_attempts",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    delivery_id = table.Column<long>(nullable: false),
                    number = table.Column<int>(nullable: false),
                    started_at = table.Column<DateTime>(nullable: false),
                    duration_ms = table.Column<int>(nullable: false),
                    status_code = table.Column<int>(nullable: true),
                    succeeded = table.Column<bool>(nullable: false),
                    error = table.Column<string>(maxLength: 2000, nullable: true),
                    response_excerpt = table.Column<string>(maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_webhook_attempts", x => x.id);
                    table.ForeignKey(
                        name: "fk_platform_webhook_attempts_delivery_id",
                        column: x => x.delivery_id,
                        principalTable: "platform_webhook_deliveries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_platform_webhook_attempts_delivery_id_number",
                table: "platform_webhook_attempts",
                columns: new[] { "delivery_id", "number" });

            migrationBuilder.CreateIndex(
                name: "ix_platform_webhook_deliveries_subscription_id_message_id",
                table: "platform_webhook_deliveries",
                columns: new[] { "subscription_id", "message_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_platform_webhook_deliveries_tenant_id_state_next_attempt_at",
                table: "platform_webhook_deliveries",
                columns: new[] { "tenant_id", "state", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ix_platform_webhook_subscriptions_tenant_id_active",
                table: "platform_webhook_subscriptions",
                columns: new[] { "tenant_id", "active" });

            if (ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
            {
                foreach (var table in new[] { "platform_webhook_subscriptions", "platform_webhook_deliveries", "platform_webhook_attempts" })
                    migrationBuilder.Sql(TenantRowSecurity.EnableSql(table));
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "platform_webhook_attempts");

            migrationBuilder.DropTable(
                name: "platform_webhook_deliveries");

            migrationBuilder.DropTable(
                name: "platform_webhook_subscriptions");
        }
    }
}
