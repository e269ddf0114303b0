using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Weft.Platform.Tenancy;

namespace Weft.Platform.Persistence;

/// <summary>
/// One transaction on one connection that several modules' contexts join, so that a command changing
/// two modules' data commits once or not at all. Open it with <see cref="Transactions.RunAsync{T}"/>,
/// which also retries the whole command on a transient conflict; each module joins its own context with
/// <see cref="JoinAsync{TContext}"/> (or, for the engine, runs its command inside it).
/// </summary>
public sealed class UnitOfWork : IAsyncDisposable
{
    private readonly List<DbContext> joined = [];

    private UnitOfWork(DbConnection connection, DbTransaction transaction, long tenant)
    {
        Connection = connection;
        Transaction = transaction;
        Tenant = tenant;
    }

    public DbConnection Connection { get; }

    public DbTransaction Transaction { get; }

    /// <summary>The tenant whose rows the joined contexts read and write.</summary>
    public long Tenant { get; private set; }

    /// <summary>Extra state a module keeps for the length of the unit (the engine's command session, say).</summary>
    public IDictionary<string, object> Items { get; } = new Dictionary<string, object>(StringComparer.Ordinal);

    internal static async Task<UnitOfWork> BeginAsync(DatabaseOptions database, long tenant, CancellationToken ct)
    {
        DbConnection connection = database.IsPostgres
            ? new NpgsqlConnection(database.ConnectionString)
            : new SqliteConnection(database.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            SqliteBusyWait.Apply(connection);
            await TenantRowSecurity.ApplyAsync(connection, tenant, ct);
            // On SQLite this is BEGIN IMMEDIATE: writers take turns from the start, as every engine command does.
            var transaction = await connection.BeginTransactionAsync(ct);
            return new UnitOfWork(connection, transaction, tenant);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Makes a new context of the unit's tenant use the unit's connection and transaction.</summary>
    public async Task<TContext> JoinAsync<TContext>(TContext context, CancellationToken ct = default) where TContext : ModuleDbContext
    {
        context.TenantId = Tenant;
        context.Database.SetDbConnection(Connection, contextOwnsConnection: false);
        await context.Database.UseTransactionAsync(Transaction, ct);
        joined.Add(context);
        return context;
    }

    /// <summary>
    /// Moves the unit to another tenant, for the one command that makes a tenant and then writes its
    /// first rows (the audit record of its creation). Contexts joined before keep their own tenant.
    /// </summary>
    public async Task SwitchTenantAsync(long tenant, CancellationToken ct = default)
    {
        await TenantRowSecurity.ApplyAsync(Connection, tenant, ct);
        Tenant = tenant;
    }

    internal async Task CommitAsync(CancellationToken ct)
    {
        await Transaction.CommitAsync(ct);
        foreach (var context in joined.OfType<ModuleDbContext>()) context.Committed();
    }

    public async ValueTask DisposeAsync()
    {
        // The transaction and the connection end even when a context's disposal fails: a connection left open in a
        // transaction would hold SQLite's write lock (or a PostgreSQL session) until the process ends.
        try
        {
            foreach (var context in joined) await context.DisposeAsync();
        }
        finally
        {
            try
            {
                await Transaction.DisposeAsync();
            }
            finally
            {
                await Connection.DisposeAsync();
            }
        }
    }
}
