using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Weft.Flow.Persistence.Migrations;

/// <summary>The agent registry's tier and description of each agent.</summary>
[DbContext(typeof(FlowDbContext))]
[Migration("20261205000009_AgentRegistry")]
internal sealed class M0009_AgentRegistry : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<string>("tier", "flow_agents", maxLength: 16, nullable: true);
        m.AddColumn<string>("description", "flow_agents", maxLength: 500, nullable: true);
    }
}
