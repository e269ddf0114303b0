using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using Weft.Platform.Tenancy;

#nullable disable

namespace Weft.AI.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class KnowledgeAndThreads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "thread_id",
                table: "ai_runs",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "tool_rounds",
                table: "ai_runs",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "knowledge_json",
                table: "ai_agents",
                maxLength: 2000,
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<int>(
                name: "max_tool_rounds",
                table: "ai_agents",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.CreateTable(
                name: "ai_chunks",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    base_id = table.Column<long>(nullable: false),
                    document_id = table.Column<long>(nullable: false),
                    sequence = table.Column<int>(nullable: false),
                    heading = table.Column<string>(maxLength: 1000, nullable: false),
                    text = table.Column<string>(nullable: false),
                    embedding = table.Column<byte[]>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ai_chunks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ai_documents",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    base_id = table.Column<long>(nullable: false),
                    name = table.Column<string>(maxLength: 255, nullable: false),
                    title = table.Column<string>(maxLength: 500, nullable: false),
                    type = table.Column<string>(maxLength: 16, nullable: false),
                    bytes = table.Column<long>(nullable: false),
                    sha256 = table.Column<string>(maxLength: 64, nullable: false),
                    chunks = table.Column<int>(nullable: false),
                    characters = table.Column<int>(nullable: false),
                    embedding_model = table.Column<string>(maxLength: 100, nullable: true),
                    uploaded_by = table.Column<string>(maxLength: 256, nullable: true),
                    uploaded_at = table.Column<DateTime>(nullable: false),
                    revision = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ai_documents", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ai_knowledge_bases",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    key = table.Column<string>(maxLength: 64, nullable: false),
                    name = table.Column<string>(maxLength: 200, nullable: false),
                    description = table.Column<string>(maxLength: 2000, nullable: false),
                    embedding_model = table.Column<string>(maxLength: 100, nullable: true),
                    created_at = table.Column<DateTime>(nullable: false),
                    updated_at = table.Column<DateTime>(nullable: false),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ai_knowledge_bases", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ai_messages",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    thread_id = table.Column<long>(nullable: false),
                    sequence = table.Column<int>(nullable: false),
                    role = table.Column<string>(maxLength: 16, nullable: false),
                    content = table.Column<string>(nullable: false),
                    run_id = table.Column<long>(nullable: false),
                    created_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ai_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ai_run_sources",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    run_id = table.Column<long>(nullable: false),
                    rank = table.Column<int>(nullable: false),
                    chunk_id = table.Column<long>(nullable: false),
                    document_id = table.Column<long>(nullable: false),
                    @base = table.Column<string>(name: "base", maxLength: 64, nullable: false),
                    document = table.Column<string>(maxLength: 255, nullable: false),
                    heading = table.Column<string>(maxLength: 1000, nullable: false),
                    text = table.Column<string>(nullable: false),
                    score = table.Column<double>(nullable: false),
                    cited = table.Column<bool>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ai_run_sources", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ai_threads",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    agent_key = table.Column<string>(maxLength: 64, nullable: false),
                    title = table.Column<string>(maxLength: 200, nullable: false),
                    created_by = table.Column<string>(maxLength: 256, nullable: true),
                    messages = table.Column<int>(nullable: false),
                    created_at = table.Column<DateTime>(nullable: false),
                    updated_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ai_threads", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_ai_chunks_tenant_id_base_id",
                table: "ai_chunks",
                columns: new[] { "tenant_id", "base_id" });

            migrationBuilder.CreateIndex(
                name: "ix_ai_chunks_tenant_id_document_id_sequence",
                table: "ai_chunks",
                columns: new[] { "tenant_id", "document_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ai_documents_tenant_id_base_id_name",
                table: "ai_documents",
                columns: new[] { "tenant_id", "base_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ai_knowledge_bases_tenant_id_key",
                table: "ai_knowledge_bases",
                columns: new[] { "tenant_id", "key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ai_messages_tenant_id_thread_id_sequence",
                table: "ai_messages",
                columns: new[] { "tenant_id", "thread_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ai_run_sources_tenant_id_run_id_rank",
                table: "ai_run_sources",
                columns: new[] { "tenant_id", "run_id", "rank" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ai_threads_tenant_id_agent_key_id",
                table: "ai_threads",
                columns: new[] { "tenant_id", "agent_key", "id" });

            // The lexical index follows the chunks by itself, so a deleted chunk leaves every index with its row.
            if (ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
            {
                migrationBuilder.Sql("""
                    ALTER TABLE ai_chunks ADD COLUMN search tsvector GENERATED ALWAYS AS
                        (setweight(to_tsvector('english', heading), 'A') || setweight(to_tsvector('english', text), 'B')) STORED;
                    CREATE INDEX ix_ai_chunks_search ON ai_chunks USING gin (search);
                    """);
                foreach (var table in new[] { "ai_knowledge_bases", "ai_documents", "ai_chunks", "ai_run_sources", "ai_threads", "ai_messages" })
                    migrationBuilder.Sql(TenantRowSecurity.EnableSql(table));
            }
            else
            {
                migrationBuilder.Sql("""
                    CREATE VIRTUAL TABLE ai_chunks_fts USING fts5(heading, text, tokenize = 'porter unicode61');
                    CREATE TRIGGER ai_chunks_fts_insert AFTER INSERT ON ai_chunks BEGIN
                        INSERT INTO ai_chunks_fts (rowid, heading, text) VALUES (new.id, new.heading, new.text);
                    END;
                    CREATE TRIGGER ai_chunks_fts_delete AFTER DELETE ON ai_chunks BEGIN
                        DELETE FROM ai_chunks_fts WHERE rowid = old.id;
                    END;
                    CREATE TRIGGER ai_chunks_fts_update AFTER UPDATE OF heading, text ON ai_chunks BEGIN
                        UPDATE ai_chunks_fts SET heading = new.heading, text = new.text WHERE rowid = old.id;
                    END;
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            if (ActiveProvider != "Npgsql.EntityFrameworkCore.PostgreSQL") migrationBuilder.Sql("DROP TABLE ai_chunks_fts;");

            migrationBuilder.DropTable(
                name: "ai_chunks");

            migrationBuilder.DropTable(
                name: "ai_documents");

            migrationBuilder.DropTable(
                name: "ai_knowledge_bases");

            migrationBuilder.DropTable(
                name: "ai_messages");

            migrationBuilder.DropTable(
                name: "ai_run_sources");

            migrationBuilder.DropTable(
                name: "ai_threads");

            migrationBuilder.DropColumn(
                name: "thread_id",
                table: "ai_runs");

            migrationBuilder.DropColumn(
                name: "tool_rounds",
                table: "ai_runs");

            migrationBuilder.DropColumn(
                name: "knowledge_json",
                table: "ai_agents");

            migrationBuilder.DropColumn(
                name: "max_tool_rounds",
                table: "ai_agents");
        }
    }
}
