using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Weft.Flow.Persistence.Migrations;

/// <summary>
/// Ready work is found by state, assignment mode and capability (auto work for an agent who freed
/// capacity, pool work a person may claim): the index names all three, so asking for auto work while
/// thousands of pool items wait reads none of them.
/// </summary>
[DbContext(typeof(FlowDbContext))]
[Migration("20261202000006_ReadyWorkIndex")]
internal sealed class M0006_ReadyWorkIndex : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.DropIndex("ix_flow_work_items_tenant_id_state_capability", "flow_work_items");
        m.CreateIndex("ix_flow_work_items_tenant_id_state_assignment_capability", "flow_work_items",
            ["tenant_id", "state", "assignment", "capability"]);
    }
}
