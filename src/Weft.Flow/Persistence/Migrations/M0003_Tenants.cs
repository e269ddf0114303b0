using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Weft.Platform.Tenancy;

namespace Weft.Flow.Persistence.Migrations;

/// <summary>
/// Every engine row gets a tenant. Rows written before tenants existed belong to tenant 1, the
/// first tenant the host creates. Keys become unique per tenant, the tables most often listed are
/// indexed by tenant first, actor columns widen to hold a user's email, and on PostgreSQL every
/// table is put under the row-level security policy.
/// </summary>
[DbContext(typeof(FlowDbContext))]
[Migration("20261121000003_Tenants")]
internal sealed class M0003_Tenants : Migration
{
    internal static readonly string[] Tables =
    [
        "flow_graphs", "flow_graph_versions", "flow_agents", "flow_jobs", "flow_tokens", "flow_work_items",
        "flow_events", "flow_inbox", "flow_timers", "flow_idempotency",
    ];

    protected override void Up(MigrationBuilder m)
    {
        var postgres = ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL";
        foreach (var table in Tables.Where(t => t != "flow_idempotency"))
            m.AddColumn<long>("tenant_id", table, nullable: false, defaultValue: 1L);

        Reindex(m, "flow_graphs", "ix_flow_graphs_key", "ix_flow_graphs_tenant_id_key", ["tenant_id", "key"], unique: true);
        Reindex(m, "flow_graph_versions", "ix_flow_graph_versions_graph_key_number",
            "ix_flow_graph_versions_tenant_id_graph_key_number", ["tenant_id", "graph_key", "number"], unique: true);
        Reindex(m, "flow_agents", "ix_flow_agents_key", "ix_flow_agents_tenant_id_key", ["tenant_id", "key"], unique: true);
        Reindex(m, "flow_jobs", "ix_flow_jobs_graph_key_state", "ix_flow_jobs_tenant_id_graph_key_state", ["tenant_id", "graph_key", "state"]);
        Reindex(m, "flow_work_items", "ix_flow_work_items_state_capability",
            "ix_flow_work_items_tenant_id_state_capability", ["tenant_id", "state", "capability"]);
        Reindex(m, "flow_work_items", "ix_flow_work_items_agent_key_state",
            "ix_flow_work_items_tenant_id_agent_key_state", ["tenant_id", "agent_key", "state"]);
        Reindex(m, "flow_events", "ix_flow_events_graph_key_graph_version",
            "ix_flow_events_tenant_id_graph_key_graph_version", ["tenant_id", "graph_key", "graph_version"]);
        Reindex(m, "flow_inbox", "ix_flow_inbox_state_work_item_id",
            "ix_flow_inbox_tenant_id_state_work_item_id", ["tenant_id", "state", "work_item_id"]);
        Reindex(m, "flow_timers", "ix_flow_timers_due_at", "ix_flow_timers_tenant_id_due_at", ["tenant_id", "due_at"]);

        // Idempotency keys become unique per tenant: the primary key changes, so the table is rebuilt
        // (SQLite cannot alter a primary key) and the remembered answers are carried over.
        m.CreateTable("flow_idempotency_t", c => new
        {
            tenant_id = c.Column<long>(nullable: false),
            key = c.Column<string>(maxLength: 200, nullable: false),
            fingerprint = c.Column<string>(maxLength: 64, nullable: false),
            result_json = c.Column<string>(nullable: false),
            created_at = c.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("pk_flow_idempotency_t", x => new { x.tenant_id, x.key }));
        m.Sql("INSERT INTO flow_idempotency_t (tenant_id, key, fingerprint, result_json, created_at) " +
              "SELECT 1, key, fingerprint, result_json, created_at FROM flow_idempotency");
        m.DropTable("flow_idempotency");
        m.RenameTable("flow_idempotency_t", newName: "flow_idempotency");
        if (postgres) m.Sql("ALTER TABLE flow_idempotency RENAME CONSTRAINT pk_flow_idempotency_t TO pk_flow_idempotency");

        if (postgres)
        {
            // SQLite does not enforce declared lengths; PostgreSQL does.
            m.Sql("ALTER TABLE flow_events ALTER COLUMN actor TYPE varchar(256)");
            m.Sql("ALTER TABLE flow_graph_versions ALTER COLUMN published_by TYPE varchar(256)");
            m.Sql("ALTER TABLE flow_inbox ALTER COLUMN resolved_by TYPE varchar(256)");
            foreach (var table in Tables)
            {
                // New rows get their tenant from the application; the default only served the upgrade.
                if (table != "flow_idempotency") m.Sql($"ALTER TABLE {table} ALTER COLUMN tenant_id DROP DEFAULT");
                m.Sql(TenantRowSecurity.EnableSql(table));
            }
        }
    }

    private static void Reindex(MigrationBuilder m, string table, string oldName, string newName, string[] columns, bool unique = false)
    {
        m.DropIndex(oldName, table);
        m.CreateIndex(newName, table, columns, unique: unique);
    }
}
