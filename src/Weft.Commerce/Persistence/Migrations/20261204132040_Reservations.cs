using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Weft.Platform.Tenancy;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Weft.Commerce.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Reservations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "reservation_id",
                table: "commerce_moves",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "commerce_reservations",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    variant_id = table.Column<long>(nullable: false),
                    sku = table.Column<string>(maxLength: 64, nullable: false),
                    location_id = table.Column<long>(nullable: false),
                    lot = table.Column<string>(maxLength: 64, nullable: false),
                    quantity = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
                    reserved = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
                    reference = table.Column<string>(maxLength: 100, nullable: false),
                    state = table.Column<string>(maxLength: 16, nullable: false),
                    actor = table.Column<string>(maxLength: 256, nullable: false),
                    created_at = table.Column<DateTime>(nullable: false),
                    ended_at = table.Column<DateTime>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commerce_reservations", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_commerce_reservations_tenant_id_reference",
                table: "commerce_reservations",
                columns: new[] { "tenant_id", "reference" });

            migrationBuilder.CreateIndex(
                name: "ix_commerce_reservations_tenant_id_variant_id_state",
                table: "commerce_reservations",
                columns: new[] { "tenant_id", "variant_id", "state" });

            if (ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL") migrationBuilder.Sql(TenantRowSecurity.EnableSql("commerce_reservations"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "commerce_reservations");

            migrationBuilder.DropColumn(
                name: "reservation_id",
                table: "commerce_moves");
        }
    }
}
