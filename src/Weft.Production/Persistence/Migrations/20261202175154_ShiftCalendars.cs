using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Weft.Production.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ShiftCalendars : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "production_shift_calendars",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    agent_key = table.Column<string>(maxLength: 64, nullable: false),
                    week_json = table.Column<string>(nullable: false),
                    days_off_json = table.Column<string>(nullable: false),
                    updated_at = table.Column<DateTime>(nullable: false),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_production_shift_calendars", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_production_shift_calendars_tenant_id_agent_key",
                table: "production_shift_calendars",
                columns: new[] { "tenant_id", "agent_key" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "production_shift_calendars");
        }
    }
}
