using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Testing;
using Weft.Platform.Errors;

namespace Weft.Flow.Tests.Tenancy;

/// <summary>
/// Two tenants on one database use the same graph keys, agent keys and references; each engine sees
/// and changes only its own tenant's objects, and another tenant's object is "not found".
/// </summary>
public sealed class KeepingTenantsApart
{
    private static readonly CommandContext Manager = new("manager");

    private static GraphDefinition OneStep(string capability) => new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start },
            new() { Key = "work", Type = NodeType.Task, Capability = capability },
            new() { Key = "end", Type = NodeType.End },
        ],
        Edges = [new() { From = "start", To = "work" }, new() { From = "work", To = "end" }],
    };

    private static async Task<(JobDto Job, WorkItemDto Item)> SetUpAsync(FlowEngine engine, string capability)
    {
        await engine.Graphs.CreateGraphAsync(Manager, new CreateGraphRequest("bag", "Bag of " + capability, OneStep(capability)));
        await engine.Graphs.PublishAsync(Manager, "bag", new PublishRequest(null));
        await engine.Agents.RegisterAgentAsync(Manager, new RegisterAgentRequest("eve", "Eve", "person", [new CapabilityDto(capability)], 1, "available"));
        var job = await engine.Jobs.StartJobAsync(Manager, new StartJobRequest("bag", null, 1, "REF-1", 0, null, null));
        var item = (await engine.Work.ListWorkItemsAsync(new WorkItemFilter(null, null, null, null, job.Id), 10, null)).Items.Single();
        return (job, item);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Same_keys_in_two_tenants_name_different_objects(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var first = host.EngineFor(1);
        var second = host.EngineFor(2);
        var (job1, item1) = await SetUpAsync(first, "cutting");
        var (job2, item2) = await SetUpAsync(second, "stitching");

        // The same key resolves to each tenant's own graph, published version and agent.
        (await first.Graphs.GetGraphAsync("bag")).Name.ShouldBe("Bag of cutting");
        (await second.Graphs.GetGraphAsync("bag")).Name.ShouldBe("Bag of stitching");
        (await first.Graphs.GetVersionAsync("bag", 1)).Definition.Node("work")!.Capability.ShouldBe("cutting");
        (await second.Graphs.GetVersionAsync("bag", 1)).Definition.Node("work")!.Capability.ShouldBe("stitching");
        item1.Capability.ShouldBe("cutting");
        item2.Capability.ShouldBe("stitching");
        (await first.Agents.GetAgentAsync("eve")).Capabilities.ShouldBe([new CapabilityDto("cutting", 1)]);

        // Lists hold only the tenant's own rows.
        (await first.Jobs.ListJobsAsync(null, null, null, null)).Items.Select(j => j.Id).ShouldBe([job1.Id]);
        (await second.Jobs.ListJobsAsync(null, null, null, null)).Items.Select(j => j.Id).ShouldBe([job2.Id]);
        (await second.Work.ListWorkItemsAsync(new WorkItemFilter(null, null, null, null, null), 50, null)).Items.Select(i => i.Id).ShouldBe([item2.Id]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Another_tenants_objects_are_not_found_and_stay_unchanged(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var first = host.EngineFor(1);
        var second = host.EngineFor(2);
        var (job1, item1) = await SetUpAsync(first, "cutting");
        await SetUpAsync(second, "cutting");
        var token1 = (await first.Jobs.GetTokensAsync(job1.Id)).Single();
        var eventsBefore = (await first.Jobs.GetJobEventsAsync(job1.Id, 500, null)).Items.Count;

        (await Should.ThrowAsync<WeftException>(() => second.Jobs.GetJobAsync(job1.Id))).Code.ShouldBe("job_not_found");
        (await Should.ThrowAsync<WeftException>(() => second.Work.GetWorkItemAsync(item1.Id))).Code.ShouldBe("work_item_not_found");
        (await Should.ThrowAsync<WeftException>(() => second.Work.ClaimAsync(new CommandContext("eve"), item1.Id))).Kind.ShouldBe(ErrorKind.NotFound);
        (await Should.ThrowAsync<WeftException>(() => second.Jobs.CancelTokensAsync(Manager, new CancelTokensRequest([token1.Id], "permanent", null))))
            .Kind.ShouldBe(ErrorKind.NotFound);
        (await Should.ThrowAsync<WeftException>(() => second.Jobs.GetTokensAsync(job1.Id))).Code.ShouldBe("job_not_found");
        (await Should.ThrowAsync<WeftException>(() => second.Jobs.GetJobEventsAsync(job1.Id, 500, null))).Code.ShouldBe("job_not_found");

        var after = await first.Work.GetWorkItemAsync(item1.Id);
        after.State.ShouldBe(item1.State);
        after.Version.ShouldBe(item1.Version);
        (await first.Jobs.GetTokensAsync(job1.Id)).Single().State.ShouldBe(token1.State);
        (await first.Jobs.GetJobEventsAsync(job1.Id, 500, null)).Items.Count.ShouldBe(eventsBefore);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Idempotency_keys_belong_to_their_tenant(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var first = await host.EngineFor(1).Graphs.CreateGraphAsync(Manager with { IdempotencyKey = "k1", Fingerprint = "f" }, new CreateGraphRequest("a", "A", null));
        var second = await host.EngineFor(2).Graphs.CreateGraphAsync(Manager with { IdempotencyKey = "k1", Fingerprint = "f" }, new CreateGraphRequest("b", "B", null));
        first.Key.ShouldBe("a");
        second.Key.ShouldBe("b");
        (await host.EngineFor(2).Graphs.ListGraphsAsync(null, null)).Items.Select(g => g.Key).ShouldBe(["b"]);
    }
}
