using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SQLitePCL;
using Weft.Flow.Persistence;
using Weft.Platform.Persistence;
using Weft.Testing;

namespace Weft.Flow.Tests.Persistence;

/// <summary>
/// On SQLite the engine runs on kept connections whose statements stay compiled (ADR 0011): a
/// statement is compiled once and run again with new parameters, answers as if it were new, and a
/// statement that failed, or a connection given back mid-transaction, is not used again.
/// </summary>
public sealed class KeepingStatementsPrepared
{
    private const int StatementRuns = 6; // SQLITE_STMTSTATUS_RUN

    [Fact]
    public async Task A_statement_run_again_on_a_kept_connection_is_compiled_once_and_answers_with_its_new_parameters()
    {
        await using var database = await TestDatabases.CreateAsync("sqlite");
        await using var services = await ServicesAsync(database);
        using var connections = new SqliteConnections(database.Options);
        // One connection, used in turn by every context below; SQLitePCL lists its statements only when asked before any is made.
        var connection = connections.Rent();
        connection.Handle!.enable_sqlite3_next_stmt(true);
        connections.Return(connection);
        await AddAgentsAsync(services, connections, ("ana", "Ana"), ("ben", "Ben"));

        foreach (var (key, name) in new[] { ("ana", "Ana"), ("ben", "Ben"), ("ana", "Ana"), ("nobody", null) })
        {
            await using var db = Context(services, connections);
            (await db.Agents.Where(a => a.Key == key).Select(a => a.Name).FirstOrDefaultAsync()).ShouldBe(name);
        }

        connections.Rent().ShouldBeSameAs(connection);
        try
        {
            var runs = Statements(connection).Where(s => s.Sql.Contains("FROM \"flow_agents\"", StringComparison.Ordinal)).ToList();
            runs.Count.ShouldBe(1, "one compiled statement for the four reads");
            runs[0].Runs.ShouldBe(4);
        }
        finally
        {
            connections.Return(connection);
        }
    }

    [Fact]
    public async Task A_statement_that_failed_is_compiled_again_and_the_next_run_succeeds()
    {
        await using var database = await TestDatabases.CreateAsync("sqlite");
        await using var services = await ServicesAsync(database);
        using var connections = new SqliteConnections(database.Options);
        await AddAgentsAsync(services, connections, ("ana", "Ana"));

        // The same INSERT statement: refused by the unique key, then run with a free key.
        await Should.ThrowAsync<DbUpdateException>(() => AddAgentsAsync(services, connections, ("ana", "Ana again")));
        await AddAgentsAsync(services, connections, ("ben", "Ben"));

        await using var db = Context(services, connections);
        (await db.Agents.OrderBy(a => a.Key).Select(a => a.Key + ":" + a.Name).ToListAsync()).ShouldBe(["ana:Ana", "ben:Ben"]);
    }

    [Fact]
    public async Task A_kept_connection_knows_the_functions_EF_Core_translates_to()
    {
        await using var database = await TestDatabases.CreateAsync("sqlite");
        await using var services = await ServicesAsync(database);
        using var connections = new SqliteConnections(database.Options);
        await AddAgentsAsync(services, connections, ("ana", "Ana"), ("ben", "Ben"));

        await using var db = Context(services, connections);
        // Regex.IsMatch is SQLite's regexp(), a function EF Core adds to the connections it is given.
        (await db.Agents.Where(a => Regex.IsMatch(a.Name, "^B")).Select(a => a.Key).ToListAsync()).ShouldBe(["ben"]);
    }

    [Fact]
    public async Task A_limit_written_into_the_statement_still_limits()
    {
        await using var database = await TestDatabases.CreateAsync("sqlite");
        await using var services = await ServicesAsync(database);
        using var connections = new SqliteConnections(database.Options);
        await AddAgentsAsync(services, connections, ("ana", "Ana"), ("ben", "Ben"), ("cy", "Cy"));

        await using var db = Context(services, connections);
        var query = db.Agents.OrderBy(a => a.Key).Select(a => a.Key).TakeWritten(2);
        // SQLite ran the engine's search for waiting work 15 times slower with its limit bound as a parameter.
        query.ToQueryString().ShouldContain("LIMIT 2");
        (await query.ToListAsync()).ShouldBe(["ana", "ben"]);
    }

    [Fact]
    public async Task A_connection_given_back_inside_a_transaction_is_closed_not_kept()
    {
        await using var database = await TestDatabases.CreateAsync("sqlite");
        using var connections = new SqliteConnections(database.Options);
        var connection = connections.Rent();
        var transaction = connection.BeginTransaction();

        connections.Return(connection);

        connection.State.ShouldBe(System.Data.ConnectionState.Closed);
        transaction.Dispose();
        var next = connections.Rent();
        next.ShouldNotBeSameAs(connection);
        connections.Return(next);
    }

    private static async Task AddAgentsAsync(ServiceProvider services, SqliteConnections connections, params (string Key, string Name)[] agents)
    {
        await using var db = Context(services, connections);
        await using var transaction = await db.Database.BeginTransactionAsync();
        foreach (var (key, name) in agents)
        {
            db.Agents.Add(new AgentRecord { Key = key, Name = name });
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
        }
        await transaction.CommitAsync();
    }

    private static FlowDbContext Context(ServiceProvider services, SqliteConnections connections)
    {
        var db = services.GetRequiredService<IDbContextFactory<FlowDbContext>>().CreateDbContext();
        db.UseConnectionFrom(connections);
        db.TenantId = 1;
        return db;
    }

    /// <summary>The statements SQLite holds compiled on the connection, with how often each has run.</summary>
    private static List<(string Sql, int Runs)> Statements(SqliteConnection connection)
    {
        var found = new List<(string, int)>();
        for (var stmt = raw.sqlite3_next_stmt(connection.Handle, null); stmt is not null && !stmt.IsInvalid; stmt = raw.sqlite3_next_stmt(connection.Handle, stmt))
            found.Add((raw.sqlite3_sql(stmt).utf8_to_string(), raw.sqlite3_stmt_status(stmt, StatementRuns, 0)));
        return found;
    }

    private static Task<ServiceProvider> ServicesAsync(TestDatabase database) => FlowStoreServices.StartAsync(database.Options);
}
