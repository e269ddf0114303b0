using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Flow.Persistence;
using Weft.Flow.Tests.Scenarios;
using Weft.Testing;
using static Weft.Flow.Tests.Scenarios.ScenarioKit;

namespace Weft.Flow.Tests.Persistence;

/// <summary>
/// On PostgreSQL a command's writes carry its COMMIT (<see cref="Weft.Platform.Persistence.ModuleDbContext.SaveAndCommitAsync"/>):
/// one round trip to the server where there were two. Only the last batch of a save carries it, a save that fails commits
/// nothing, and on SQLite the transaction commits as before.
/// </summary>
public sealed class CommittingWithTheLastWrite
{
    private static GraphDefinition OneTask() => new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start },
            new() { Key = "cut", Type = NodeType.Task, Capability = "craft" },
            new() { Key = "end", Type = NodeType.End },
        ],
        Edges = [new() { From = "start", To = "cut" }, new() { From = "cut", To = "end" }],
    };

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_work_item_command_commits_with_its_writes_on_PostgreSQL_and_answers_the_saved_version(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.AgentAsync("ana", "craft");
        await host.PublishAsync("bag", OneTask());
        var job = await host.JobAsync("bag");
        var item = (await host.ItemsAsync(job.Id)).ShouldHaveSingleItem();

        WorkItemDto claimed = null!;
        var statements = await SqlStatementCount.OfAsync(async () => claimed = await host.Engine.Work.ClaimAsync(new CommandContext("ana"), item.Id));

        var last = statements[^1];
        if (provider == "postgres")
        {
            last.Source.ShouldBe(Microsoft.EntityFrameworkCore.Diagnostics.CommandSource.SaveChanges);
            last.Text.TrimEnd().ShouldEndWith("COMMIT;");
            statements.Count(s => s.Text.Contains("COMMIT", StringComparison.Ordinal)).ShouldBe(1);
        }
        else
        {
            statements.ShouldNotContain(s => s.Text.Contains("COMMIT", StringComparison.Ordinal));
        }
        // The answer shows the version the row was saved with, and the change is there for anyone who reads it now.
        var read = (await host.ItemsAsync(job.Id)).ShouldHaveSingleItem();
        read.State.ShouldBe(WorkItemStates.Assigned);
        claimed.Version.ShouldBe(read.Version);
        claimed.Version.ShouldBe(item.Version + 1);

        // The next commands on the same pooled contexts begin transactions of their own as usual.
        var done = await host.DoAsync("ana", (await host.ItemsAsync((await host.JobAsync("bag")).Id)).Single().Id);
        done.State.ShouldBe(WorkItemStates.Completed);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_save_of_many_batches_carries_the_commit_in_its_last_batch_only(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var contexts = host.Services.GetRequiredService<IDbContextFactory<FlowDbContext>>();
        const int Rows = 2_500; // more than one batch of Npgsql's 1,000 statements

        var statements = await SqlStatementCount.OfAsync(async () =>
        {
            await using var db = await contexts.CreateDbContextAsync();
            db.TenantId = 1;
            await using var transaction = await db.Database.BeginTransactionAsync();
            for (var i = 0; i < Rows; i++)
                db.IdempotencyKeys.Add(new IdempotencyRecord { Key = $"k-{i}", Fingerprint = "f", ResultJson = "{}", CreatedAt = host.Clock.GetUtcNow().UtcDateTime });
            await db.SaveAndCommitAsync();
        });

        var saves = statements.Where(s => s.Source == Microsoft.EntityFrameworkCore.Diagnostics.CommandSource.SaveChanges).ToList();
        if (provider == "postgres")
        {
            saves.Count.ShouldBe(3);
            saves.Take(2).ShouldAllBe(s => !s.Text.Contains("COMMIT", StringComparison.Ordinal));
            saves[^1].Text.TrimEnd().ShouldEndWith("COMMIT;");
        }
        await using var check = await contexts.CreateDbContextAsync();
        check.TenantId = 1;
        (await check.IdempotencyKeys.CountAsync()).ShouldBe(Rows);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_save_that_fails_commits_none_of_its_writes(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var contexts = host.Services.GetRequiredService<IDbContextFactory<FlowDbContext>>();
        await using (var first = await contexts.CreateDbContextAsync())
        {
            first.TenantId = 1;
            first.IdempotencyKeys.Add(new IdempotencyRecord { Key = "taken", Fingerprint = "f", ResultJson = "{}", CreatedAt = host.Clock.GetUtcNow().UtcDateTime });
            await first.SaveChangesAsync();
        }

        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.TenantId = 1;
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.IdempotencyKeys.Add(new IdempotencyRecord { Key = "fresh", Fingerprint = "f", ResultJson = "{}", CreatedAt = host.Clock.GetUtcNow().UtcDateTime });
            db.IdempotencyKeys.Add(new IdempotencyRecord { Key = "taken", Fingerprint = "f", ResultJson = "{}", CreatedAt = host.Clock.GetUtcNow().UtcDateTime });
            await Should.ThrowAsync<DbUpdateException>(() => db.SaveAndCommitAsync());
        }

        await using var check = await contexts.CreateDbContextAsync();
        check.TenantId = 1;
        (await check.IdempotencyKeys.Select(k => k.Key).ToListAsync()).ShouldBe(["taken"]);
    }
}
