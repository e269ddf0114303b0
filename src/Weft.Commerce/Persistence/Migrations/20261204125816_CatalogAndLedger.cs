using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Weft.Platform.Tenancy;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Weft.Commerce.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CatalogAndLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "commerce_locations",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    warehouse_id = table.Column<long>(nullable: true),
                    parent_id = table.Column<long>(nullable: true),
                    path = table.Column<string>(maxLength: 300, nullable: false),
                    code = table.Column<string>(maxLength: 32, nullable: false),
                    name = table.Column<string>(maxLength: 200, nullable: false),
                    type = table.Column<string>(maxLength: 16, nullable: false),
                    capacity = table.Column<decimal>(precision: 18, scale: 4, nullable: true),
                    created_at = table.Column<DateTime>(nullable: false),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commerce_locations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "commerce_moves",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    batch = table.Column<long>(nullable: false),
                    variant_id = table.Column<long>(nullable: false),
                    sku = table.Column<string>(maxLength: 64, nullable: false),
                    from_location_id = table.Column<long>(nullable: false),
                    to_location_id = table.Column<long>(nullable: false),
                    quantity = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
                    lot = table.Column<string>(maxLength: 64, nullable: false),
                    reason = table.Column<string>(maxLength: 16, nullable: false),
                    reference = table.Column<string>(maxLength: 100, nullable: false),
                    actor = table.Column<string>(maxLength: 256, nullable: false),
                    at = table.Column<DateTime>(nullable: false),
                    unit_cost = table.Column<decimal>(precision: 18, scale: 6, nullable: false),
                    value = table.Column<decimal>(precision: 18, scale: 6, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commerce_moves", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "commerce_products",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    key = table.Column<string>(maxLength: 64, nullable: false),
                    name = table.Column<string>(maxLength: 200, nullable: false),
                    description = table.Column<string>(maxLength: 4000, nullable: false),
                    category = table.Column<string>(maxLength: 200, nullable: false),
                    unit = table.Column<string>(maxLength: 16, nullable: false),
                    tracking = table.Column<string>(maxLength: 8, nullable: false),
                    shelf_life_days = table.Column<int>(nullable: true),
                    created_at = table.Column<DateTime>(nullable: false),
                    updated_at = table.Column<DateTime>(nullable: false),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commerce_products", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "commerce_stock",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    location_id = table.Column<long>(nullable: false),
                    variant_id = table.Column<long>(nullable: false),
                    lot = table.Column<string>(maxLength: 64, nullable: false),
                    on_hand = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
                    reserved = table.Column<decimal>(precision: 18, scale: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commerce_stock", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "commerce_variants",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    product_id = table.Column<long>(nullable: false),
                    sku = table.Column<string>(maxLength: 64, nullable: false),
                    attributes_json = table.Column<string>(maxLength: 2000, nullable: false),
                    barcode = table.Column<string>(maxLength: 14, nullable: true),
                    weight_grams = table.Column<decimal>(precision: 18, scale: 3, nullable: true),
                    length_mm = table.Column<decimal>(precision: 18, scale: 3, nullable: true),
                    width_mm = table.Column<decimal>(precision: 18, scale: 3, nullable: true),
                    height_mm = table.Column<decimal>(precision: 18, scale: 3, nullable: true),
                    cost = table.Column<decimal>(precision: 18, scale: 6, nullable: false),
                    price = table.Column<decimal>(precision: 18, scale: 6, nullable: false),
                    currency = table.Column<string>(maxLength: 3, nullable: false),
                    on_hand = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
                    average_cost = table.Column<decimal>(precision: 18, scale: 6, nullable: false),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commerce_variants", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "commerce_warehouses",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    key = table.Column<string>(maxLength: 32, nullable: false),
                    name = table.Column<string>(maxLength: 200, nullable: false),
                    address = table.Column<string>(maxLength: 1000, nullable: false),
                    created_at = table.Column<DateTime>(nullable: false),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commerce_warehouses", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_commerce_locations_tenant_id_path",
                table: "commerce_locations",
                columns: new[] { "tenant_id", "path" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_commerce_locations_tenant_id_warehouse_id_parent_id",
                table: "commerce_locations",
                columns: new[] { "tenant_id", "warehouse_id", "parent_id" });

            migrationBuilder.CreateIndex(
                name: "ix_commerce_moves_tenant_id_batch",
                table: "commerce_moves",
                columns: new[] { "tenant_id", "batch" });

            migrationBuilder.CreateIndex(
                name: "ix_commerce_moves_tenant_id_from_location_id_id",
                table: "commerce_moves",
                columns: new[] { "tenant_id", "from_location_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_commerce_moves_tenant_id_to_location_id_id",
                table: "commerce_moves",
                columns: new[] { "tenant_id", "to_location_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_commerce_moves_tenant_id_variant_id_id",
                table: "commerce_moves",
                columns: new[] { "tenant_id", "variant_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_commerce_products_tenant_id_category",
                table: "commerce_products",
                columns: new[] { "tenant_id", "category" });

            migrationBuilder.CreateIndex(
                name: "ix_commerce_products_tenant_id_key",
                table: "commerce_products",
                columns: new[] { "tenant_id", "key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_commerce_stock_tenant_id_location_id",
                table: "commerce_stock",
                columns: new[] { "tenant_id", "location_id" });

            migrationBuilder.CreateIndex(
                name: "ix_commerce_stock_tenant_id_variant_id_location_id_lot",
                table: "commerce_stock",
                columns: new[] { "tenant_id", "variant_id", "location_id", "lot" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_commerce_variants_tenant_id_barcode",
                table: "commerce_variants",
                columns: new[] { "tenant_id", "barcode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_commerce_variants_tenant_id_product_id",
                table: "commerce_variants",
                columns: new[] { "tenant_id", "product_id" });

            migrationBuilder.CreateIndex(
                name: "ix_commerce_variants_tenant_id_sku",
                table: "commerce_variants",
                columns: new[] { "tenant_id", "sku" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_commerce_warehouses_tenant_id_key",
                table: "commerce_warehouses",
                columns: new[] { "tenant_id", "key" },
                unique: true);

            if (ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
            {
                foreach (var table in new[] { "commerce_products", "commerce_variants", "commerce_warehouses", "commerce_locations", "commerce_stock", "commerce_moves" })
                    migrationBuilder.Sql(TenantRowSecurity.EnableSql(table));
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "commerce_locations");

            migrationBuilder.DropTable(
                name: "commerce_moves");

            migrationBuilder.DropTable(
                name: "commerce_products");

            migrationBuilder.DropTable(
                name: "commerce_stock");

            migrationBuilder.DropTable(
                name: "commerce_variants");

            migrationBuilder.DropTable(
                name: "commerce_warehouses");
        }
    }
}
