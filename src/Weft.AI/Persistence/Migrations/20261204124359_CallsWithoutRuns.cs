using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Weft.AI.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CallsWithoutRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<long>(
                name: "run_id",
                table: "ai_calls",
                nullable: true,
                oldClrType: typeof(long));

            migrationBuilder.AddColumn<DateTime>(
                name: "at",
                table: "ai_calls",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            // The calls made so far all belong to runs, and count on their run's day.
            const string backfill = "UPDATE ai_calls SET at = (SELECT r.started_at FROM ai_runs r WHERE r.id = ai_calls.run_id)";
            if (ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
            {
                // Row-level security shows a connection one tenant's rows: tenant by tenant, under each tenant's setting.
                migrationBuilder.Sql("DO $$ DECLARE t bigint; BEGIN "
                    + "FOR t IN SELECT id FROM identity_tenants ORDER BY id LOOP "
                    + "PERFORM set_config('weft.tenant_id', t::text, true); "
                    + backfill + "; END LOOP; PERFORM set_config('weft.tenant_id', '0', true); END $$;");
            }
            else
            {
                migrationBuilder.Sql(backfill);
            }

            migrationBuilder.AddColumn<string>(
                name: "subject",
                table: "ai_calls",
                maxLength: 80,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_ai_calls_tenant_id_at",
                table: "ai_calls",
                columns: new[] { "tenant_id", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_ai_calls_tenant_id_at",
                table: "ai_calls");

            migrationBuilder.DropColumn(
                name: "at",
                table: "ai_calls");

            migrationBuilder.DropColumn(
                name: "subject",
                table: "ai_calls");

            migrationBuilder.AlterColumn<long>(
                name: "run_id",
                table: "ai_calls",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldNullable: true);
        }
    }
}
