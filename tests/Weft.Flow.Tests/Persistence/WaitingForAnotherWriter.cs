using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Weft.Flow.Persistence;
using Weft.Platform.Persistence;
using Weft.Testing;

namespace Weft.Flow.Tests.Persistence;

/// <summary>
/// On SQLite a process's writers take turns in memory (<see cref="WriterGate"/>), units of work across modules as much
/// as the engine's commands; and a connection that still meets another writer (another process's) waits in SQLite's
/// own busy handler (<see cref="SqliteBusyWait"/>), which retries within milliseconds, not in Microsoft.Data.Sqlite's
/// steps of 150 ms.
/// </summary>
public sealed class WaitingForAnotherWriter
{
    [Fact]
    public async Task A_unit_of_work_waits_for_its_turn_behind_the_engines_write_then_commits()
    {
        await using var host = await FlowTestHost.StartAsync("sqlite");
        var gate = host.Services.GetRequiredService<WriterGate>();
        var transactions = host.Services.GetRequiredService<Transactions>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var engineWrite = Task.Run(() => gate.RunAsync(async () =>
        {
            started.SetResult();
            await release.Task;
            return 1;
        }));
        await started.Task;

        var ran = false;
        var unit = transactions.RunAsync(1, u =>
        {
            ran = true;
            return Task.FromResult(u.Connection is SqliteConnection);
        });
        await EventuallyAsync(() => gate.Waiting == 1);
        ran.ShouldBeFalse("the unit has not begun while the engine's write holds the turn");

        release.SetResult();
        (await engineWrite).ShouldBe(1);
        (await unit).ShouldBeTrue();
        ran.ShouldBeTrue();
    }

    [Fact]
    public async Task Every_connection_weft_opens_on_SQLite_waits_for_a_busy_database_in_SQLites_own_handler()
    {
        await using var host = await FlowTestHost.StartAsync("sqlite");
        var expected = new SqliteConnectionStringBuilder(host.Database.ConnectionString).DefaultTimeout * 1000L;

        // A context's own connection.
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<FlowDbContext>>().CreateDbContextAsync())
        {
            await db.Database.OpenConnectionAsync();
            (await BusyTimeoutAsync((SqliteConnection)db.Database.GetDbConnection())).ShouldBe(expected);
        }

        // A unit of work's.
        var inUnit = await host.Services.GetRequiredService<Transactions>().RunAsync(1, u => BusyTimeoutAsync((SqliteConnection)u.Connection));
        inUnit.ShouldBe(expected);

        // The engine's kept connections.
        var kept = host.Services.GetRequiredService<SqliteConnections>();
        var connection = kept.Rent();
        try
        {
            (await BusyTimeoutAsync(connection)).ShouldBe(expected);
        }
        finally
        {
            kept.Return(connection);
        }
    }

    [Fact]
    public async Task A_command_that_meets_another_process_writing_waits_for_it_and_commits()
    {
        await using var host = await FlowTestHost.StartAsync("sqlite");
        await host.Engine.Agents.RegisterAgentAsync(new("setup"), new("ann", "Ann", "person", [new("pack")], 5, "available"));

        // Another process's write (a connection of its own, outside this process's turns) holds the database.
        await using var other = new SqliteConnection(host.Database.ConnectionString);
        await other.OpenAsync();
        await using var held = (SqliteTransaction)await other.BeginTransactionAsync();
        await using (var write = other.CreateCommand())
        {
            write.Transaction = held;
            write.CommandText = "UPDATE flow_agents SET name = 'Ann B.' WHERE key = 'ann'";
            (await write.ExecuteNonQueryAsync()).ShouldBe(1);
        }
        // Microsoft.Data.Sqlite waits on the calling thread.
        var update = Task.Run(() => host.Engine.Agents.UpdateAgentAsync(new("setup"), "ann", new(null, null, null, 3, null, null)));
        await Task.Delay(50);
        update.IsCompleted.ShouldBeFalse("the command waits while the other writer holds the database");
        await held.CommitAsync();

        var agent = await update;
        agent.Name.ShouldBe("Ann B.");
        agent.WipLimit.ShouldBe(3);
    }

    private static async Task<long> BusyTimeoutAsync(SqliteConnection connection)
    {
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout";
        return (long)(await pragma.ExecuteScalarAsync())!;
    }

    private static async Task EventuallyAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++) await Task.Delay(10);
        condition().ShouldBeTrue("the condition held within 5 seconds");
    }
}
