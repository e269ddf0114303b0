using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Weft.Platform.Tenancy;

namespace Weft.Flow.Persistence.Migrations;

/// <summary>
/// Tokens that wait: the message and key a token waits for, timers that hold a token rather than a
/// work item, and the messages sent to the flows.
/// </summary>
[DbContext(typeof(FlowDbContext))]
[Migration("20261129000004_WaitingTokens")]
internal sealed class M0004_WaitingTokens : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        var postgres = ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL";
        m.AddColumn<string>("wait_message", "flow_tokens", maxLength: 128, nullable: true);
        m.AddColumn<string>("wait_key", "flow_tokens", maxLength: 200, nullable: true);
        m.CreateIndex("ix_flow_tokens_tenant_id_wait_message_wait_key", "flow_tokens", ["tenant_id", "wait_message", "wait_key"]);

        if (postgres)
        {
            m.AlterColumn<long>("work_item_id", "flow_timers", nullable: true, oldClrType: typeof(long), oldNullable: false);
            m.AddColumn<long>("token_id", "flow_timers", nullable: true);
        }
        else
        {
            // SQLite cannot relax a NOT NULL column: the table is rebuilt and its rows carried over.
            m.CreateTable("flow_timers_t", c => new
            {
                id = Columns.Identity(c),
                tenant_id = c.Column<long>(nullable: false),
                kind = c.Column<string>(maxLength: 32, nullable: false),
                work_item_id = c.Column<long>(nullable: true),
                token_id = c.Column<long>(nullable: true),
                agent_key = c.Column<string>(maxLength: 64, nullable: true),
                due_at = c.Column<DateTime>(nullable: false),
            }, constraints: t => t.PrimaryKey("pk_flow_timers", x => x.id));
            m.Sql("INSERT INTO flow_timers_t (id, tenant_id, kind, work_item_id, agent_key, due_at) " +
                  "SELECT id, tenant_id, kind, work_item_id, agent_key, due_at FROM flow_timers");
            m.DropTable("flow_timers");
            m.RenameTable("flow_timers_t", newName: "flow_timers");
            m.CreateIndex("ix_flow_timers_tenant_id_due_at", "flow_timers", ["tenant_id", "due_at"]);
            m.CreateIndex("ix_flow_timers_work_item_id", "flow_timers", "work_item_id");
        }
        m.CreateIndex("ix_flow_timers_token_id", "flow_timers", "token_id");

        m.CreateTable("flow_messages", c => new
        {
            id = Columns.Identity(c),
            tenant_id = c.Column<long>(nullable: false),
            name = c.Column<string>(maxLength: 128, nullable: false),
            correlation_key = c.Column<string>(maxLength: 200, nullable: false),
            data_json = c.Column<string>(nullable: true),
            sent_by = c.Column<string>(maxLength: 256, nullable: true),
            received_at = c.Column<DateTime>(nullable: false),
            consumed_at = c.Column<DateTime>(nullable: true),
            consumed_by = c.Column<int>(nullable: false),
        }, constraints: t => t.PrimaryKey("pk_flow_messages", x => x.id));
        m.CreateIndex("ix_flow_messages_tenant_id_name_correlation_key_consumed_at", "flow_messages",
            ["tenant_id", "name", "correlation_key", "consumed_at"]);
        if (postgres) m.Sql(TenantRowSecurity.EnableSql("flow_messages"));
    }
}
