using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using Weft.Platform.Tenancy;

#nullable disable

namespace Weft.Market.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Messages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "market_meeting_mails",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    meeting_id = table.Column<long>(nullable: false),
                    buyer_organization_id = table.Column<long>(nullable: false),
                    supplier_organization_id = table.Column<long>(nullable: false),
                    sequence = table.Column<int>(nullable: false),
                    method = table.Column<string>(maxLength: 16, nullable: false),
                    recipient = table.Column<string>(maxLength: 254, nullable: false),
                    subject = table.Column<string>(maxLength: 300, nullable: false),
                    body = table.Column<string>(maxLength: 8000, nullable: false),
                    ics = table.Column<string>(maxLength: 32000, nullable: false),
                    state = table.Column<string>(maxLength: 16, nullable: false),
                    attempts = table.Column<int>(nullable: false),
                    due_at = table.Column<DateTime>(nullable: true),
                    error = table.Column<string>(maxLength: 1000, nullable: true),
                    sent_at = table.Column<DateTime>(nullable: true),
                    created_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_market_meeting_mails", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "market_meetings",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    thread_id = table.Column<long>(nullable: false),
                    buyer_organization_id = table.Column<long>(nullable: false),
                    supplier_organization_id = table.Column<long>(nullable: false),
                    proposed_by_organization_id = table.Column<long>(nullable: false),
                    proposed_by_user_id = table.Column<long>(nullable: false),
                    proposed_by_name = table.Column<string>(maxLength: 200, nullable: false),
                    proposed_by_email = table.Column<string>(maxLength: 254, nullable: false),
                    title = table.Column<string>(maxLength: 200, nullable: false),
                    agenda = table.Column<string>(maxLength: 4000, nullable: false),
                    starts_at = table.Column<DateTime>(nullable: false),
                    duration_minutes = table.Column<int>(nullable: false),
                    link = table.Column<string>(maxLength: 500, nullable: false),
                    uid = table.Column<string>(maxLength: 100, nullable: false),
                    sequence = table.Column<int>(nullable: false),
                    state = table.Column<string>(maxLength: 16, nullable: false),
                    responded_by_name = table.Column<string>(maxLength: 200, nullable: true),
                    responded_at = table.Column<DateTime>(nullable: true),
                    created_at = table.Column<DateTime>(nullable: false),
                    updated_at = table.Column<DateTime>(nullable: false),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_market_meetings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "market_message_attachment_contents",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    attachment_id = table.Column<long>(nullable: false),
                    buyer_organization_id = table.Column<long>(nullable: false),
                    supplier_organization_id = table.Column<long>(nullable: false),
                    bytes = table.Column<byte[]>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_market_message_attachment_contents", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "market_message_attachments",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    thread_id = table.Column<long>(nullable: false),
                    message_id = table.Column<long>(nullable: false),
                    buyer_organization_id = table.Column<long>(nullable: false),
                    supplier_organization_id = table.Column<long>(nullable: false),
                    name = table.Column<string>(maxLength: 255, nullable: false),
                    content_type = table.Column<string>(maxLength: 100, nullable: false),
                    size = table.Column<long>(nullable: false),
                    sha256 = table.Column<string>(maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_market_message_attachments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "market_settings",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    video_url_template = table.Column<string>(maxLength: 300, nullable: true),
                    updated_by = table.Column<string>(maxLength: 200, nullable: true),
                    updated_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_market_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "market_thread_messages",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    thread_id = table.Column<long>(nullable: false),
                    buyer_organization_id = table.Column<long>(nullable: false),
                    supplier_organization_id = table.Column<long>(nullable: false),
                    sender_organization_id = table.Column<long>(nullable: false),
                    sender_user_id = table.Column<long>(nullable: false),
                    sender_name = table.Column<string>(maxLength: 200, nullable: false),
                    kind = table.Column<string>(maxLength: 16, nullable: false),
                    text = table.Column<string>(maxLength: 4000, nullable: false),
                    meeting_id = table.Column<long>(nullable: true),
                    created_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_market_thread_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "market_threads",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    subject_kind = table.Column<string>(maxLength: 16, nullable: false),
                    subject_id = table.Column<long>(nullable: false),
                    subject_number = table.Column<string>(maxLength: 32, nullable: false),
                    subject_title = table.Column<string>(maxLength: 200, nullable: false),
                    buyer_organization_id = table.Column<long>(nullable: false),
                    supplier_organization_id = table.Column<long>(nullable: false),
                    message_count = table.Column<int>(nullable: false),
                    last_text = table.Column<string>(maxLength: 200, nullable: false),
                    last_message_at = table.Column<DateTime>(nullable: false),
                    buyer_unread = table.Column<int>(nullable: false),
                    supplier_unread = table.Column<int>(nullable: false),
                    created_at = table.Column<DateTime>(nullable: false),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_market_threads", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_market_meeting_mails_tenant_id_meeting_id",
                table: "market_meeting_mails",
                columns: new[] { "tenant_id", "meeting_id" });

            migrationBuilder.CreateIndex(
                name: "ix_market_meeting_mails_tenant_id_state_due_at",
                table: "market_meeting_mails",
                columns: new[] { "tenant_id", "state", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_market_meetings_tenant_id_thread_id",
                table: "market_meetings",
                columns: new[] { "tenant_id", "thread_id" });

            migrationBuilder.CreateIndex(
                name: "ix_market_meetings_tenant_id_uid",
                table: "market_meetings",
                columns: new[] { "tenant_id", "uid" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_market_message_attachment_contents_tenant_id_attachment_id",
                table: "market_message_attachment_contents",
                columns: new[] { "tenant_id", "attachment_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_market_message_attachments_tenant_id_thread_id_message_id",
                table: "market_message_attachments",
                columns: new[] { "tenant_id", "thread_id", "message_id" });

            migrationBuilder.CreateIndex(
                name: "ix_market_settings_tenant_id",
                table: "market_settings",
                column: "tenant_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_market_thread_messages_tenant_id_sender_user_id_created_at",
                table: "market_thread_messages",
                columns: new[] { "tenant_id", "sender_user_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_market_thread_messages_tenant_id_thread_id_id",
                table: "market_thread_messages",
                columns: new[] { "tenant_id", "thread_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_market_threads_tenant_id_buyer_organization_id_last_message_at",
                table: "market_threads",
                columns: new[] { "tenant_id", "buyer_organization_id", "last_message_at" });

            migrationBuilder.CreateIndex(
                name: "ix_market_threads_tenant_id_subject_kind_subject_id_buyer_organization_id_supplier_organization_id",
                table: "market_threads",
                columns: new[] { "tenant_id", "subject_kind", "subject_id", "buyer_organization_id", "supplier_organization_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_market_threads_tenant_id_supplier_organization_id_last_message_at",
                table: "market_threads",
                columns: new[] { "tenant_id", "supplier_organization_id", "last_message_at" });

            if (ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
                foreach (var table in new[] { "market_threads", "market_thread_messages", "market_message_attachments", "market_message_attachment_contents",
                    "market_meetings", "market_meeting_mails", "market_settings" })
                    migrationBuilder.Sql(TenantRowSecurity.EnableSql(table));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "market_meeting_mails");

            migrationBuilder.DropTable(
                name: "market_meetings");

            migrationBuilder.DropTable(
                name: "market_message_attachment_contents");

            migrationBuilder.DropTable(
                name: "market_message_attachments");

            migrationBuilder.DropTable(
                name: "market_settings");

            migrationBuilder.DropTable(
                name: "market_thread_messages");

            migrationBuilder.DropTable(
                name: "market_threads");
        }
    }
}
