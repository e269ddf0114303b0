using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Weft.Flow.Definitions;
using Weft.Flow.Persistence;
using Weft.Testing;
using static Weft.Flow.Tests.Scenarios.ScenarioKit;

namespace Weft.Flow.Tests.Persistence;

/// <summary>
/// A work-item command reads its item, job and token and locks them in one statement (RowLocks). On
/// PostgreSQL a second command on the same job waits for the first to end, and then reads the rows as the
/// first one left them, not as they were when it started waiting: the job, the item and the token alike.
/// </summary>
public sealed class LockingRowsWhileReadingThem
{
    private static readonly GraphDefinition OneTask = new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start },
            new() { Key = "cut", Type = NodeType.Task, Capability = "cutting" },
            new() { Key = "end", Type = NodeType.End },
        ],
        Edges = [new() { From = "start", To = "cut" }, new() { From = "cut", To = "end" }],
    };

    [Fact]
    public async Task A_second_reader_waits_for_the_first_and_reads_what_it_committed()
    {
        if (TestDatabases.PostgresConnection is null) return; // SQLite's BEGIN IMMEDIATE lets one writer in at a time: nothing to wait for in a read. CI has PostgreSQL.
        await using var host = await FlowTestHost.StartAsync("postgres");
        await host.PublishAsync("g", OneTask);
        var job = await host.JobAsync("g");
        var itemId = (await host.ItemsAsync(job.Id)).Single().Id;

        await using var first = Context(host);
        await using var firstTx = await first.Database.BeginTransactionAsync();
        var mine = (await FlowQueries.WorkItemWithJobAndTokenLocked(first, itemId))!;

        await using var second = Context(host);
        await second.Database.OpenConnectionAsync();
        var secondBackend = await second.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").SingleAsync();
        await using var secondTx = await second.Database.BeginTransactionAsync();
        var theirs = Task.Run(() => FlowQueries.WorkItemWithJobAndTokenLocked(second, itemId));

        await using (var watcher = Context(host))
        {
            while (!theirs.IsCompleted && !await WaitsForALockAsync(watcher, secondBackend)) await Task.Delay(10);
        }
        theirs.IsCompleted.ShouldBeFalse("the second reader waits while the first holds the rows");

        mine.Item.Note = "cut by the first";
        mine.Job.Priority = 7;
        mine.Token.NodeKey = "end";
        await first.SaveChangesAsync();
        await firstTx.CommitAsync();

        var read = (await theirs)!;
        read.Item.Note.ShouldBe("cut by the first");
        read.Job.Priority.ShouldBe(7);
        read.Token.NodeKey.ShouldBe("end");
    }

    private static FlowDbContext Context(FlowTestHost host)
    {
        var db = host.Services.GetRequiredService<IDbContextFactory<FlowDbContext>>().CreateDbContext();
        db.TenantId = 1;
        return db;
    }

    private static async Task<bool> WaitsForALockAsync(FlowDbContext watcher, int backend) =>
        await watcher.Database.SqlQuery<bool>(
            $"SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = {backend} AND wait_event_type = 'Lock') AS \"Value\"").SingleAsync();
}
