using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Weft.Platform.Tenancy;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Weft.Market.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Auctions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "market_auction_participants",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    auction_id = table.Column<long>(nullable: false),
                    organization_id = table.Column<long>(nullable: false),
                    owner_organization = table.Column<long>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_market_auction_participants", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "market_auctions",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    number = table.Column<string>(maxLength: 32, nullable: false),
                    title = table.Column<string>(maxLength: 200, nullable: false),
                    owner_organization = table.Column<long>(nullable: false),
                    kind = table.Column<string>(maxLength: 16, nullable: false),
                    format = table.Column<string>(maxLength: 32, nullable: false),
                    material = table.Column<string>(maxLength: 100, nullable: false),
                    specification = table.Column<string>(maxLength: 2000, nullable: true),
                    quantity = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
                    unit = table.Column<string>(maxLength: 16, nullable: false),
                    currency = table.Column<string>(maxLength: 3, nullable: false),
                    starting_price = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
                    step_amount = table.Column<decimal>(precision: 18, scale: 4, nullable: true),
                    step_percent = table.Column<decimal>(precision: 9, scale: 4, nullable: true),
                    reserve_price = table.Column<decimal>(precision: 18, scale: 4, nullable: true),
                    extend_within_seconds = table.Column<int>(nullable: false),
                    extend_by_seconds = table.Column<int>(nullable: false),
                    bidder_view = table.Column<string>(maxLength: 16, nullable: false),
                    starts_at = table.Column<DateTime>(nullable: false),
                    ends_at = table.Column<DateTime>(nullable: false),
                    scheduled_ends_at = table.Column<DateTime>(nullable: false),
                    extensions = table.Column<int>(nullable: false),
                    status = table.Column<string>(maxLength: 16, nullable: false),
                    job_id = table.Column<long>(nullable: true),
                    last_sequence = table.Column<long>(nullable: false),
                    bid_count = table.Column<int>(nullable: false),
                    best_price = table.Column<decimal>(precision: 18, scale: 4, nullable: true),
                    best_bid_id = table.Column<long>(nullable: true),
                    outcome = table.Column<string>(maxLength: 32, nullable: true),
                    winner_organization = table.Column<long>(nullable: true),
                    winning_bid_id = table.Column<long>(nullable: true),
                    clearing_price = table.Column<decimal>(precision: 18, scale: 4, nullable: true),
                    closed_at = table.Column<DateTime>(nullable: true),
                    created_by = table.Column<string>(maxLength: 200, nullable: false),
                    created_at = table.Column<DateTime>(nullable: false),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_market_auctions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "market_bids",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    auction_id = table.Column<long>(nullable: false),
                    sequence = table.Column<long>(nullable: false),
                    bidder_organization = table.Column<long>(nullable: false),
                    owner_organization = table.Column<long>(nullable: false),
                    bidder_user_id = table.Column<long>(nullable: false),
                    bidder_name = table.Column<string>(maxLength: 200, nullable: false),
                    price = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
                    revealed = table.Column<bool>(nullable: false),
                    replaced = table.Column<bool>(nullable: false),
                    placed_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_market_bids", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_market_auction_participants_tenant_id_auction_id_organization_id",
                table: "market_auction_participants",
                columns: new[] { "tenant_id", "auction_id", "organization_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_market_auction_participants_tenant_id_organization_id",
                table: "market_auction_participants",
                columns: new[] { "tenant_id", "organization_id" });

            migrationBuilder.CreateIndex(
                name: "ix_market_auctions_tenant_id_number",
                table: "market_auctions",
                columns: new[] { "tenant_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_market_auctions_tenant_id_owner_organization",
                table: "market_auctions",
                columns: new[] { "tenant_id", "owner_organization" });

            migrationBuilder.CreateIndex(
                name: "ix_market_auctions_tenant_id_status_ends_at",
                table: "market_auctions",
                columns: new[] { "tenant_id", "status", "ends_at" });

            migrationBuilder.CreateIndex(
                name: "ix_market_bids_tenant_id_auction_id_bidder_organization",
                table: "market_bids",
                columns: new[] { "tenant_id", "auction_id", "bidder_organization" });

            migrationBuilder.CreateIndex(
                name: "ix_market_bids_tenant_id_auction_id_sequence",
                table: "market_bids",
                columns: new[] { "tenant_id", "auction_id", "sequence" },
                unique: true);

            if (ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
                foreach (var table in new[] { "market_auctions", "market_auction_participants", "market_bids" })
                    migrationBuilder.Sql(TenantRowSecurity.EnableSql(table));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "market_auction_participants");

            migrationBuilder.DropTable(
                name: "market_auctions");

            migrationBuilder.DropTable(
                name: "market_bids");
        }
    }
}
