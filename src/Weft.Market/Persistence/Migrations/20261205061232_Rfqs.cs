using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Weft.Platform.Tenancy;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Weft.Market.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Rfqs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "market_currency_rates",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    currency = table.Column<string>(maxLength: 3, nullable: false),
                    rate = table.Column<decimal>(precision: 18, scale: 8, nullable: false),
                    updated_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_market_currency_rates", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "market_freight_rates",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    origin = table.Column<string>(maxLength: 64, nullable: false),
                    destination = table.Column<string>(maxLength: 64, nullable: false),
                    incoterm = table.Column<string>(maxLength: 3, nullable: false),
                    per_tonne = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
                    updated_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_market_freight_rates", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "market_notices",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    organization_id = table.Column<long>(nullable: false),
                    kind = table.Column<string>(maxLength: 32, nullable: false),
                    rfq_id = table.Column<long>(nullable: true),
                    text = table.Column<string>(maxLength: 1000, nullable: false),
                    created_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_market_notices", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "market_quote_lines",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    quote_id = table.Column<long>(nullable: false),
                    rfq_id = table.Column<long>(nullable: false),
                    rfq_line_id = table.Column<long>(nullable: false),
                    buyer_organization_id = table.Column<long>(nullable: false),
                    supplier_organization_id = table.Column<long>(nullable: false),
                    price = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
                    quantity = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
                    deviations = table.Column<string>(maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_market_quote_lines", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "market_quotes",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    rfq_id = table.Column<long>(nullable: false),
                    buyer_organization_id = table.Column<long>(nullable: false),
                    supplier_organization_id = table.Column<long>(nullable: false),
                    currency = table.Column<string>(maxLength: 3, nullable: false),
                    incoterm = table.Column<string>(maxLength: 3, nullable: false),
                    origin = table.Column<string>(maxLength: 64, nullable: false),
                    valid_until = table.Column<DateTime>(nullable: false),
                    lead_time_days = table.Column<int>(nullable: false),
                    notes = table.Column<string>(maxLength: 4000, nullable: true),
                    state = table.Column<string>(maxLength: 16, nullable: false),
                    submitted_by = table.Column<long>(nullable: false),
                    submitted_at = table.Column<DateTime>(nullable: false),
                    updated_at = table.Column<DateTime>(nullable: false),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_market_quotes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "market_rfq_awards",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    rfq_id = table.Column<long>(nullable: false),
                    rfq_line_id = table.Column<long>(nullable: false),
                    quote_id = table.Column<long>(nullable: false),
                    buyer_organization_id = table.Column<long>(nullable: false),
                    supplier_organization_id = table.Column<long>(nullable: false),
                    quantity = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
                    price = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
                    currency = table.Column<string>(maxLength: 3, nullable: false),
                    landed_price = table.Column<decimal>(precision: 18, scale: 4, nullable: true),
                    awarded_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_market_rfq_awards", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "market_rfq_invitations",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    rfq_id = table.Column<long>(nullable: false),
                    buyer_organization_id = table.Column<long>(nullable: false),
                    supplier_organization_id = table.Column<long>(nullable: false),
                    invited_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_market_rfq_invitations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "market_rfq_lines",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    rfq_id = table.Column<long>(nullable: false),
                    buyer_organization_id = table.Column<long>(nullable: false),
                    number = table.Column<int>(nullable: false),
                    material = table.Column<string>(maxLength: 64, nullable: false),
                    grade = table.Column<string>(maxLength: 100, nullable: false),
                    specification = table.Column<string>(maxLength: 4000, nullable: false),
                    quantity = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
                    unit = table.Column<string>(maxLength: 8, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_market_rfq_lines", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "market_rfq_questions",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    rfq_id = table.Column<long>(nullable: false),
                    buyer_organization_id = table.Column<long>(nullable: false),
                    asked_by_organization_id = table.Column<long>(nullable: false),
                    text = table.Column<string>(maxLength: 2000, nullable: false),
                    answer = table.Column<string>(maxLength: 4000, nullable: true),
                    asked_at = table.Column<DateTime>(nullable: false),
                    answered_at = table.Column<DateTime>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_market_rfq_questions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "market_rfqs",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    number = table.Column<string>(maxLength: 32, nullable: false),
                    buyer_organization_id = table.Column<long>(nullable: false),
                    title = table.Column<string>(maxLength: 200, nullable: false),
                    delivery_from = table.Column<DateTime>(nullable: false),
                    delivery_to = table.Column<DateTime>(nullable: false),
                    destination = table.Column<string>(maxLength: 64, nullable: false),
                    incoterm = table.Column<string>(maxLength: 3, nullable: false),
                    payment_terms = table.Column<string>(maxLength: 400, nullable: false),
                    attachments = table.Column<string>(maxLength: 8000, nullable: false),
                    open_to_verified = table.Column<bool>(nullable: false),
                    state = table.Column<string>(maxLength: 16, nullable: false),
                    closes_at = table.Column<DateTime>(nullable: false),
                    closed_at = table.Column<DateTime>(nullable: true),
                    awarded_at = table.Column<DateTime>(nullable: true),
                    job_id = table.Column<long>(nullable: true),
                    created_by = table.Column<long>(nullable: false),
                    created_at = table.Column<DateTime>(nullable: false),
                    updated_at = table.Column<DateTime>(nullable: false),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_market_rfqs", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_market_currency_rates_tenant_id_currency",
                table: "market_currency_rates",
                columns: new[] { "tenant_id", "currency" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_market_freight_rates_tenant_id_origin_destination_incoterm",
                table: "market_freight_rates",
                columns: new[] { "tenant_id", "origin", "destination", "incoterm" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_market_notices_tenant_id_organization_id_id",
                table: "market_notices",
                columns: new[] { "tenant_id", "organization_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_market_notices_tenant_id_rfq_id_kind_organization_id",
                table: "market_notices",
                columns: new[] { "tenant_id", "rfq_id", "kind", "organization_id" });

            migrationBuilder.CreateIndex(
                name: "ix_market_quote_lines_tenant_id_quote_id_rfq_line_id",
                table: "market_quote_lines",
                columns: new[] { "tenant_id", "quote_id", "rfq_line_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_market_quote_lines_tenant_id_rfq_id",
                table: "market_quote_lines",
                columns: new[] { "tenant_id", "rfq_id" });

            migrationBuilder.CreateIndex(
                name: "ix_market_quotes_tenant_id_rfq_id_supplier_organization_id",
                table: "market_quotes",
                columns: new[] { "tenant_id", "rfq_id", "supplier_organization_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_market_quotes_tenant_id_supplier_organization_id_id",
                table: "market_quotes",
                columns: new[] { "tenant_id", "supplier_organization_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_market_rfq_awards_tenant_id_rfq_id",
                table: "market_rfq_awards",
                columns: new[] { "tenant_id", "rfq_id" });

            migrationBuilder.CreateIndex(
                name: "ix_market_rfq_awards_tenant_id_supplier_organization_id",
                table: "market_rfq_awards",
                columns: new[] { "tenant_id", "supplier_organization_id" });

            migrationBuilder.CreateIndex(
                name: "ix_market_rfq_invitations_tenant_id_rfq_id_supplier_organization_id",
                table: "market_rfq_invitations",
                columns: new[] { "tenant_id", "rfq_id", "supplier_organization_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_market_rfq_invitations_tenant_id_supplier_organization_id",
                table: "market_rfq_invitations",
                columns: new[] { "tenant_id", "supplier_organization_id" });

            migrationBuilder.CreateIndex(
                name: "ix_market_rfq_lines_tenant_id_rfq_id_number",
                table: "market_rfq_lines",
                columns: new[] { "tenant_id", "rfq_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_market_rfq_questions_tenant_id_rfq_id_id",
                table: "market_rfq_questions",
                columns: new[] { "tenant_id", "rfq_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_market_rfqs_tenant_id_buyer_organization_id_id",
                table: "market_rfqs",
                columns: new[] { "tenant_id", "buyer_organization_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_market_rfqs_tenant_id_number",
                table: "market_rfqs",
                columns: new[] { "tenant_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_market_rfqs_tenant_id_state_id",
                table: "market_rfqs",
                columns: new[] { "tenant_id", "state", "id" });

            if (ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
                foreach (var table in new[] { "market_rfqs", "market_rfq_lines", "market_rfq_invitations", "market_rfq_questions", "market_quotes",
                    "market_quote_lines", "market_rfq_awards", "market_notices", "market_freight_rates", "market_currency_rates" })
                    migrationBuilder.Sql(TenantRowSecurity.EnableSql(table));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "market_currency_rates");

            migrationBuilder.DropTable(
                name: "market_freight_rates");

            migrationBuilder.DropTable(
                name: "market_notices");

            migrationBuilder.DropTable(
                name: "market_quote_lines");

            migrationBuilder.DropTable(
                name: "market_quotes");

            migrationBuilder.DropTable(
                name: "market_rfq_awards");

            migrationBuilder.DropTable(
                name: "market_rfq_invitations");

            migrationBuilder.DropTable(
                name: "market_rfq_lines");

            migrationBuilder.DropTable(
                name: "market_rfq_questions");

            migrationBuilder.DropTable(
                name: "market_rfqs");
        }
    }
}
