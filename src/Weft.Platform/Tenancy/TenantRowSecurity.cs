using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Weft.Platform.Tenancy;

/// <summary>
/// The second wall between tenants, on PostgreSQL: every tenant table has a row-level security
/// policy keyed on the per-connection setting <c>weft.tenant_id</c>, which
/// <see cref="Interceptor"/> sets from the context each time a connection opens. A query that
/// forgot its filter still sees only the caller's rows, and an insert for another tenant fails.
/// </summary>
public static class TenantRowSecurity
{
    public const string Setting = "weft.tenant_id";

    public static IInterceptor Interceptor { get; } = new TenantConnectionInterceptor();

    /// <summary>The statements that put a table under the policy (PostgreSQL only).</summary>
    public static string EnableSql(string table) => $"""
        ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
        ALTER TABLE {table} FORCE ROW LEVEL SECURITY;
        CREATE POLICY tenant_isolation ON {table}
            USING (tenant_id = NULLIF(current_setting('{Setting}', true), '')::bigint)
            WITH CHECK (tenant_id = NULLIF(current_setting('{Setting}', true), '')::bigint);
        """;

    /// <summary>Stamps new rows with the context's tenant and refuses to touch another tenant's rows.</summary>
    public static void GuardWrites(DbContext context, long tenantId)
    {
        foreach (var entry in context.ChangeTracker.Entries<ITenantOwned>())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    if (tenantId <= 0) throw new InvalidOperationException("No tenant: rows cannot be written outside a tenant.");
                    // Through the entry, so the tracker sees it without detecting changes again.
                    entry.Property(nameof(ITenantOwned.TenantId)).CurrentValue = tenantId;
                    break;
                case EntityState.Modified or EntityState.Deleted when entry.Entity.TenantId != tenantId:
                    throw new InvalidOperationException("A row of another tenant cannot be changed.");
            }
        }
    }

    /// <summary>Sets the tenant of a PostgreSQL connection (nothing on SQLite); for connections no context opened.</summary>
    public static async Task ApplyAsync(DbConnection connection, long tenant, CancellationToken ct = default)
    {
        if (Command(connection, tenant) is { } command)
        {
            await using (command) await command.ExecuteNonQueryAsync(ct);
        }
    }

    internal static NpgsqlCommand? Command(DbConnection connection, long tenant)
    {
        if (connection is not NpgsqlConnection pg) return null;
        var command = pg.CreateCommand();
        command.CommandText = $"SELECT set_config('{Setting}', @tenant, false)";
        command.Parameters.AddWithValue("tenant", tenant.ToString(CultureInfo.InvariantCulture));
        return command;
    }
}
