using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Weft.Flow.Persistence;
using Weft.Platform.Persistence;
using Weft.Testing;

namespace Weft.Flow.Tests.Persistence;

/// <summary>
/// On SQLite, inside a transaction, a save that only updates rows is written without EF Core's update pipeline (ADR 0011):
/// it must write what EF Core would have written, no more, and refuse a row whose version moved just as EF Core does.
/// </summary>
public sealed class SavingOnlyUpdates
{
    private static readonly DateTime Then = new(2026, 3, 4, 5, 6, 7, 890, DateTimeKind.Utc);
    private static readonly DateTime Later = Then.AddMinutes(90).AddTicks(1230);

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_update_writes_the_changed_columns_raises_the_version_and_reads_back_as_EF_Core_wrote_it(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        await using var services = await ServicesAsync(database);
        var (ana, ben) = await AddAgentsAsync(services);

        IReadOnlyList<SqlStatementCount.Statement> statements = [];
        await using (var db = Context(services))
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var row = await db.Agents.SingleAsync(a => a.Id == ana);
            row.Name = "Ana María";
            row.IdleSince = Later;
            row.WipLimit = 3;
            db.ChangeTracker.DetectChanges();
            statements = await SqlStatementCount.OfAsync(async () => (await db.SaveChangesAsync()).ShouldBe(1));
            db.Entry(row).State.ShouldBe(EntityState.Unchanged);
            row.Version.ShouldBe(1);
            // A second change of the same tracked row starts from what the first wrote.
            row.Status = "away";
            db.ChangeTracker.DetectChanges();
            statements = [.. statements, .. await SqlStatementCount.OfAsync(async () => (await db.SaveChangesAsync()).ShouldBe(1))];
            row.Version.ShouldBe(2);
            await transaction.CommitAsync();
        }
        statements.Count.ShouldBe(2);
        if (provider == "sqlite")
        {
            // Written here, not by EF Core's update pipeline (which would add RETURNING 1), and counted, logged and traced like it.
            statements[0].Text.ShouldBe("UPDATE \"flow_agents\" SET \"idle_since\" = @p0, \"name\" = @p1, \"version\" = @p2, \"wip_limit\" = @p3 WHERE \"id\" = @p4 AND \"version\" = @p5");
            statements[1].Text.ShouldBe("UPDATE \"flow_agents\" SET \"status\" = @p0, \"version\" = @p1 WHERE \"id\" = @p2 AND \"version\" = @p3");
        }
        else
        {
            statements.ShouldAllBe(s => s.Source == CommandSource.SaveChanges);
        }

        await using var check = Context(services);
        var saved = await check.Agents.AsNoTracking().SingleAsync(a => a.Id == ana);
        (saved.Name, saved.IdleSince, saved.IdleSince.Kind, saved.WipLimit, saved.Status, saved.Version)
            .ShouldBe(("Ana María", Later, DateTimeKind.Utc, 3, "away", 2));
        // The other row is untouched.
        var other = await check.Agents.AsNoTracking().SingleAsync(a => a.Id == ben);
        (other.Name, other.Version, other.Status).ShouldBe(("Ben", 0, "available"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_row_whose_version_moved_since_it_was_read_fails_the_save_and_changes_nothing(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        await using var services = await ServicesAsync(database);
        var (ana, ben) = await AddAgentsAsync(services);

        await using var db = Context(services);
        var rows = await db.Agents.OrderBy(a => a.Key).ToListAsync();
        // Meanwhile another context changes Ben.
        await using (var other = Context(services))
        {
            (await other.Agents.SingleAsync(a => a.Id == ben)).Name = "Ben (renamed)";
            other.ChangeTracker.DetectChanges();
            await other.SaveChangesAsync();
        }

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            rows[0].Name = "Ana changed";
            rows[1].Name = "Ben changed";
            db.ChangeTracker.DetectChanges();
            var refused = await Should.ThrowAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());
            refused.Entries.Single().Entity.ShouldBeSameAs(rows[1]);
            await transaction.RollbackAsync();
        }

        await using var check = Context(services);
        (await check.Agents.AsNoTracking().OrderBy(a => a.Key).Select(a => a.Name + ":" + a.Version).ToListAsync())
            .ShouldBe(["Ana:0", "Ben (renamed):1"]);
    }

    [Fact]
    public async Task A_save_that_also_inserts_goes_through_EF_Core_in_one_piece()
    {
        await using var database = await TestDatabases.CreateAsync("sqlite");
        await using var services = await ServicesAsync(database);
        var (ana, _) = await AddAgentsAsync(services);

        await using (var db = Context(services))
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            (await db.Agents.SingleAsync(a => a.Id == ana)).Name = "Ana again";
            db.Agents.Add(new AgentRecord { Key = "cy", Name = "Cy" });
            db.ChangeTracker.DetectChanges();
            (await db.SaveChangesAsync()).ShouldBe(2);
            await transaction.CommitAsync();
        }

        await using var check = Context(services);
        (await check.Agents.AsNoTracking().OrderBy(a => a.Key).Select(a => a.Key + ":" + a.Name + ":" + a.Version).ToListAsync())
            .ShouldBe(["ana:Ana again:1", "ben:Ben:0", "cy:Cy:0"]);
    }

    private static async Task<(long Ana, long Ben)> AddAgentsAsync(ServiceProvider services)
    {
        await using var db = Context(services);
        var ana = new AgentRecord { Key = "ana", Name = "Ana", CreatedAt = Then, UpdatedAt = Then, IdleSince = Then };
        var ben = new AgentRecord { Key = "ben", Name = "Ben", CreatedAt = Then, UpdatedAt = Then, IdleSince = Then };
        db.Agents.AddRange(ana, ben);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync();
        return (ana.Id, ben.Id);
    }

    private static FlowDbContext Context(ServiceProvider services)
    {
        var db = services.GetRequiredService<IDbContextFactory<FlowDbContext>>().CreateDbContext();
        db.TenantId = 1;
        return db;
    }

    private static Task<ServiceProvider> ServicesAsync(TestDatabase database) => FlowStoreServices.StartAsync(database.Options);
}
