using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Weft.Platform.Tenancy;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Weft.Support.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class EmailChannel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_support_messages_tenant_id_external_id",
                table: "support_messages");

            migrationBuilder.AddColumn<int>(
                name: "delivery_attempts",
                table: "support_messages",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "delivery_due_at",
                table: "support_messages",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "delivery_error",
                table: "support_messages",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "delivery_state",
                table: "support_messages",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "support_mailboxes",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    address = table.Column<string>(maxLength: 254, nullable: false),
                    display_name = table.Column<string>(maxLength: 200, nullable: true),
                    imap_host = table.Column<string>(maxLength: 253, nullable: true),
                    imap_port = table.Column<int>(nullable: false),
                    imap_security = table.Column<string>(maxLength: 16, nullable: false),
                    imap_user_name = table.Column<string>(maxLength: 254, nullable: true),
                    imap_password_protected = table.Column<string>(maxLength: 4000, nullable: true),
                    smtp_host = table.Column<string>(maxLength: 253, nullable: false),
                    smtp_port = table.Column<int>(nullable: false),
                    smtp_security = table.Column<string>(maxLength: 16, nullable: false),
                    smtp_user_name = table.Column<string>(maxLength: 254, nullable: true),
                    smtp_password_protected = table.Column<string>(maxLength: 4000, nullable: true),
                    polling = table.Column<bool>(nullable: false),
                    last_poll_at = table.Column<DateTime>(nullable: true),
                    last_poll_error = table.Column<string>(maxLength: 1000, nullable: true),
                    updated_at = table.Column<DateTime>(nullable: false),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_support_mailboxes", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_support_messages_tenant_id_delivery_state_delivery_due_at",
                table: "support_messages",
                columns: new[] { "tenant_id", "delivery_state", "delivery_due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_support_messages_tenant_id_external_id",
                table: "support_messages",
                columns: new[] { "tenant_id", "external_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_support_mailboxes_tenant_id",
                table: "support_mailboxes",
                column: "tenant_id",
                unique: true);

            if (ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
                migrationBuilder.Sql(TenantRowSecurity.EnableSql("support_mailboxes"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "support_mailboxes");

            migrationBuilder.DropIndex(
                name: "ix_support_messages_tenant_id_delivery_state_delivery_due_at",
                table: "support_messages");

            migrationBuilder.DropIndex(
                name: "ix_support_messages_tenant_id_external_id",
                table: "support_messages");

            migrationBuilder.DropColumn(
                name: "delivery_attempts",
                table: "support_messages");

            migrationBuilder.DropColumn(
                name: "delivery_due_at",
                table: "support_messages");

            migrationBuilder.DropColumn(
                name: "delivery_error",
                table: "support_messages");

            migrationBuilder.DropColumn(
                name: "delivery_state",
                table: "support_messages");

            migrationBuilder.CreateIndex(
                name: "ix_support_messages_tenant_id_external_id",
                table: "support_messages",
                columns: new[] { "tenant_id", "external_id" });
        }
    }
}
