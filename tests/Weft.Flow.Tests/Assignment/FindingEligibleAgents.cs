using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Flow.Persistence;
using Weft.Flow.Runtime;
using Weft.Testing;

namespace Weft.Flow.Tests.Assignment;

/// <summary>
/// Assignment asks the database for the agents able to do the work (capability at the level asked,
/// available), not for every available agent; agents a command changes are judged by what they hold
/// now, saved or not.
/// </summary>
public sealed class FindingEligibleAgents
{
    private static readonly CommandContext Manager = new("manager");

    // start → work (auto, "craft" at the given level) → end
    private static GraphDefinition OneAutoTask(int level) => new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start },
            new() { Key = "work", Type = NodeType.Task, Capability = "craft", Level = level, Assignment = AssignmentMode.Auto },
            new() { Key = "end", Type = NodeType.End },
        ],
        Edges = [new() { From = "start", To = "work" }, new() { From = "work", To = "end" }],
    };

    private static async Task PublishAsync(FlowEngine e, string key, GraphDefinition graph)
    {
        await e.Graphs.CreateGraphAsync(Manager, new CreateGraphRequest(key, key, graph));
        await e.Graphs.PublishAsync(Manager, key, new PublishRequest(null));
    }

    private static Task<AgentDto> RegisterAsync(FlowEngine e, string key, params CapabilityDto[] capabilities) =>
        e.Agents.RegisterAgentAsync(Manager, new RegisterAgentRequest(key, key, "person", capabilities, 5, AgentStatuses.Available));

    private static async Task<WorkItemDto> OnlyItemAsync(FlowEngine e, long job) =>
        (await e.Work.ListWorkItemsAsync(new WorkItemFilter(null, null, null, null, job), 10, null)).Items.ShouldHaveSingleItem();

    /// <summary>The committed agents the candidate statement returns for work asking the capability at the level.</summary>
    private static async Task<List<string>> CandidatesReadAsync(FlowTestHost host, string capability, int level)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<FlowDbContext>>().CreateDbContextAsync();
        db.TenantId = 1;
        var needed = AgentCapabilities.NeededBy([new WorkItemRecord { Capability = capability, Level = level }]);
        return await AgentLoads.Committed(db, needed).OrderBy(a => a.Key).Select(a => a.Key).ToListAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Among_many_available_agents_only_those_able_to_do_the_work_are_read(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var e = host.Engine;
        await PublishAsync(e, "fine", OneAutoTask(level: 2));
        for (var i = 0; i < 50; i++) await RegisterAsync(e, $"sewer-{i:00}", new CapabilityDto("sewing", 5));
        // Has the capability, below the level the work asks.
        await RegisterAsync(e, "junior", new CapabilityDto("Craft", 1));
        await RegisterAsync(e, "senior", new CapabilityDto("sewing", 3), new CapabilityDto("CRAFT", 2));

        (await CandidatesReadAsync(host, "craft", 2)).ShouldBe(["senior"]);
        (await CandidatesReadAsync(host, "CRAFT", 1)).ShouldBe(["junior", "senior"]);
        (await CandidatesReadAsync(host, "sewing", 4)).Count.ShouldBe(50);

        var job = await e.Jobs.StartJobAsync(Manager, new StartJobRequest("fine", null, 1, "FINE-1", 0, null, null));

        var item = await OnlyItemAsync(e, job.Id);
        item.State.ShouldBe("assigned");
        item.Agent.ShouldBe("senior");
        // The API shows capabilities as the agent holds them (names in lower case, as they were before rows existed).
        (await e.Agents.GetAgentAsync("senior")).Capabilities.ShouldBe([new CapabilityDto("sewing", 3), new CapabilityDto("craft", 2)]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_agent_given_the_capability_gets_waiting_work_in_the_same_command(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var e = host.Engine;
        await PublishAsync(e, "fine", OneAutoTask(level: 2));
        await RegisterAsync(e, "ana", new CapabilityDto("craft", 1));
        var job = await e.Jobs.StartJobAsync(Manager, new StartJobRequest("fine", null, 1, "FINE-1", 0, null, null));
        (await OnlyItemAsync(e, job.Id)).State.ShouldBe("ready");

        // The new capability rows are not saved when the command looks for an agent: the agent is judged as it is now.
        await e.Agents.UpdateAgentAsync(Manager, "ana", new UpdateAgentRequest(null, null, [new CapabilityDto("craft", 2)], null, null, null));

        var item = await OnlyItemAsync(e, job.Id);
        item.State.ShouldBe("assigned");
        item.Agent.ShouldBe("ana");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_agent_whose_capability_was_taken_away_gets_no_more_of_that_work(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var e = host.Engine;
        await PublishAsync(e, "fine", OneAutoTask(level: 1));
        await RegisterAsync(e, "ana", new CapabilityDto("craft", 1));
        await e.Agents.UpdateAgentAsync(Manager, "ana", new UpdateAgentRequest(null, null, [new CapabilityDto("sewing", 1)], null, null, null));
        await e.Agents.UpdateAgentAsync(Manager, "ana", new UpdateAgentRequest(null, null, [new CapabilityDto("sewing", 2), new CapabilityDto("cutting", 1)], null, null, null));

        // Her stored capabilities were replaced, not added to.
        (await CandidatesReadAsync(host, "craft", 1)).ShouldBeEmpty();
        (await CandidatesReadAsync(host, "sewing", 2)).ShouldBe(["ana"]);
        (await CandidatesReadAsync(host, "sewing", 3)).ShouldBeEmpty();
        (await CandidatesReadAsync(host, "cutting", 1)).ShouldBe(["ana"]);

        var job = await e.Jobs.StartJobAsync(Manager, new StartJobRequest("fine", null, 1, "FINE-1", 0, null, null));
        (await OnlyItemAsync(e, job.Id)).State.ShouldBe("ready");
        (await e.Agents.GetAgentAsync("ana")).Capabilities.ShouldBe([new CapabilityDto("sewing", 2), new CapabilityDto("cutting", 1)]);

        await e.Agents.UpdateAgentAsync(Manager, "ana", new UpdateAgentRequest(null, null, [new CapabilityDto("CRAFT", 1)], null, null, null));
        (await OnlyItemAsync(e, job.Id)).Agent.ShouldBe("ana");
    }
}
