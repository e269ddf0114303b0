using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Weft.Platform.Tenancy;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Weft.Support.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AttachmentsAndMerging : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "attachments_json",
                table: "support_messages",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "support_attachment_contents",
                columns: table => new
                {
                    attachment_id = table.Column<long>(nullable: false),
                    tenant_id = table.Column<long>(nullable: false),
                    content = table.Column<byte[]>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_support_attachment_contents", x => x.attachment_id);
                });

            migrationBuilder.CreateTable(
                name: "support_attachment_settings",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    max_file_bytes = table.Column<long>(nullable: true),
                    max_files_per_message = table.Column<int>(nullable: true),
                    allowed_types_json = table.Column<string>(maxLength: 4000, nullable: true),
                    updated_at = table.Column<DateTime>(nullable: false),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_support_attachment_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "support_attachments",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    message_id = table.Column<long>(nullable: true),
                    conversation_id = table.Column<long>(nullable: true),
                    name = table.Column<string>(maxLength: 255, nullable: false),
                    content_type = table.Column<string>(maxLength: 128, nullable: false),
                    size = table.Column<long>(nullable: false),
                    sha256 = table.Column<string>(maxLength: 64, nullable: false),
                    uploaded_by = table.Column<string>(maxLength: 200, nullable: false),
                    created_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_support_attachments", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_support_attachment_settings_tenant_id",
                table: "support_attachment_settings",
                column: "tenant_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_support_attachments_tenant_id_conversation_id",
                table: "support_attachments",
                columns: new[] { "tenant_id", "conversation_id" });

            migrationBuilder.CreateIndex(
                name: "ix_support_attachments_tenant_id_message_id",
                table: "support_attachments",
                columns: new[] { "tenant_id", "message_id" });

            if (ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
                foreach (var table in new[] { "support_attachments", "support_attachment_contents", "support_attachment_settings" })
                    migrationBuilder.Sql(TenantRowSecurity.EnableSql(table));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "support_attachment_contents");

            migrationBuilder.DropTable(
                name: "support_attachment_settings");

            migrationBuilder.DropTable(
                name: "support_attachments");

            migrationBuilder.DropColumn(
                name: "attachments_json",
                table: "support_messages");
        }
    }
}
