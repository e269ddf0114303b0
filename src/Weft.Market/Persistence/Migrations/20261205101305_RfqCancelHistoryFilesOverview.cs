using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using Weft.Platform.Tenancy;

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

            migrationBuilder.CreateTable(
                name: "market_rfq_file_contents",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    file_id = table.Column<long>(nullable: false),
                    rfq_id = table.Column<long>(nullable: false),
                    buyer_organization_id = table.Column<long>(nullable: false),
                    bytes = table.Column<byte[]>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_market_rfq_file_contents", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "market_rfq_files",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    rfq_id = table.Column<long>(nullable: false),
                    buyer_organization_id = table.Column<long>(nullable: false),
                    name = table.Column<string>(maxLength: 255, nullable: false),
                    content_type = table.Column<string>(maxLength: 100, nullable: false),
                    size = table.Column<long>(nullable: false),
                    sha256 = table.Column<string>(maxLength: 64, nullable: false),
                    uploaded_by = table.Column<string>(maxLength: 200, nullable: false),
                    uploaded_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_market_rfq_files", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_market_rfq_file_contents_tenant_id_file_id",
                table: "market_rfq_file_contents",
                columns: new[] { "tenant_id", "file_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_market_rfq_files_tenant_id_rfq_id",
                table: "market_rfq_files",
                columns: new[] { "tenant_id", "rfq_id" });

            if (ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
                foreach (var table in new[] { "market_rfq_files", "market_rfq_file_contents" })
                    migrationBuilder.Sql(TenantRowSecurity.EnableSql(table));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "market_rfq_file_contents");

            migrationBuilder.DropTable(
                name: "market_rfq_files");

            migrationBuilder.DropColumn(
                name: "cancel_reason",
                table: "market_rfqs");

            migrationBuilder.DropColumn(
                name: "cancelled_at",
                table: "market_rfqs");
        }
    }
}
