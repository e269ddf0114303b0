using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Weft.Platform.Tenancy;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Weft.Commerce.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Purchasing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "commerce_purchase_order_lines",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    order_id = table.Column<long>(nullable: false),
                    variant_id = table.Column<long>(nullable: false),
                    sku = table.Column<string>(maxLength: 64, nullable: false),
                    supplier_sku = table.Column<string>(maxLength: 64, nullable: false),
                    quantity = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
                    received = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
                    unit_price = table.Column<decimal>(precision: 18, scale: 6, nullable: false),
                    amount = table.Column<decimal>(precision: 18, scale: 6, nullable: false),
                    suggestion_id = table.Column<long>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commerce_purchase_order_lines", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "commerce_purchase_orders",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    number = table.Column<string>(maxLength: 32, nullable: false),
                    supplier_id = table.Column<long>(nullable: false),
                    warehouse_id = table.Column<long>(nullable: false),
                    state = table.Column<string>(maxLength: 16, nullable: false),
                    currency = table.Column<string>(maxLength: 3, nullable: false),
                    total = table.Column<decimal>(precision: 18, scale: 6, nullable: false),
                    note = table.Column<string>(maxLength: 2000, nullable: false),
                    expected_at = table.Column<DateTime>(nullable: true),
                    created_by = table.Column<string>(maxLength: 256, nullable: false),
                    created_at = table.Column<DateTime>(nullable: false),
                    approved_by = table.Column<string>(maxLength: 256, nullable: true),
                    approved_at = table.Column<DateTime>(nullable: true),
                    sent_at = table.Column<DateTime>(nullable: true),
                    sent_to = table.Column<string>(maxLength: 254, nullable: true),
                    send_error = table.Column<string>(maxLength: 1000, nullable: true),
                    first_receipt_at = table.Column<DateTime>(nullable: true),
                    received_at = table.Column<DateTime>(nullable: true),
                    ended_at = table.Column<DateTime>(nullable: true),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commerce_purchase_orders", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "commerce_replenishment_rules",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    variant_id = table.Column<long>(nullable: false),
                    sku = table.Column<string>(maxLength: 64, nullable: false),
                    warehouse_id = table.Column<long>(nullable: false),
                    policy = table.Column<string>(maxLength: 16, nullable: false),
                    service_level = table.Column<double>(nullable: false),
                    demand_days = table.Column<int>(nullable: false),
                    demand_mean = table.Column<double>(nullable: true),
                    demand_deviation = table.Column<double>(nullable: true),
                    min = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
                    max = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
                    multiple = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
                    review_days = table.Column<int>(nullable: false),
                    ordering_cost = table.Column<decimal>(precision: 18, scale: 6, nullable: false),
                    holding_rate = table.Column<decimal>(precision: 18, scale: 6, nullable: false),
                    supplier_id = table.Column<long>(nullable: true),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commerce_replenishment_rules", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "commerce_suggestions",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    run = table.Column<string>(maxLength: 64, nullable: false),
                    variant_id = table.Column<long>(nullable: false),
                    sku = table.Column<string>(maxLength: 64, nullable: false),
                    warehouse_id = table.Column<long>(nullable: false),
                    supplier_id = table.Column<long>(nullable: false),
                    policy = table.Column<string>(maxLength: 16, nullable: false),
                    position = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
                    reorder_level = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
                    wanted = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
                    quantity = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
                    unit_price = table.Column<decimal>(precision: 18, scale: 6, nullable: false),
                    amount = table.Column<decimal>(precision: 18, scale: 6, nullable: false),
                    currency = table.Column<string>(maxLength: 3, nullable: false),
                    explanation_json = table.Column<string>(nullable: false),
                    state = table.Column<string>(maxLength: 16, nullable: false),
                    created_at = table.Column<DateTime>(nullable: false),
                    decided_by = table.Column<string>(maxLength: 256, nullable: true),
                    decided_at = table.Column<DateTime>(nullable: true),
                    purchase_order_id = table.Column<long>(nullable: true),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commerce_suggestions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "commerce_supplier_products",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    supplier_id = table.Column<long>(nullable: false),
                    variant_id = table.Column<long>(nullable: false),
                    sku = table.Column<string>(maxLength: 64, nullable: false),
                    supplier_sku = table.Column<string>(maxLength: 64, nullable: false),
                    unit_price = table.Column<decimal>(precision: 18, scale: 6, nullable: false),
                    price_breaks_json = table.Column<string>(maxLength: 4000, nullable: false),
                    minimum_order = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
                    pack_size = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
                    lead_time_days = table.Column<int>(nullable: true),
                    preferred = table.Column<bool>(nullable: false),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commerce_supplier_products", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "commerce_suppliers",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    key = table.Column<string>(maxLength: 64, nullable: false),
                    name = table.Column<string>(maxLength: 200, nullable: false),
                    contact_name = table.Column<string>(maxLength: 200, nullable: false),
                    email = table.Column<string>(maxLength: 254, nullable: false),
                    phone = table.Column<string>(maxLength: 40, nullable: false),
                    address = table.Column<string>(maxLength: 1000, nullable: false),
                    currency = table.Column<string>(maxLength: 3, nullable: false),
                    lead_time_days = table.Column<int>(nullable: false),
                    created_at = table.Column<DateTime>(nullable: false),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commerce_suppliers", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_commerce_purchase_order_lines_tenant_id_order_id",
                table: "commerce_purchase_order_lines",
                columns: new[] { "tenant_id", "order_id" });

            migrationBuilder.CreateIndex(
                name: "ix_commerce_purchase_order_lines_tenant_id_variant_id",
                table: "commerce_purchase_order_lines",
                columns: new[] { "tenant_id", "variant_id" });

            migrationBuilder.CreateIndex(
                name: "ix_commerce_purchase_orders_tenant_id_number",
                table: "commerce_purchase_orders",
                columns: new[] { "tenant_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_commerce_purchase_orders_tenant_id_state_id",
                table: "commerce_purchase_orders",
                columns: new[] { "tenant_id", "state", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_commerce_purchase_orders_tenant_id_supplier_id_id",
                table: "commerce_purchase_orders",
                columns: new[] { "tenant_id", "supplier_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_commerce_replenishment_rules_tenant_id_variant_id_warehouse_id",
                table: "commerce_replenishment_rules",
                columns: new[] { "tenant_id", "variant_id", "warehouse_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_commerce_replenishment_rules_tenant_id_warehouse_id",
                table: "commerce_replenishment_rules",
                columns: new[] { "tenant_id", "warehouse_id" });

            migrationBuilder.CreateIndex(
                name: "ix_commerce_suggestions_tenant_id_run",
                table: "commerce_suggestions",
                columns: new[] { "tenant_id", "run" });

            migrationBuilder.CreateIndex(
                name: "ix_commerce_suggestions_tenant_id_state_id",
                table: "commerce_suggestions",
                columns: new[] { "tenant_id", "state", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_commerce_suggestions_tenant_id_variant_id_warehouse_id_state",
                table: "commerce_suggestions",
                columns: new[] { "tenant_id", "variant_id", "warehouse_id", "state" });

            migrationBuilder.CreateIndex(
                name: "ix_commerce_supplier_products_tenant_id_supplier_id_variant_id",
                table: "commerce_supplier_products",
                columns: new[] { "tenant_id", "supplier_id", "variant_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_commerce_supplier_products_tenant_id_variant_id",
                table: "commerce_supplier_products",
                columns: new[] { "tenant_id", "variant_id" });

            migrationBuilder.CreateIndex(
                name: "ix_commerce_suppliers_tenant_id_key",
                table: "commerce_suppliers",
                columns: new[] { "tenant_id", "key" },
                unique: true);

            if (ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
            {
                migrationBuilder.Sql(TenantRowSecurity.EnableSql("commerce_suppliers"));
                migrationBuilder.Sql(TenantRowSecurity.EnableSql("commerce_supplier_products"));
                migrationBuilder.Sql(TenantRowSecurity.EnableSql("commerce_replenishment_rules"));
                migrationBuilder.Sql(TenantRowSecurity.EnableSql("commerce_suggestions"));
                migrationBuilder.Sql(TenantRowSecurity.EnableSql("commerce_purchase_orders"));
                migrationBuilder.Sql(TenantRowSecurity.EnableSql("commerce_purchase_order_lines"));
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "commerce_purchase_order_lines");

            migrationBuilder.DropTable(
                name: "commerce_purchase_orders");

            migrationBuilder.DropTable(
                name: "commerce_replenishment_rules");

            migrationBuilder.DropTable(
                name: "commerce_suggestions");

            migrationBuilder.DropTable(
                name: "commerce_supplier_products");

            migrationBuilder.DropTable(
                name: "commerce_suppliers");
        }
    }
}
