using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Weft.Platform.Tenancy;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Weft.Market.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SupplierDirectory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "market_applications",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    organization_id = table.Column<long>(nullable: false),
                    state = table.Column<string>(maxLength: 16, nullable: false),
                    message = table.Column<string>(maxLength: 2000, nullable: true),
                    job_id = table.Column<long>(nullable: true),
                    submitted_by = table.Column<string>(maxLength: 200, nullable: false),
                    submitted_at = table.Column<DateTime>(nullable: false),
                    decided_by = table.Column<string>(maxLength: 200, nullable: true),
                    decided_at = table.Column<DateTime>(nullable: true),
                    reason = table.Column<string>(maxLength: 1000, nullable: true),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_market_applications", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "market_certifications",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    organization_id = table.Column<long>(nullable: false),
                    kind = table.Column<string>(maxLength: 40, nullable: false),
                    number = table.Column<string>(maxLength: 100, nullable: true),
                    issuer = table.Column<string>(maxLength: 200, nullable: true),
                    issued_on = table.Column<DateTime>(nullable: false),
                    expires_on = table.Column<DateTime>(nullable: false),
                    document_id = table.Column<long>(nullable: true),
                    created_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_market_certifications", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "market_supplier_document_contents",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    document_id = table.Column<long>(nullable: false),
                    organization_id = table.Column<long>(nullable: false),
                    @public = table.Column<bool>(name: "public", nullable: false),
                    bytes = table.Column<byte[]>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_market_supplier_document_contents", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "market_supplier_documents",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    organization_id = table.Column<long>(nullable: false),
                    kind = table.Column<string>(maxLength: 40, nullable: false),
                    name = table.Column<string>(maxLength: 255, nullable: false),
                    content_type = table.Column<string>(maxLength: 100, nullable: false),
                    size = table.Column<long>(nullable: false),
                    sha256 = table.Column<string>(maxLength: 64, nullable: false),
                    @public = table.Column<bool>(name: "public", nullable: false),
                    uploaded_by = table.Column<string>(maxLength: 200, nullable: false),
                    uploaded_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_market_supplier_documents", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "market_supplier_products",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    organization_id = table.Column<long>(nullable: false),
                    material = table.Column<string>(maxLength: 40, nullable: false),
                    grade = table.Column<string>(maxLength: 40, nullable: false),
                    purity = table.Column<decimal>(precision: 7, scale: 3, nullable: false),
                    particle_size_d50_microns = table.Column<decimal>(precision: 9, scale: 2, nullable: true),
                    moisture_percent = table.Column<decimal>(precision: 7, scale: 3, nullable: true),
                    impurities_json = table.Column<string>(maxLength: 2000, nullable: false),
                    annual_capacity_tonnes = table.Column<int>(nullable: true),
                    created_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_market_supplier_products", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "market_supplier_profiles",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    organization_id = table.Column<long>(nullable: false),
                    headline = table.Column<string>(maxLength: 300, nullable: true),
                    ports = table.Column<string>(maxLength: 1000, nullable: false),
                    incoterms = table.Column<string>(maxLength: 200, nullable: false),
                    annual_capacity_tonnes = table.Column<int>(nullable: true),
                    lead_time_days = table.Column<int>(nullable: true),
                    min_order_tonnes = table.Column<int>(nullable: true),
                    rating_average = table.Column<double>(nullable: true),
                    rating_count = table.Column<int>(nullable: false),
                    badge_note = table.Column<string>(maxLength: 500, nullable: true),
                    badge_removed_at = table.Column<DateTime>(nullable: true),
                    watch_job_id = table.Column<long>(nullable: true),
                    watch_until = table.Column<DateTime>(nullable: true),
                    updated_at = table.Column<DateTime>(nullable: false),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_market_supplier_profiles", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_market_applications_tenant_id_organization_id",
                table: "market_applications",
                columns: new[] { "tenant_id", "organization_id" });

            migrationBuilder.CreateIndex(
                name: "ix_market_applications_tenant_id_state_submitted_at",
                table: "market_applications",
                columns: new[] { "tenant_id", "state", "submitted_at" });

            migrationBuilder.CreateIndex(
                name: "ix_market_certifications_tenant_id_expires_on",
                table: "market_certifications",
                columns: new[] { "tenant_id", "expires_on" });

            migrationBuilder.CreateIndex(
                name: "ix_market_certifications_tenant_id_organization_id",
                table: "market_certifications",
                columns: new[] { "tenant_id", "organization_id" });

            migrationBuilder.CreateIndex(
                name: "ix_market_supplier_document_contents_tenant_id_document_id",
                table: "market_supplier_document_contents",
                columns: new[] { "tenant_id", "document_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_market_supplier_documents_tenant_id_organization_id",
                table: "market_supplier_documents",
                columns: new[] { "tenant_id", "organization_id" });

            migrationBuilder.CreateIndex(
                name: "ix_market_supplier_products_tenant_id_material_grade",
                table: "market_supplier_products",
                columns: new[] { "tenant_id", "material", "grade" });

            migrationBuilder.CreateIndex(
                name: "ix_market_supplier_products_tenant_id_organization_id",
                table: "market_supplier_products",
                columns: new[] { "tenant_id", "organization_id" });

            migrationBuilder.CreateIndex(
                name: "ix_market_supplier_profiles_tenant_id_organization_id",
                table: "market_supplier_profiles",
                columns: new[] { "tenant_id", "organization_id" },
                unique: true);

            if (ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
                foreach (var table in new[] { "market_applications", "market_certifications", "market_supplier_document_contents", "market_supplier_documents", "market_supplier_products", "market_supplier_profiles" })
                    migrationBuilder.Sql(TenantRowSecurity.EnableSql(table));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "market_applications");

            migrationBuilder.DropTable(
                name: "market_certifications");

            migrationBuilder.DropTable(
                name: "market_supplier_document_contents");

            migrationBuilder.DropTable(
                name: "market_supplier_documents");

            migrationBuilder.DropTable(
                name: "market_supplier_products");

            migrationBuilder.DropTable(
                name: "market_supplier_profiles");
        }
    }
}
