using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Weft.Flow.Persistence.Migrations;

/// <summary>Work items that software agents do: attempts, the lease of the running attempt, retry time, last error.</summary>
[DbContext(typeof(FlowDbContext))]
[Migration("20261129000005_AutomatedWork")]
internal sealed class M0005_AutomatedWork : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<int>("execution_attempts", "flow_work_items", nullable: false, defaultValue: 0);
        m.AddColumn<string>("lease_id", "flow_work_items", maxLength: 64, nullable: true);
        m.AddColumn<DateTime>("lease_until", "flow_work_items", nullable: true);
        m.AddColumn<DateTime>("next_attempt_at", "flow_work_items", nullable: true);
        m.AddColumn<string>("last_error", "flow_work_items", nullable: true);
        if (ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
            m.Sql("ALTER TABLE flow_work_items ALTER COLUMN execution_attempts DROP DEFAULT");
    }
}
