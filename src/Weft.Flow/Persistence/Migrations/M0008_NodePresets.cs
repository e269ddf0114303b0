using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Weft.Platform.Tenancy;

namespace Weft.Flow.Persistence.Migrations;

/// <summary>Steps managers save for the routing designer, by key per tenant.</summary>
[DbContext(typeof(FlowDbContext))]
[Migration("20261202000008_NodePresets")]
internal sealed class M0008_NodePresets : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("flow_node_presets", c => new
        {
            id = Columns.Identity(c),
            tenant_id = c.Column<long>(nullable: false),
            key = c.Column<string>(maxLength: 64, nullable: false),
            name = c.Column<string>(maxLength: 200, nullable: false),
            template_json = c.Column<string>(nullable: false),
            saved_by = c.Column<string>(maxLength: 256, nullable: true),
            saved_at = c.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("pk_flow_node_presets", x => x.id));
        m.CreateIndex("ix_flow_node_presets_tenant_id_key", "flow_node_presets", ["tenant_id", "key"], unique: true);
        if (ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
            m.Sql(TenantRowSecurity.EnableSql("flow_node_presets"));
    }
}
