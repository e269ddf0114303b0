using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Weft.Platform.Events.Migrations
{
    /// <inheritdoc />
    public partial class Events : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "platform_outbox",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    stream = table.Column<string>(maxLength: 200, nullable: false),
                    type = table.Column<string>(maxLength: 200, nullable: false),
                    payload = table.Column<string>(nullable: false),
                    occurred_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_outbox", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "platform_event_deliveries",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    message_id = table.Column<long>(nullable: false),
                    tenant_id = table.Column<long>(nullable: false),
                    handler = table.Column<string>(maxLength: 200, nullable: false),
                    stream = table.Column<string>(maxLength: 200, nullable: false),
                    state = table.Column<string>(maxLength: 16, nullable: false),
                    attempts = table.Column<int>(nullable: false),
                    next_attempt_at = table.Column<DateTime>(nullable: false),
                    last_error = table.Column<string>(nullable: true),
                    created_at = table.Column<DateTime>(nullable: false),
                    delivered_at = table.Column<DateTime>(nullable: true),
                    updated_at = table.Column<DateTime>(nullable: false),
                    resolved_by = table.Column<string>(maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_event_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "fk_platform_event_deliveries_message_id",
                        column: x => x.message_id,
                        principalTable: "platform_outbox",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_platform_event_deliveries_handler_tenant_id_stream_state",
                table: "platform_event_deliveries",
                columns: new[] { "handler", "tenant_id", "stream", "state" });

            migrationBuilder.CreateIndex(
                name: "ix_platform_event_deliveries_message_id_handler",
                table: "platform_event_deliveries",
                columns: new[] { "message_id", "handler" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_platform_event_deliveries_state_next_attempt_at",
                table: "platform_event_deliveries",
                columns: new[] { "state", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ix_platform_event_deliveries_tenant_id_state",
                table: "platform_event_deliveries",
                columns: new[] { "tenant_id", "state" });

            migrationBuilder.CreateIndex(
                name: "ix_platform_outbox_tenant_id_id",
                table: "platform_outbox",
                columns: new[] { "tenant_id", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "platform_event_deliveries");

            migrationBuilder.DropTable(
                name: "platform_outbox");
        }
    }
}
