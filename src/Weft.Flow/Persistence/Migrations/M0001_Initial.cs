using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Weft.Flow.Persistence.Migrations;

// Migrations are written by hand (EF Core Design tooling is not available here) and stay
// provider neutral: column types come from the provider's mapping of the CLR type.
internal static class Columns
{
    public static OperationBuilder<AddColumnOperation> Identity(ColumnsBuilder c) =>
        c.Column<long>(nullable: false)
            .Annotation("Sqlite:Autoincrement", true)
            .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
}

[DbContext(typeof(FlowDbContext))]
[Migration("20261121000001_Initial")]
internal sealed class M0001_Initial : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("flow_graphs", c => new
        {
            id = Columns.Identity(c),
            key = c.Column<string>(maxLength: 64, nullable: false),
            name = c.Column<string>(maxLength: 200, nullable: false),
            draft_json = c.Column<string>(nullable: false),
            draft_revision = c.Column<int>(nullable: false),
            latest_version = c.Column<int>(nullable: false),
            created_at = c.Column<DateTime>(nullable: false),
            updated_at = c.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("pk_flow_graphs", x => x.id));
        m.CreateIndex("ix_flow_graphs_key", "flow_graphs", "key", unique: true);

        m.CreateTable("flow_graph_versions", c => new
        {
            id = Columns.Identity(c),
            graph_key = c.Column<string>(maxLength: 64, nullable: false),
            number = c.Column<int>(nullable: false),
            definition_json = c.Column<string>(nullable: false),
            published_at = c.Column<DateTime>(nullable: false),
            published_by = c.Column<string>(maxLength: 64, nullable: true),
        }, constraints: t => t.PrimaryKey("pk_flow_graph_versions", x => x.id));
        m.CreateIndex("ix_flow_graph_versions_graph_key_number", "flow_graph_versions", ["graph_key", "number"], unique: true);

        m.CreateTable("flow_agents", c => new
        {
            id = Columns.Identity(c),
            key = c.Column<string>(maxLength: 64, nullable: false),
            name = c.Column<string>(maxLength: 200, nullable: false),
            kind = c.Column<string>(maxLength: 16, nullable: false),
            capabilities_json = c.Column<string>(nullable: false),
            wip_limit = c.Column<int>(nullable: false),
            status = c.Column<string>(maxLength: 16, nullable: false),
            version = c.Column<int>(nullable: false),
            created_at = c.Column<DateTime>(nullable: false),
            updated_at = c.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("pk_flow_agents", x => x.id));
        m.CreateIndex("ix_flow_agents_key", "flow_agents", "key", unique: true);

        m.CreateTable("flow_jobs", c => new
        {
            id = Columns.Identity(c),
            graph_key = c.Column<string>(maxLength: 64, nullable: false),
            graph_version = c.Column<int>(nullable: false),
            reference = c.Column<string>(maxLength: 200, nullable: false),
            quantity = c.Column<int>(nullable: false),
            priority = c.Column<int>(nullable: false),
            due_at = c.Column<DateTime>(nullable: true),
            data_json = c.Column<string>(nullable: false),
            state = c.Column<string>(maxLength: 16, nullable: false),
            version = c.Column<int>(nullable: false),
            created_at = c.Column<DateTime>(nullable: false),
            completed_at = c.Column<DateTime>(nullable: true),
        }, constraints: t => t.PrimaryKey("pk_flow_jobs", x => x.id));
        m.CreateIndex("ix_flow_jobs_graph_key_state", "flow_jobs", ["graph_key", "state"]);

        m.CreateTable("flow_tokens", c => new
        {
            id = Columns.Identity(c),
            job_id = c.Column<long>(nullable: false),
            serial = c.Column<int>(nullable: false),
            generation = c.Column<int>(nullable: false),
            graph_version = c.Column<int>(nullable: false),
            node_key = c.Column<string>(maxLength: 64, nullable: false),
            state = c.Column<string>(maxLength: 16, nullable: false),
            parent_token_id = c.Column<long>(nullable: true),
            split_node_key = c.Column<string>(maxLength: 64, nullable: true),
            replaces_token_id = c.Column<long>(nullable: true),
            replaced_by_token_id = c.Column<long>(nullable: true),
            cancel_reason = c.Column<string>(maxLength: 16, nullable: true),
            data_json = c.Column<string>(nullable: true),
            version = c.Column<int>(nullable: false),
            created_at = c.Column<DateTime>(nullable: false),
            arrived_at = c.Column<DateTime>(nullable: false),
            ended_at = c.Column<DateTime>(nullable: true),
        }, constraints: t => t.PrimaryKey("pk_flow_tokens", x => x.id));
        m.CreateIndex("ix_flow_tokens_job_id", "flow_tokens", "job_id");
        m.CreateIndex("ix_flow_tokens_parent_token_id", "flow_tokens", "parent_token_id");
        m.CreateIndex("ix_flow_tokens_job_id_serial_generation", "flow_tokens", ["job_id", "serial", "generation"], unique: true, filter: "parent_token_id IS NULL");

        m.CreateTable("flow_work_items", c => new
        {
            id = Columns.Identity(c),
            job_id = c.Column<long>(nullable: false),
            token_id = c.Column<long>(nullable: false),
            graph_key = c.Column<string>(maxLength: 64, nullable: false),
            graph_version = c.Column<int>(nullable: false),
            node_key = c.Column<string>(maxLength: 64, nullable: false),
            @operator = c.Column<int>(nullable: false),
            capability = c.Column<string>(maxLength: 64, nullable: false),
            level = c.Column<int>(nullable: false),
            assignment = c.Column<string>(maxLength: 8, nullable: false),
            state = c.Column<string>(maxLength: 16, nullable: false),
            agent_key = c.Column<string>(maxLength: 64, nullable: true),
            priority = c.Column<int>(nullable: false),
            due_at = c.Column<DateTime>(nullable: true),
            created_at = c.Column<DateTime>(nullable: false),
            ready_at = c.Column<DateTime>(nullable: false),
            assigned_at = c.Column<DateTime>(nullable: true),
            started_at = c.Column<DateTime>(nullable: true),
            running_since = c.Column<DateTime>(nullable: true),
            work_seconds = c.Column<double>(nullable: false),
            ended_at = c.Column<DateTime>(nullable: true),
            outcome = c.Column<string>(maxLength: 64, nullable: true),
            result_json = c.Column<string>(nullable: true),
            note = c.Column<string>(nullable: true),
            version = c.Column<int>(nullable: false),
        }, constraints: t => t.PrimaryKey("pk_flow_work_items", x => x.id));
        m.CreateIndex("ix_flow_work_items_state_capability", "flow_work_items", ["state", "capability"]);
        m.CreateIndex("ix_flow_work_items_token_id", "flow_work_items", "token_id");
        m.CreateIndex("ix_flow_work_items_job_id", "flow_work_items", "job_id");
        m.CreateIndex("ix_flow_work_items_agent_key_state", "flow_work_items", ["agent_key", "state"]);

        m.CreateTable("flow_events", c => new
        {
            id = Columns.Identity(c),
            type = c.Column<string>(maxLength: 48, nullable: false),
            at = c.Column<DateTime>(nullable: false),
            actor = c.Column<string>(maxLength: 64, nullable: true),
            graph_key = c.Column<string>(maxLength: 64, nullable: true),
            graph_version = c.Column<int>(nullable: true),
            job_id = c.Column<long>(nullable: true),
            token_id = c.Column<long>(nullable: true),
            work_item_id = c.Column<long>(nullable: true),
            node_key = c.Column<string>(maxLength: 64, nullable: true),
            data_json = c.Column<string>(nullable: true),
        }, constraints: t => t.PrimaryKey("pk_flow_events", x => x.id));
        m.CreateIndex("ix_flow_events_job_id", "flow_events", "job_id");
        m.CreateIndex("ix_flow_events_graph_key_graph_version", "flow_events", ["graph_key", "graph_version"]);
    }
}
