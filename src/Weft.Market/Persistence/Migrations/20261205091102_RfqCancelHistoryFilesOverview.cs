using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Weft.Market.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RfqCancelHistoryFilesOverview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "cancel_reason",
                table: "market_rfqs",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "cancelled_at",
                table: "market_rfqs",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "cancel_reason",
                table: "market_rfqs");

            migrationBuilder.DropColumn(
                name: "cancelled_at",
                table: "market_rfqs");
        }
    }
}
