using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Weft.Flow.Persistence.Migrations;

/// <summary>The capabilities a work item requires of its agent besides its own, and those it prefers (from a node's routing fields).</summary>
[DbContext(typeof(FlowDbContext))]
[Migration("20261205000010_WorkItemRequirements")]
internal sealed class M0010_WorkItemRequirements : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<string>("required_capabilities", "flow_work_items", maxLength: Runtime.WorkRequirements.MaxText, nullable: true);
        m.AddColumn<string>("preferred_capabilities", "flow_work_items", maxLength: Runtime.WorkRequirements.MaxText, nullable: true);
    }
}
