using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Weft.Flow.Contracts;
using Weft.Platform;
using Weft.Platform.Persistence;
using Weft.Testing;

namespace Weft.Flow.Tests.Persistence;

/// <summary>
/// A database written by the first release (only the initial migration) is upgraded in place:
/// what it held is still there, and the work it left half done can be finished.
/// </summary>
public sealed class UpgradingTheSchema
{
    private const string Initial = "20261121000001_Initial";


    // start → stitch (task, "stitching") → end, exactly as the first release stored it.
    private const string DefinitionJson =
        """{"nodes":[{"key":"start","type":"start"},{"key":"stitch","type":"task","name":"Stitch","capability":"stitching","standardMinutes":12},{"key":"end","type":"end"}],"edges":[{"from":"start","to":"stitch"},{"from":"stitch","to":"end"}]}""";

    private static readonly DateTime Then = new(2026, 10, 1, 9, 30, 0, DateTimeKind.Utc);

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Data_written_before_an_upgrade_is_intact_and_usable_after_it(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        await using var services = Services(database);

        await PlatformStore.Tables.MigrateAsync(services);
        await FlowStore.Tables.MigrateAsync(services, Initial);
        (await FlowStore.Tables.AppliedMigrationsAsync(services)).ShouldBe([Initial]);
        var old = await WriteFirstReleaseDataAsync(database);

        await FlowStore.Tables.MigrateAsync(services);
        (await FlowStore.Tables.AppliedMigrationsAsync(services)).ShouldBe(await FlowStore.Tables.MigrationsAsync(services));

        // What was there before tenants existed belongs to the first tenant, and to no other.
        var other = services.GetRequiredService<FlowEngines>().For(2);
        (await other.Graphs.ListGraphsAsync(null, null)).Items.ShouldBeEmpty();
        (await other.Agents.ListAgentsAsync(null, null)).Items.ShouldBeEmpty();
        (await other.Jobs.ListJobsAsync(null, null, null, null)).Items.ShouldBeEmpty();

        var engine = services.GetRequiredService<FlowEngines>().For(1);
        var graph = await engine.Graphs.GetGraphAsync("bag");
        graph.Name.ShouldBe("Tote bag");
        graph.LatestVersion.ShouldBe(1);
        graph.DraftRevision.ShouldBe(2);
        graph.Versions.ShouldBe([1]);
        graph.Draft.Nodes.Select(n => n.Key).ShouldBe(["start", "stitch", "end"]);
        var version = await engine.Graphs.GetVersionAsync("bag", 1);
        version.PublishedBy.ShouldBe("legacy");
        version.PublishedAt.ShouldBe(Then);
        version.Definition.Node("stitch")!.Capability.ShouldBe("stitching");
        version.Definition.Node("stitch")!.StandardMinutes.ShouldBe(12);

        var agent = await engine.Agents.GetAgentAsync("ana");
        agent.Name.ShouldBe("Ana");
        agent.Kind.ShouldBe("person");
        agent.Capabilities.ShouldBe([new CapabilityDto("stitching", 2)]);
        agent.WipLimit.ShouldBe(2);
        agent.Status.ShouldBe("available");
        agent.Load.ShouldBe(0);

        var job = await engine.Jobs.GetJobAsync(old.JobId);
        job.Reference.ShouldBe("OLD-1");
        job.Graph.ShouldBe("bag");
        job.Version.ShouldBe(1);
        job.Priority.ShouldBe(3);
        job.State.ShouldBe("active");
        job.CreatedAt.ShouldBe(Then);
        job.Data["colour"]!.GetValue<string>().ShouldBe("tan");
        var events = await engine.Jobs.GetJobEventsAsync(old.JobId, null, null);
        events.Items.Select(e => e.Type).ShouldBe(["job_started"]);

        var ready = await engine.Work.ListWorkItemsAsync(new WorkItemFilter("ready", null, null, null, old.JobId), null, null);
        ready.Items.Select(w => w.Id).ShouldBe([old.WorkItemId]);
        ready.Items[0].Node.ShouldBe("stitch");
        ready.Items[0].TokenId.ShouldBe(old.TokenId);

        // The half-done job left by the first release runs to completion on the upgraded schema.
        var ana = new CommandContext("ana");
        (await engine.Work.ClaimAsync(ana, old.WorkItemId)).State.ShouldBe("assigned");
        (await engine.Work.StartAsync(ana, old.WorkItemId)).State.ShouldBe("in_progress");
        (await engine.Work.CompleteAsync(ana, old.WorkItemId, null, null)).State.ShouldBe("completed");
        (await engine.Jobs.GetJobAsync(old.JobId)).State.ShouldBe("completed");
        var token = (await engine.Jobs.GetTokensAsync(old.JobId)).ShouldHaveSingleItem();
        token.State.ShouldBe("completed");
        token.Node.ShouldBe("end");

        // The old published version still starts new jobs, which use the tables the upgrade added.
        var again = await engine.Jobs.StartJobAsync(new CommandContext("tester", "k-1", "f-1"),
            new StartJobRequest("bag", null, 1, "NEW-1", 0, null, null));
        (await engine.Jobs.StartJobAsync(new CommandContext("tester", "k-1", "f-1"),
            new StartJobRequest("bag", null, 1, "NEW-1", 0, null, null))).Id.ShouldBe(again.Id);
        (await engine.Jobs.ListJobsAsync("bag", null, null, null)).Items.Select(j => j.Reference).ShouldBe(["OLD-1", "NEW-1"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_agent_whose_capabilities_were_written_before_the_upgrade_is_still_assigned_work_by_them(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        await using var services = Services(database);
        await PlatformStore.Tables.MigrateAsync(services);
        await FlowStore.Tables.MigrateAsync(services, Initial);
        var old = await WriteFirstReleaseDataAsync(database);
        // The first release kept names as given, so one name may appear in two cases.
        var cutting = await WriteFirstReleaseAgentAndAutoWorkAsync(database, old, "bea",
            """[{"name":"Cutting","level":3},{"name":"stitching","level":1},{"name":"cutting","level":1}]""", capability: "cutting", level: 3);
        // Ana (stitching at level 2) takes this one, not Bea (stitching at level 1).
        var stitching = await WriteFirstReleaseAutoWorkAsync(database, old, "stitching", 2);

        await FlowStore.Tables.MigrateAsync(services);

        var engine = services.GetRequiredService<FlowEngines>().For(1);
        (await engine.Agents.GetAgentAsync("bea")).Capabilities.ShouldBe(
            [new CapabilityDto("Cutting", 3), new CapabilityDto("stitching", 1), new CapabilityDto("cutting", 1)]);
        (await engine.Upkeep.SweepAsync()).Assigned.ShouldBe(2);
        var assigned = (await engine.Work.ListWorkItemsAsync(new WorkItemFilter("assigned", null, null, null, old.JobId), null, null)).Items;
        assigned.OrderBy(w => w.Id).Select(w => (w.Id, w.Agent)).ShouldBe([(cutting, "bea"), (stitching, "ana")]);
        (await services.GetRequiredService<FlowEngines>().For(2).Upkeep.SweepAsync()).Assigned.ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Migrating_an_up_to_date_database_again_changes_nothing(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        await using var services = Services(database);
        await PlatformStore.Tables.MigrateAsync(services);
        await FlowStore.Tables.MigrateAsync(services, Initial);
        var old = await WriteFirstReleaseDataAsync(database);
        await FlowStore.Tables.MigrateAsync(services);

        await FlowStore.Tables.MigrateAsync(services);

        (await FlowStore.Tables.AppliedMigrationsAsync(services)).ShouldBe(await FlowStore.Tables.MigrationsAsync(services));
        var engine = services.GetRequiredService<FlowEngines>().For(1);
        var jobs = await engine.Jobs.ListJobsAsync(null, null, null, null);
        jobs.Items.Select(j => j.Id).ShouldBe([old.JobId]);
        (await engine.Agents.GetAgentAsync("ana")).WipLimit.ShouldBe(2);
        (await engine.Work.ListWorkItemsAsync(new WorkItemFilter("ready", null, null, null, null), null, null))
            .Items.Select(w => w.Id).ShouldBe([old.WorkItemId]);
    }

    private static ServiceProvider Services(TestDatabase database)
    {
        var sc = new ServiceCollection();
        sc.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        sc.AddWeftDatabase(database.Options);
        sc.AddWeftFlow();
        return sc.BuildServiceProvider();
    }

    /// <summary>An agent and a ready auto work item for the old job's token, as the first release wrote them; the item's id.</summary>
    private static async Task<long> WriteFirstReleaseAgentAndAutoWorkAsync(TestDatabase database, FirstReleaseData old, string agent,
        string capabilitiesJson, string capability, int level)
    {
        await ExecuteAsync(database,
            "INSERT INTO flow_agents (\"key\", name, kind, capabilities_json, wip_limit, status, version, created_at, updated_at) " +
            "VALUES (@key, @key, 'person', @caps, 2, 'available', 0, @at, @at)",
            ("key", agent), ("caps", capabilitiesJson), ("at", Then));
        return await WriteFirstReleaseAutoWorkAsync(database, old, capability, level);
    }

    private static async Task<long> WriteFirstReleaseAutoWorkAsync(TestDatabase database, FirstReleaseData old, string capability, int level) =>
        Convert.ToInt64(await ExecuteAsync(database,
            "INSERT INTO flow_work_items (job_id, token_id, graph_key, graph_version, node_key, \"operator\", capability, level, assignment, " +
            "state, agent_key, priority, created_at, ready_at, work_seconds, version) " +
            "VALUES (@job, @token, 'bag', 1, 'stitch', 1, @capability, @level, 'auto', 'ready', NULL, 3, @at, @at, 0, 0) RETURNING id",
            ("job", old.JobId), ("token", old.TokenId), ("capability", capability), ("level", level), ("at", Then)));

    // Plain SQL on a connection of its own, for a database still at the first release (no tenants, no row security).
    private static Task<object?> ExecuteAsync(TestDatabase database, string sql, params (string Name, object? Value)[] values) =>
        RawSql.ScalarAsync(database, sql, values);

    private sealed record FirstReleaseData(long JobId, long TokenId, long WorkItemId);

    /// <summary>Writes rows the way the first release's schema holds them, column by column, with plain SQL.</summary>
    private static async Task<FirstReleaseData> WriteFirstReleaseDataAsync(TestDatabase database)
    {
        await using var conn = await RawSql.OpenAsync(database);
        await using var tx = await conn.BeginTransactionAsync();

        async Task<long> InsertAsync(string sql, params (string Name, object? Value)[] values) =>
            Convert.ToInt64(await RawSql.ScalarAsync(conn, tx, sql + " RETURNING id", values));

        await InsertAsync(
            "INSERT INTO flow_graphs (\"key\", name, draft_json, draft_revision, latest_version, created_at, updated_at) " +
            "VALUES (@key, @name, @draft, 2, 1, @at, @at)",
            ("key", "bag"), ("name", "Tote bag"), ("draft", DefinitionJson), ("at", Then));
        await InsertAsync(
            "INSERT INTO flow_graph_versions (graph_key, number, definition_json, published_at, published_by) " +
            "VALUES ('bag', 1, @definition, @at, 'legacy')",
            ("definition", DefinitionJson), ("at", Then));
        await InsertAsync(
            "INSERT INTO flow_agents (\"key\", name, kind, capabilities_json, wip_limit, status, version, created_at, updated_at) " +
            "VALUES ('ana', 'Ana', 'person', @caps, 2, 'available', 0, @at, @at)",
            ("caps", """[{"name":"stitching","level":2}]"""), ("at", Then));
        var jobId = await InsertAsync(
            "INSERT INTO flow_jobs (graph_key, graph_version, reference, quantity, priority, due_at, data_json, state, version, created_at, completed_at) " +
            "VALUES ('bag', 1, 'OLD-1', 1, 3, NULL, @data, 'active', 0, @at, NULL)",
            ("data", """{"colour":"tan"}"""), ("at", Then));
        var tokenId = await InsertAsync(
            "INSERT INTO flow_tokens (job_id, serial, generation, graph_version, node_key, state, version, created_at, arrived_at) " +
            "VALUES (@job, 1, 0, 1, 'stitch', 'active', 0, @at, @at)",
            ("job", jobId), ("at", Then));
        var itemId = await InsertAsync(
            "INSERT INTO flow_work_items (job_id, token_id, graph_key, graph_version, node_key, \"operator\", capability, level, assignment, " +
            "state, agent_key, priority, created_at, ready_at, work_seconds, version) " +
            "VALUES (@job, @token, 'bag', 1, 'stitch', 1, 'stitching', 1, 'pool', 'ready', NULL, 3, @at, @at, 0, 0)",
            ("job", jobId), ("token", tokenId), ("at", Then));
        await InsertAsync(
            "INSERT INTO flow_events (type, at, actor, graph_key, graph_version, job_id, data_json) " +
            "VALUES ('job_started', @at, 'legacy', 'bag', 1, @job, @data)",
            ("at", Then), ("job", jobId), ("data", """{"reference":"OLD-1","quantity":1,"priority":3}"""));
        await tx.CommitAsync();
        return new FirstReleaseData(jobId, tokenId, itemId);
    }
}
