using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Weft.Platform.Tenancy;

/// <summary>
/// Sets <c>weft.tenant_id</c> on every PostgreSQL connection a tenant's context opens, unless that
/// physical connection already carries the tenant: the contexts' data source does not reset a
/// connection's settings when it goes back to its pool (<see cref="Persistence.DatabaseSetup"/>), and this
/// remembers, per server process, the tenant it last set. A physical connection starts unknown (the data
/// source's initializer says so before its first use, also when the server reuses a process id), and a
/// setting that failed leaves it unknown. Connections from elsewhere (a unit of work's own) are set each time.
/// </summary>
internal sealed class TenantConnectionInterceptor : DbConnectionInterceptor
{
    private const long Unknown = -1;

    // (server, process id) → the tenant set on that physical connection, for the contexts' own data sources only.
    private static readonly ConcurrentDictionary<(string? Host, int Port, int Process), long> setOn = new();

    /// <summary>The data source's physical connection initializer: a new server process carries no tenant yet.</summary>
    public static void Fresh(NpgsqlConnection physical) => setOn[Key(physical)] = Unknown;

    private static (string? Host, int Port, int Process) Key(NpgsqlConnection c) => (c.Host, c.Port, c.ProcessID);

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        var tenant = TenantOf(eventData);
        if (AlreadySet(connection, tenant, out var key)) return;
        if (TenantRowSecurity.Command(connection, tenant) is { } command)
        {
            using (command) command.ExecuteNonQuery();
            Remember(key, tenant);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        var tenant = TenantOf(eventData);
        if (AlreadySet(connection, tenant, out var key)) return;
        if (TenantRowSecurity.Command(connection, tenant) is { } command)
        {
            await using (command) await command.ExecuteNonQueryAsync(cancellationToken);
            Remember(key, tenant);
        }
    }

    // True when this physical connection carries the tenant already; else marks it unknown until the setting succeeds.
    private static bool AlreadySet(DbConnection connection, long tenant, out (string?, int, int)? key)
    {
        key = null;
        if (connection is not NpgsqlConnection pg) return false;
        var k = Key(pg);
        if (!setOn.TryGetValue(k, out var current)) return false;
        if (current == tenant) return true;
        setOn[k] = Unknown;
        key = k;
        return false;
    }

    private static void Remember((string?, int, int)? key, long tenant)
    {
        if (key is { } k) setOn[k] = tenant;
    }

    private static long TenantOf(ConnectionEndEventData data) => (data.Context as ITenantScopedContext)?.TenantId ?? 0;
}
