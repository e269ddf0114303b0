using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Weft.Platform.Tenancy;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Weft.Commerce.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Counts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "commerce_count_lines",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    count_id = table.Column<long>(nullable: false),
                    variant_id = table.Column<long>(nullable: false),
                    sku = table.Column<string>(maxLength: 64, nullable: false),
                    lot = table.Column<string>(maxLength: 64, nullable: false),
                    expected = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
                    counted = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
                    variance = table.Column<decimal>(precision: 18, scale: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commerce_count_lines", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "commerce_counts",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    location_id = table.Column<long>(nullable: false),
                    reference = table.Column<string>(maxLength: 100, nullable: false),
                    state = table.Column<string>(maxLength: 16, nullable: false),
                    counted_by = table.Column<string>(maxLength: 256, nullable: false),
                    counted_at = table.Column<DateTime>(nullable: false),
                    decided_by = table.Column<string>(maxLength: 256, nullable: true),
                    decided_at = table.Column<DateTime>(nullable: true),
                    note = table.Column<string>(maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commerce_counts", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_commerce_count_lines_tenant_id_count_id",
                table: "commerce_count_lines",
                columns: new[] { "tenant_id", "count_id" });

            migrationBuilder.CreateIndex(
                name: "ix_commerce_counts_tenant_id_state_id",
                table: "commerce_counts",
                columns: new[] { "tenant_id", "state", "id" });

            if (ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
            {
                migrationBuilder.Sql(TenantRowSecurity.EnableSql("commerce_counts"));
                migrationBuilder.Sql(TenantRowSecurity.EnableSql("commerce_count_lines"));
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "commerce_count_lines");

            migrationBuilder.DropTable(
                name: "commerce_counts");
        }
    }
}
