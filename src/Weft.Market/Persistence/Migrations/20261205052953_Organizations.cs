using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Weft.Platform.Tenancy;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Weft.Market.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Organizations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "market_members",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    organization_id = table.Column<long>(nullable: false),
                    user_id = table.Column<long>(nullable: false),
                    email = table.Column<string>(maxLength: 254, nullable: false),
                    name = table.Column<string>(maxLength: 200, nullable: false),
                    role = table.Column<string>(maxLength: 32, nullable: false),
                    created_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_market_members", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "market_organizations",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    key = table.Column<string>(maxLength: 64, nullable: false),
                    name = table.Column<string>(maxLength: 200, nullable: false),
                    kind = table.Column<string>(maxLength: 16, nullable: false),
                    country = table.Column<string>(maxLength: 2, nullable: false),
                    description = table.Column<string>(maxLength: 4000, nullable: true),
                    website = table.Column<string>(maxLength: 400, nullable: true),
                    verified = table.Column<bool>(nullable: false),
                    created_at = table.Column<DateTime>(nullable: false),
                    updated_at = table.Column<DateTime>(nullable: false),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_market_organizations", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_market_members_tenant_id_organization_id",
                table: "market_members",
                columns: new[] { "tenant_id", "organization_id" });

            migrationBuilder.CreateIndex(
                name: "ix_market_members_tenant_id_user_id",
                table: "market_members",
                columns: new[] { "tenant_id", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_market_organizations_tenant_id_key",
                table: "market_organizations",
                columns: new[] { "tenant_id", "key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_market_organizations_tenant_id_kind_name",
                table: "market_organizations",
                columns: new[] { "tenant_id", "kind", "name" });

            if (ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
                foreach (var table in new[] { "market_organizations", "market_members" })
                    migrationBuilder.Sql(TenantRowSecurity.EnableSql(table));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "market_members");

            migrationBuilder.DropTable(
                name: "market_organizations");
        }
    }
}
