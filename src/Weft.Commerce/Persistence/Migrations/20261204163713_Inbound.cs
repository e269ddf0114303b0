using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Weft.Platform.Tenancy;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Weft.Commerce.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Inbound : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "commerce_asn_lines",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    asn_id = table.Column<long>(nullable: false),
                    variant_id = table.Column<long>(nullable: false),
                    sku = table.Column<string>(maxLength: 64, nullable: false),
                    lot = table.Column<string>(maxLength: 64, nullable: false),
                    quantity = table.Column<decimal>(precision: 18, scale: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commerce_asn_lines", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "commerce_asns",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    number = table.Column<string>(maxLength: 32, nullable: false),
                    purchase_order_id = table.Column<long>(nullable: false),
                    supplier_id = table.Column<long>(nullable: false),
                    warehouse_id = table.Column<long>(nullable: false),
                    expected_at = table.Column<DateTime>(nullable: false),
                    state = table.Column<string>(maxLength: 16, nullable: false),
                    job_id = table.Column<long>(nullable: true),
                    created_by = table.Column<string>(maxLength: 256, nullable: false),
                    created_at = table.Column<DateTime>(nullable: false),
                    received_by = table.Column<string>(maxLength: 256, nullable: true),
                    received_at = table.Column<DateTime>(nullable: true),
                    ended_at = table.Column<DateTime>(nullable: true),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commerce_asns", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "commerce_putaway_rules",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    kind = table.Column<string>(maxLength: 16, nullable: false),
                    sku = table.Column<string>(maxLength: 64, nullable: false),
                    category = table.Column<string>(maxLength: 200, nullable: false),
                    location_id = table.Column<long>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commerce_putaway_rules", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "commerce_putaway_tasks",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    asn_id = table.Column<long>(nullable: false),
                    receipt_line_id = table.Column<long>(nullable: false),
                    variant_id = table.Column<long>(nullable: false),
                    sku = table.Column<string>(maxLength: 64, nullable: false),
                    lot = table.Column<string>(maxLength: 64, nullable: false),
                    quantity = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
                    from_location_id = table.Column<long>(nullable: false),
                    to_location_id = table.Column<long>(nullable: false),
                    rule = table.Column<string>(maxLength: 16, nullable: false),
                    state = table.Column<string>(maxLength: 16, nullable: false),
                    done_by = table.Column<string>(maxLength: 256, nullable: true),
                    done_at = table.Column<DateTime>(nullable: true),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commerce_putaway_tasks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "commerce_qc_checks",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    receipt_line_id = table.Column<long>(nullable: false),
                    supplier_id = table.Column<long>(nullable: false),
                    variant_id = table.Column<long>(nullable: false),
                    lot = table.Column<string>(maxLength: 64, nullable: false),
                    passed = table.Column<bool>(nullable: false),
                    results_json = table.Column<string>(maxLength: 8000, nullable: false),
                    inspector = table.Column<string>(maxLength: 256, nullable: false),
                    at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commerce_qc_checks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "commerce_qc_rules",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    product_id = table.Column<long>(nullable: false),
                    rule = table.Column<string>(maxLength: 16, nullable: false),
                    every = table.Column<int>(nullable: false),
                    sample_rate = table.Column<double>(nullable: false),
                    sample_size = table.Column<int>(nullable: false),
                    checks_json = table.Column<string>(maxLength: 8000, nullable: false),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commerce_qc_rules", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "commerce_receipt_lines",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    asn_id = table.Column<long>(nullable: false),
                    variant_id = table.Column<long>(nullable: false),
                    sku = table.Column<string>(maxLength: 64, nullable: false),
                    lot = table.Column<string>(maxLength: 64, nullable: false),
                    expected = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
                    received = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
                    damaged = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
                    discrepancies = table.Column<string>(maxLength: 100, nullable: false),
                    unit_cost = table.Column<decimal>(precision: 18, scale: 6, nullable: false),
                    qc = table.Column<string>(maxLength: 16, nullable: false),
                    qc_sample = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
                    put_away = table.Column<decimal>(precision: 18, scale: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commerce_receipt_lines", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "commerce_supplier_returns",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    number = table.Column<string>(maxLength: 32, nullable: false),
                    supplier_id = table.Column<long>(nullable: false),
                    purchase_order_id = table.Column<long>(nullable: false),
                    asn_id = table.Column<long>(nullable: false),
                    variant_id = table.Column<long>(nullable: false),
                    sku = table.Column<string>(maxLength: 64, nullable: false),
                    lot = table.Column<string>(maxLength: 64, nullable: false),
                    quantity = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
                    reason = table.Column<string>(maxLength: 16, nullable: false),
                    note = table.Column<string>(maxLength: 1000, nullable: false),
                    state = table.Column<string>(maxLength: 16, nullable: false),
                    created_at = table.Column<DateTime>(nullable: false),
                    shipped_at = table.Column<DateTime>(nullable: true),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commerce_supplier_returns", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_commerce_asn_lines_tenant_id_asn_id",
                table: "commerce_asn_lines",
                columns: new[] { "tenant_id", "asn_id" });

            migrationBuilder.CreateIndex(
                name: "ix_commerce_asns_tenant_id_number",
                table: "commerce_asns",
                columns: new[] { "tenant_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_commerce_asns_tenant_id_purchase_order_id",
                table: "commerce_asns",
                columns: new[] { "tenant_id", "purchase_order_id" });

            migrationBuilder.CreateIndex(
                name: "ix_commerce_asns_tenant_id_state_expected_at",
                table: "commerce_asns",
                columns: new[] { "tenant_id", "state", "expected_at" });

            migrationBuilder.CreateIndex(
                name: "ix_commerce_putaway_rules_tenant_id_kind_sku_category",
                table: "commerce_putaway_rules",
                columns: new[] { "tenant_id", "kind", "sku", "category" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_commerce_putaway_tasks_tenant_id_asn_id",
                table: "commerce_putaway_tasks",
                columns: new[] { "tenant_id", "asn_id" });

            migrationBuilder.CreateIndex(
                name: "ix_commerce_qc_checks_tenant_id_receipt_line_id",
                table: "commerce_qc_checks",
                columns: new[] { "tenant_id", "receipt_line_id" });

            migrationBuilder.CreateIndex(
                name: "ix_commerce_qc_checks_tenant_id_supplier_id",
                table: "commerce_qc_checks",
                columns: new[] { "tenant_id", "supplier_id" });

            migrationBuilder.CreateIndex(
                name: "ix_commerce_qc_rules_tenant_id_product_id",
                table: "commerce_qc_rules",
                columns: new[] { "tenant_id", "product_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_commerce_receipt_lines_tenant_id_asn_id",
                table: "commerce_receipt_lines",
                columns: new[] { "tenant_id", "asn_id" });

            migrationBuilder.CreateIndex(
                name: "ix_commerce_receipt_lines_tenant_id_variant_id_id",
                table: "commerce_receipt_lines",
                columns: new[] { "tenant_id", "variant_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_commerce_supplier_returns_tenant_id_asn_id",
                table: "commerce_supplier_returns",
                columns: new[] { "tenant_id", "asn_id" });

            migrationBuilder.CreateIndex(
                name: "ix_commerce_supplier_returns_tenant_id_number",
                table: "commerce_supplier_returns",
                columns: new[] { "tenant_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_commerce_supplier_returns_tenant_id_state_id",
                table: "commerce_supplier_returns",
                columns: new[] { "tenant_id", "state", "id" });

            if (ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
            {
                migrationBuilder.Sql(TenantRowSecurity.EnableSql("commerce_asns"));
                migrationBuilder.Sql(TenantRowSecurity.EnableSql("commerce_asn_lines"));
                migrationBuilder.Sql(TenantRowSecurity.EnableSql("commerce_receipt_lines"));
                migrationBuilder.Sql(TenantRowSecurity.EnableSql("commerce_qc_rules"));
                migrationBuilder.Sql(TenantRowSecurity.EnableSql("commerce_qc_checks"));
                migrationBuilder.Sql(TenantRowSecurity.EnableSql("commerce_supplier_returns"));
                migrationBuilder.Sql(TenantRowSecurity.EnableSql("commerce_putaway_rules"));
                migrationBuilder.Sql(TenantRowSecurity.EnableSql("commerce_putaway_tasks"));
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "commerce_asn_lines");

            migrationBuilder.DropTable(
                name: "commerce_asns");

            migrationBuilder.DropTable(
                name: "commerce_putaway_rules");

            migrationBuilder.DropTable(
                name: "commerce_putaway_tasks");

            migrationBuilder.DropTable(
                name: "commerce_qc_checks");

            migrationBuilder.DropTable(
                name: "commerce_qc_rules");

            migrationBuilder.DropTable(
                name: "commerce_receipt_lines");

            migrationBuilder.DropTable(
                name: "commerce_supplier_returns");
        }
    }
}
