using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Weft.Flow.Persistence;
using Weft.Platform.Persistence;
using Weft.Testing;

namespace Weft.Flow.Tests.Tenancy;

/// <summary>
/// On PostgreSQL the row-level security policies read <c>weft.tenant_id</c> from the connection. A
/// pooled connection keeps its settings between leases, and the setting is sent again only when a
/// context of another tenant opens it: each lease still sees its own tenant, and a lease that ended
/// inside a transaction leaves nothing behind for the next one.
/// </summary>
public sealed class SettingTheTenantOnConnections
{
    [Fact]
    public async Task Every_lease_of_one_pooled_connection_carries_the_tenant_of_its_context()
    {
        if (TestDatabases.PostgresConnection is null) return; // SQLite has no row-level security: nothing to set. CI has PostgreSQL.
        await using var database = await TestDatabases.CreateAsync("postgres");
        await using var services = await ServicesAsync(database);

        var seen = new List<(long Tenant, string? Setting, int Backend)>();
        foreach (var tenant in new long[] { 1, 1, 2, 2, 0, 1, 2, 1 })
        {
            await using var db = Context(services, tenant);
            await db.Database.OpenConnectionAsync();
            seen.Add((tenant, await SettingAsync(db), await BackendAsync(db)));
        }

        seen.Select(s => s.Backend).Distinct().Count().ShouldBe(1, "the pool has one connection: every lease above reused it");
        seen.ShouldAllBe(s => s.Setting == s.Tenant.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_lease_that_ended_inside_a_transaction_leaves_nothing_to_the_next(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        await using var services = await ServicesAsync(database);

        await using (var db = Context(services, 1))
        {
            await db.Database.BeginTransactionAsync();
            db.Agents.Add(new AgentRecord { Key = "ana", Name = "Ana" });
            await db.SaveChangesAsync();
            // Disposed without a commit.
        }

        await using var next = Context(services, 1);
        (await next.Agents.CountAsync()).ShouldBe(0, "the unfinished transaction was rolled back");
        await using var transaction = await next.Database.BeginTransactionAsync();
        next.Agents.Add(new AgentRecord { Key = "ben", Name = "Ben" });
        await next.SaveChangesAsync();
        await transaction.CommitAsync();
        (await next.Agents.Select(a => a.Key).ToListAsync()).ShouldBe(["ben"]);
        if (database.Provider == "postgres") (await SettingAsync(next)).ShouldBe("1");
    }

    // On PostgreSQL the contexts' pool holds one connection, so every lease reuses it.
    private static Task<ServiceProvider> ServicesAsync(TestDatabase database) =>
        Persistence.FlowStoreServices.StartAsync(database.Provider == "postgres"
            ? new DatabaseOptions(database.Provider, new NpgsqlConnectionStringBuilder(database.ConnectionString) { MaxPoolSize = 1 }.ConnectionString)
            : database.Options);

    private static FlowDbContext Context(ServiceProvider services, long tenant)
    {
        var db = services.GetRequiredService<IDbContextFactory<FlowDbContext>>().CreateDbContext();
        db.TenantId = tenant;
        return db;
    }

    private static Task<string?> SettingAsync(FlowDbContext db) =>
        db.Database.SqlQueryRaw<string?>("SELECT current_setting('weft.tenant_id', true) AS \"Value\"").SingleAsync();

    private static Task<int> BackendAsync(FlowDbContext db) =>
        db.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").SingleAsync();
}
