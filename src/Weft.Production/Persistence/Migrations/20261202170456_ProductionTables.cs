using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Weft.Production.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ProductionTables : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "production_orders",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    kind = table.Column<string>(maxLength: 8, nullable: false),
                    product_key = table.Column<string>(maxLength: 64, nullable: false),
                    quantity = table.Column<int>(nullable: false),
                    routing = table.Column<string>(maxLength: 64, nullable: false),
                    routing_version = table.Column<int>(nullable: true),
                    unit_size = table.Column<int>(nullable: false),
                    due_at = table.Column<DateTime>(nullable: true),
                    priority = table.Column<int>(nullable: false),
                    notes = table.Column<string>(maxLength: 2000, nullable: true),
                    customer = table.Column<string>(maxLength: 200, nullable: true),
                    linked_order_id = table.Column<long>(nullable: true),
                    state = table.Column<string>(maxLength: 16, nullable: false),
                    job_id = table.Column<long>(nullable: true),
                    created_at = table.Column<DateTime>(nullable: false),
                    updated_at = table.Column<DateTime>(nullable: false),
                    released_at = table.Column<DateTime>(nullable: true),
                    ended_at = table.Column<DateTime>(nullable: true),
                    created_by = table.Column<string>(maxLength: 256, nullable: true),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_production_orders", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "production_products",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    key = table.Column<string>(maxLength: 64, nullable: false),
                    name = table.Column<string>(maxLength: 200, nullable: false),
                    routing = table.Column<string>(maxLength: 64, nullable: false),
                    batch_size = table.Column<int>(nullable: false),
                    created_at = table.Column<DateTime>(nullable: false),
                    updated_at = table.Column<DateTime>(nullable: false),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_production_products", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_production_orders_tenant_id_job_id",
                table: "production_orders",
                columns: new[] { "tenant_id", "job_id" });

            migrationBuilder.CreateIndex(
                name: "ix_production_orders_tenant_id_kind_state",
                table: "production_orders",
                columns: new[] { "tenant_id", "kind", "state" });

            migrationBuilder.CreateIndex(
                name: "ix_production_orders_tenant_id_linked_order_id",
                table: "production_orders",
                columns: new[] { "tenant_id", "linked_order_id" });

            migrationBuilder.CreateIndex(
                name: "ix_production_products_tenant_id_key",
                table: "production_products",
                columns: new[] { "tenant_id", "key" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "production_orders");

            migrationBuilder.DropTable(
                name: "production_products");
        }
    }
}
