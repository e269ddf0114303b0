using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using Weft.Platform.Tenancy;

#nullable disable

namespace Weft.Support.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Conversations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "support_conversations",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    number = table.Column<long>(nullable: false),
                    customer_id = table.Column<long>(nullable: false),
                    channel = table.Column<string>(maxLength: 16, nullable: false),
                    subject = table.Column<string>(maxLength: 300, nullable: false),
                    status = table.Column<string>(maxLength: 16, nullable: false),
                    priority = table.Column<string>(maxLength: 16, nullable: false),
                    type = table.Column<string>(maxLength: 32, nullable: false),
                    tags_json = table.Column<string>(maxLength: 2000, nullable: false),
                    assignee = table.Column<string>(maxLength: 64, nullable: true),
                    team = table.Column<string>(maxLength: 64, nullable: true),
                    intent = table.Column<string>(maxLength: 100, nullable: true),
                    intent_confidence = table.Column<double>(nullable: true),
                    language = table.Column<string>(maxLength: 16, nullable: true),
                    sentiment = table.Column<string>(maxLength: 16, nullable: true),
                    handover_reason = table.Column<string>(maxLength: 32, nullable: true),
                    summary = table.Column<string>(maxLength: 4000, nullable: true),
                    job_id = table.Column<long>(nullable: true),
                    access_token = table.Column<string>(maxLength: 64, nullable: false),
                    merged_into_id = table.Column<long>(nullable: true),
                    split_from_id = table.Column<long>(nullable: true),
                    created_at = table.Column<DateTime>(nullable: false),
                    updated_at = table.Column<DateTime>(nullable: false),
                    first_reply_at = table.Column<DateTime>(nullable: true),
                    last_customer_message_at = table.Column<DateTime>(nullable: true),
                    solved_at = table.Column<DateTime>(nullable: true),
                    closed_at = table.Column<DateTime>(nullable: true),
                    csat_score = table.Column<int>(nullable: true),
                    csat_comment = table.Column<string>(maxLength: 2000, nullable: true),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_support_conversations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "support_customers",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    name = table.Column<string>(maxLength: 200, nullable: false),
                    email = table.Column<string>(maxLength: 254, nullable: true),
                    phone = table.Column<string>(maxLength: 40, nullable: true),
                    language = table.Column<string>(maxLength: 16, nullable: false),
                    organization_id = table.Column<long>(nullable: true),
                    tier = table.Column<string>(maxLength: 32, nullable: false),
                    tags_json = table.Column<string>(maxLength: 2000, nullable: false),
                    fields_json = table.Column<string>(maxLength: 8000, nullable: false),
                    external_ref = table.Column<string>(maxLength: 200, nullable: true),
                    merged_into_id = table.Column<long>(nullable: true),
                    created_at = table.Column<DateTime>(nullable: false),
                    updated_at = table.Column<DateTime>(nullable: false),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_support_customers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "support_intent_models",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    trained_at = table.Column<DateTime>(nullable: false),
                    trained_by = table.Column<string>(maxLength: 200, nullable: false),
                    examples = table.Column<int>(nullable: false),
                    intents = table.Column<int>(nullable: false),
                    held_out_accuracy = table.Column<double>(nullable: false),
                    threshold = table.Column<double>(nullable: false),
                    training_milliseconds = table.Column<long>(nullable: false),
                    metrics_json = table.Column<string>(nullable: false),
                    model = table.Column<byte[]>(nullable: false),
                    active = table.Column<bool>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_support_intent_models", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "support_messages",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    conversation_id = table.Column<long>(nullable: false),
                    kind = table.Column<string>(maxLength: 16, nullable: false),
                    author = table.Column<string>(maxLength: 64, nullable: true),
                    author_name = table.Column<string>(maxLength: 200, nullable: false),
                    body = table.Column<string>(maxLength: 20000, nullable: false),
                    citations_json = table.Column<string>(maxLength: 20000, nullable: true),
                    external_id = table.Column<string>(maxLength: 300, nullable: true),
                    client_id = table.Column<string>(maxLength: 64, nullable: true),
                    created_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_support_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "support_organizations",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    name = table.Column<string>(maxLength: 200, nullable: false),
                    domain = table.Column<string>(maxLength: 200, nullable: true),
                    tier = table.Column<string>(maxLength: 32, nullable: false),
                    notes = table.Column<string>(maxLength: 4000, nullable: false),
                    created_at = table.Column<DateTime>(nullable: false),
                    updated_at = table.Column<DateTime>(nullable: false),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_support_organizations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "support_training_examples",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    text = table.Column<string>(maxLength: 2000, nullable: false),
                    intent = table.Column<string>(maxLength: 100, nullable: false),
                    source = table.Column<string>(maxLength: 16, nullable: false),
                    conversation_id = table.Column<long>(nullable: true),
                    created_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_support_training_examples", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_support_conversations_tenant_id_customer_id",
                table: "support_conversations",
                columns: new[] { "tenant_id", "customer_id" });

            migrationBuilder.CreateIndex(
                name: "ix_support_conversations_tenant_id_job_id",
                table: "support_conversations",
                columns: new[] { "tenant_id", "job_id" });

            migrationBuilder.CreateIndex(
                name: "ix_support_conversations_tenant_id_number",
                table: "support_conversations",
                columns: new[] { "tenant_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_support_conversations_tenant_id_status_assignee",
                table: "support_conversations",
                columns: new[] { "tenant_id", "status", "assignee" });

            migrationBuilder.CreateIndex(
                name: "ix_support_customers_tenant_id_email",
                table: "support_customers",
                columns: new[] { "tenant_id", "email" });

            migrationBuilder.CreateIndex(
                name: "ix_support_customers_tenant_id_organization_id",
                table: "support_customers",
                columns: new[] { "tenant_id", "organization_id" });

            migrationBuilder.CreateIndex(
                name: "ix_support_intent_models_tenant_id_active",
                table: "support_intent_models",
                columns: new[] { "tenant_id", "active" });

            migrationBuilder.CreateIndex(
                name: "ix_support_messages_tenant_id_conversation_id_client_id",
                table: "support_messages",
                columns: new[] { "tenant_id", "conversation_id", "client_id" });

            migrationBuilder.CreateIndex(
                name: "ix_support_messages_tenant_id_conversation_id_id",
                table: "support_messages",
                columns: new[] { "tenant_id", "conversation_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_support_messages_tenant_id_external_id",
                table: "support_messages",
                columns: new[] { "tenant_id", "external_id" });

            migrationBuilder.CreateIndex(
                name: "ix_support_organizations_tenant_id_domain",
                table: "support_organizations",
                columns: new[] { "tenant_id", "domain" });

            migrationBuilder.CreateIndex(
                name: "ix_support_organizations_tenant_id_name",
                table: "support_organizations",
                columns: new[] { "tenant_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_support_training_examples_tenant_id_intent",
                table: "support_training_examples",
                columns: new[] { "tenant_id", "intent" });

            if (ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
            {
                foreach (var table in new[] { "support_organizations", "support_customers", "support_conversations", "support_messages",
                             "support_training_examples", "support_intent_models" })
                    migrationBuilder.Sql(TenantRowSecurity.EnableSql(table));
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "support_conversations");

            migrationBuilder.DropTable(
                name: "support_customers");

            migrationBuilder.DropTable(
                name: "support_intent_models");

            migrationBuilder.DropTable(
                name: "support_messages");

            migrationBuilder.DropTable(
                name: "support_organizations");

            migrationBuilder.DropTable(
                name: "support_training_examples");
        }
    }
}
