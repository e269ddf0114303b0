using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Weft.Flow.Persistence.Migrations;

/// <summary>Adds the manager inbox, durable timers, idempotency keys and the assignment columns.</summary>
[DbContext(typeof(FlowDbContext))]
[Migration("20261121000002_AssignmentAndIdempotency")]
internal sealed class M0002_AssignmentAndIdempotency : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<DateTime>("idle_since", "flow_agents", nullable: false, defaultValue: new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        m.AddColumn<string>("excluded_agent_key", "flow_work_items", maxLength: 64, nullable: true);

        m.CreateTable("flow_inbox", c => new
        {
            id = Columns.Identity(c),
            reason = c.Column<string>(maxLength: 48, nullable: false),
            message = c.Column<string>(nullable: false),
            work_item_id = c.Column<long>(nullable: true),
            job_id = c.Column<long>(nullable: true),
            agent_key = c.Column<string>(maxLength: 64, nullable: true),
            state = c.Column<string>(maxLength: 16, nullable: false),
            resolution = c.Column<string>(maxLength: 16, nullable: true),
            resolved_by = c.Column<string>(maxLength: 64, nullable: true),
            created_at = c.Column<DateTime>(nullable: false),
            resolved_at = c.Column<DateTime>(nullable: true),
            version = c.Column<int>(nullable: false),
        }, constraints: t => t.PrimaryKey("pk_flow_inbox", x => x.id));
        m.CreateIndex("ix_flow_inbox_state_work_item_id", "flow_inbox", ["state", "work_item_id"]);

        m.CreateTable("flow_timers", c => new
        {
            id = Columns.Identity(c),
            kind = c.Column<string>(maxLength: 32, nullable: false),
            work_item_id = c.Column<long>(nullable: false),
            agent_key = c.Column<string>(maxLength: 64, nullable: true),
            due_at = c.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("pk_flow_timers", x => x.id));
        m.CreateIndex("ix_flow_timers_due_at", "flow_timers", "due_at");
        m.CreateIndex("ix_flow_timers_work_item_id", "flow_timers", "work_item_id");

        m.CreateTable("flow_idempotency", c => new
        {
            key = c.Column<string>(maxLength: 200, nullable: false),
            fingerprint = c.Column<string>(maxLength: 64, nullable: false),
            result_json = c.Column<string>(nullable: false),
            created_at = c.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("pk_flow_idempotency", x => x.key));
    }
}
