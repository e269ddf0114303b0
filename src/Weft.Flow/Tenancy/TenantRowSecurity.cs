using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace Weft.Flow.Tenancy;

/// <summary>A database context that reads and writes the rows of one tenant.</summary>
public interface ITenantScopedContext
{
    /// <summary>The tenant whose rows this context sees; 0 sees none.</summary>
    long TenantId { get; }

    /// <summary>
    /// False only when the application's own tenant filter is switched off (a diagnostic mode for
    /// PostgreSQL, where row-level security still isolates tenants).
    /// </summary>
    bool ApplicationFilter { get; }
}

/// <summary>
/// A row that belongs to one tenant. Its context stamps the tenant on insert, refuses to change
/// another tenant's row (<see cref="TenantRowSecurity.GuardWrites"/>), and filters every query.
/// </summary>
public interface ITenantOwned
{
    long TenantId { get; set; }
}

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
                    entry.Entity.TenantId = tenantId;
                    break;
                case EntityState.Modified or EntityState.Deleted when entry.Entity.TenantId != tenantId:
                    throw new InvalidOperationException("A row of another tenant cannot be changed.");
            }
        }
    }

    /// <summary>Model cache key that tells a model with the application filter from one without.</summary>
    public sealed class CacheKeyFactory : IModelCacheKeyFactory
    {
        public object Create(DbContext context, bool designTime) =>
            (context.GetType(), (context as ITenantScopedContext)?.ApplicationFilter ?? true, designTime);
    }

    private sealed class TenantConnectionInterceptor : DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            if (Command(connection, eventData.Context) is { } command)
            {
                using (command) command.ExecuteNonQuery();
            }
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (Command(connection, eventData.Context) is { } command)
            {
                await using (command) await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        private static NpgsqlCommand? Command(DbConnection connection, DbContext? context)
        {
            if (connection is not NpgsqlConnection pg) return null;
            var tenant = (context as ITenantScopedContext)?.TenantId ?? 0;
            var command = pg.CreateCommand();
            command.CommandText = $"SELECT set_config('{Setting}', @tenant, false)";
            command.Parameters.AddWithValue("tenant", tenant.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return command;
        }
    }
}
