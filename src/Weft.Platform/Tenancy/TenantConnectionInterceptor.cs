using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Weft.Platform.Tenancy;

/// <summary>Sets <c>weft.tenant_id</c> on every PostgreSQL connection a tenant's context opens.</summary>
internal sealed class TenantConnectionInterceptor : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (TenantRowSecurity.Command(connection, TenantOf(eventData)) is { } command)
        {
            using (command) command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (TenantRowSecurity.Command(connection, TenantOf(eventData)) is { } command)
        {
            await using (command) await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static long TenantOf(ConnectionEndEventData data) => (data.Context as ITenantScopedContext)?.TenantId ?? 0;
}
