using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Weft.Platform.Tenancy;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Weft.Support.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class HelpCenterArticles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "support_articles",
                columns: table => new
                {
                    id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(nullable: false),
                    slug = table.Column<string>(maxLength: 100, nullable: false),
                    title = table.Column<string>(maxLength: 200, nullable: false),
                    category = table.Column<string>(maxLength: 80, nullable: false),
                    body = table.Column<string>(nullable: false),
                    status = table.Column<string>(maxLength: 16, nullable: false),
                    updated_by = table.Column<string>(maxLength: 200, nullable: true),
                    created_at = table.Column<DateTime>(nullable: false),
                    updated_at = table.Column<DateTime>(nullable: false),
                    published_at = table.Column<DateTime>(nullable: true),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_support_articles", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_support_articles_tenant_id_slug",
                table: "support_articles",
                columns: new[] { "tenant_id", "slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_support_articles_tenant_id_status_category",
                table: "support_articles",
                columns: new[] { "tenant_id", "status", "category" });

            if (ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
                migrationBuilder.Sql(TenantRowSecurity.EnableSql("support_articles"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "support_articles");
        }
    }
}
