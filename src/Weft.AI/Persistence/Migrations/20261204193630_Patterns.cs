using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Weft.Platform.Tenancy;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Weft.AI.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Patterns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ai_patterns",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    graph_key = table.Column<string>(maxLength: 64, nullable: false),
                    kind = table.Column<string>(maxLength: 32, nullable: false),
                    spec_json = table.Column<string>(maxLength: 40000, nullable: false),
                    max_cost = table.Column<decimal>(precision: 18, scale: 6, nullable: true),
                    created_at = table.Column<DateTime>(nullable: false),
                    updated_at = table.Column<DateTime>(nullable: false),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ai_patterns", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_ai_patterns_tenant_id_graph_key",
                table: "ai_patterns",
                columns: new[] { "tenant_id", "graph_key" },
                unique: true);

            if (ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
                migrationBuilder.Sql(TenantRowSecurity.EnableSql("ai_patterns"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ai_patterns");
        }
    }
}
