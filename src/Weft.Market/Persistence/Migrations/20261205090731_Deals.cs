using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using Weft.Platform.Tenancy;

#nullable disable

namespace Weft.Market.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Deals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Ratings move from the supplier's profile to its organization (buyers are rated too): copied before the old columns go.
            migrationBuilder.AddColumn<double>(
                name: "rating_average",
                table: "market_organizations",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "rating_count",
                table: "market_organizations",
                nullable: false,
                defaultValue: 0);

            var postgres = ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL";
            // Row-level security is forced on both tables even for their owner; this one copy across every tenant lifts it for a moment.
            if (postgres)
                migrationBuilder.Sql("ALTER TABLE market_organizations NO FORCE ROW LEVEL SECURITY; ALTER TABLE market_supplier_profiles NO FORCE ROW LEVEL SECURITY;");
            migrationBuilder.Sql("""
                UPDATE market_organizations SET
                    rating_average = (SELECT p.rating_average FROM market_supplier_profiles p WHERE p.tenant_id = market_organizations.tenant_id AND p.organization_id = market_organizations.id),
                    rating_count = COALESCE((SELECT p.rating_count FROM market_supplier_profiles p WHERE p.tenant_id = market_organizations.tenant_id AND p.organization_id = market_organizations.id), 0)
                WHERE EXISTS (SELECT 1 FROM market_supplier_profiles p WHERE p.tenant_id = market_organizations.tenant_id AND p.organization_id = market_organizations.id);
                """);
            if (postgres)
                migrationBuilder.Sql("ALTER TABLE market_organizations FORCE ROW LEVEL SECURITY; ALTER TABLE market_supplier_profiles FORCE ROW LEVEL SECURITY;");

            // SQLite drops these plain columns itself (3.35 and later) inside the migration's transaction; EF Core's table rebuild
            // would turn foreign keys off, which cannot happen in a transaction, leaving a half-applied migration after a crash.
            if (postgres)
            {
                migrationBuilder.DropColumn(name: "rating_average", table: "market_supplier_profiles");
                migrationBuilder.DropColumn(name: "rating_count", table: "market_supplier_profiles");
                migrationBuilder.DropColumn(name: "best_bid_id", table: "market_auctions");
            }
            else
                migrationBuilder.Sql("""
                    ALTER TABLE market_supplier_profiles DROP COLUMN rating_average;
                    ALTER TABLE market_supplier_profiles DROP COLUMN rating_count;
                    ALTER TABLE market_auctions DROP COLUMN best_bid_id;
                    """);

            migrationBuilder.AddColumn<long>(
                name: "deal_id",
                table: "market_notices",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "market_deals",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    number = table.Column<string>(maxLength: 32, nullable: false),
                    buyer_organization_id = table.Column<long>(nullable: false),
                    supplier_organization_id = table.Column<long>(nullable: false),
                    source = table.Column<string>(maxLength: 16, nullable: false),
                    source_id = table.Column<long>(nullable: false),
                    source_number = table.Column<string>(maxLength: 32, nullable: false),
                    title = table.Column<string>(maxLength: 200, nullable: false),
                    value = table.Column<decimal>(precision: 20, scale: 4, nullable: false),
                    currency = table.Column<string>(maxLength: 3, nullable: false),
                    state = table.Column<string>(maxLength: 16, nullable: false),
                    awarded_at = table.Column<DateTime>(nullable: false),
                    delivered_at = table.Column<DateTime>(nullable: true),
                    delivered_by = table.Column<string>(maxLength: 200, nullable: true),
                    updated_at = table.Column<DateTime>(nullable: false),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_market_deals", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "market_reviews",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    deal_id = table.Column<long>(nullable: false),
                    reviewer_organization_id = table.Column<long>(nullable: false),
                    subject_organization_id = table.Column<long>(nullable: false),
                    quality = table.Column<int>(nullable: false),
                    on_time = table.Column<int>(nullable: false),
                    communication = table.Column<int>(nullable: false),
                    comment = table.Column<string>(maxLength: 2000, nullable: false),
                    reviewer_user_id = table.Column<long>(nullable: false),
                    reviewer_name = table.Column<string>(maxLength: 200, nullable: false),
                    created_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_market_reviews", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_market_deals_tenant_id_buyer_organization_id_id",
                table: "market_deals",
                columns: new[] { "tenant_id", "buyer_organization_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_market_deals_tenant_id_number",
                table: "market_deals",
                columns: new[] { "tenant_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_market_deals_tenant_id_source_source_id_supplier_organization_id",
                table: "market_deals",
                columns: new[] { "tenant_id", "source", "source_id", "supplier_organization_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_market_deals_tenant_id_supplier_organization_id_id",
                table: "market_deals",
                columns: new[] { "tenant_id", "supplier_organization_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_market_reviews_tenant_id_deal_id_reviewer_organization_id",
                table: "market_reviews",
                columns: new[] { "tenant_id", "deal_id", "reviewer_organization_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_market_reviews_tenant_id_subject_organization_id_id",
                table: "market_reviews",
                columns: new[] { "tenant_id", "subject_organization_id", "id" });

            if (postgres)
                foreach (var table in new[] { "market_deals", "market_reviews" })
                    migrationBuilder.Sql(TenantRowSecurity.EnableSql(table));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "deal_id",
                table: "market_notices");

            migrationBuilder.DropTable(
                name: "market_deals");

            migrationBuilder.DropTable(
                name: "market_reviews");

            migrationBuilder.DropColumn(
                name: "rating_average",
                table: "market_organizations");

            migrationBuilder.DropColumn(
                name: "rating_count",
                table: "market_organizations");

            migrationBuilder.AddColumn<double>(
                name: "rating_average",
                table: "market_supplier_profiles",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "rating_count",
                table: "market_supplier_profiles",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "best_bid_id",
                table: "market_auctions",
                nullable: true);
        }
    }
}
