using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Weft.Commerce.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class MovesByReasonAndTime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_commerce_moves_tenant_id_reason_at",
                table: "commerce_moves",
                columns: new[] { "tenant_id", "reason", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_commerce_moves_tenant_id_reason_at",
                table: "commerce_moves");
        }
    }
}
