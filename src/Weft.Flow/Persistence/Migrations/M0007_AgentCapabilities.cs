using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Weft.Platform.Tenancy;

namespace Weft.Flow.Persistence.Migrations;

/// <summary>
/// An agent's capabilities as rows, one per capability, so that assignment asks the database for the
/// agents able to do a piece of work instead of reading every available agent. The rows are filled
/// from the JSON each agent holds (which stays what the API shows); names are stored trimmed and in
/// lower case, as the engine compares them without case.
/// </summary>
[DbContext(typeof(FlowDbContext))]
[Migration("20261202000007_AgentCapabilities")]
internal sealed class M0007_AgentCapabilities : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        var postgres = ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL";
        m.CreateTable("flow_agent_capabilities", c => new
        {
            id = Columns.Identity(c),
            tenant_id = c.Column<long>(nullable: false),
            agent_id = c.Column<long>(nullable: false),
            name = c.Column<string>(maxLength: 64, nullable: false),
            level = c.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("pk_flow_agent_capabilities", x => x.id);
            t.ForeignKey("fk_flow_agent_capabilities_agent_id", x => x.agent_id, "flow_agents", "id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("ix_flow_agent_capabilities_agent_id_name", "flow_agent_capabilities", ["agent_id", "name"], unique: true);
        m.CreateIndex("ix_flow_agent_capabilities_tenant_id_name_level", "flow_agent_capabilities", ["tenant_id", "name", "level"]);

        // A name listed twice in other cases (the first release did not normalize names) becomes one row, at its best level.
        if (postgres)
        {
            // The migration runs under no tenant: the owner reads every tenant's agents while the policy is not forced on it.
            m.Sql("ALTER TABLE flow_agents NO FORCE ROW LEVEL SECURITY");
            m.Sql("""
                INSERT INTO flow_agent_capabilities (tenant_id, agent_id, name, level)
                SELECT a.tenant_id, a.id, lower(btrim(c.value->>'name')), max(COALESCE((c.value->>'level')::int, 1))
                FROM flow_agents a CROSS JOIN LATERAL jsonb_array_elements(a.capabilities_json::jsonb) AS c(value)
                WHERE c.value->>'name' IS NOT NULL
                GROUP BY a.tenant_id, a.id, lower(btrim(c.value->>'name'))
                """);
            m.Sql("ALTER TABLE flow_agents FORCE ROW LEVEL SECURITY");
            m.Sql(TenantRowSecurity.EnableSql("flow_agent_capabilities"));
        }
        else
        {
            m.Sql("""
                INSERT INTO flow_agent_capabilities (tenant_id, agent_id, name, level)
                SELECT a.tenant_id, a.id, lower(trim(json_extract(c.value, '$.name'))), max(COALESCE(json_extract(c.value, '$.level'), 1))
                FROM flow_agents a, json_each(a.capabilities_json) c
                WHERE json_extract(c.value, '$.name') IS NOT NULL
                GROUP BY a.tenant_id, a.id, lower(trim(json_extract(c.value, '$.name')))
                """);
        }
    }
}
