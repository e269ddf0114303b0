using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Platform.Errors;
using Weft.Testing;

namespace Weft.Flow.Tests.Assignment;

/// <summary>A manager acts on anyone's work from the control center: assign it to a named agent, or take it back into the pool.</summary>
public sealed class ManagingWorkDirectly
{
    private static readonly CommandContext Manager = new("manager");

    private static GraphDefinition OneTask() => new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start },
            new() { Key = "work", Type = NodeType.Task, Capability = "craft", Assignment = AssignmentMode.Pool },
            new() { Key = "end", Type = NodeType.End },
        ],
        Edges = [new() { From = "start", To = "work" }, new() { From = "work", To = "end" }],
    };

    /// <summary>Ana has worked five minutes on the only item; Bob can do the work, Carol cannot.</summary>
    private static async Task<WorkItemDto> AnaWorksOnTheItemAsync(FlowTestHost host)
    {
        var e = host.Engine;
        await e.Graphs.CreateGraphAsync(Manager, new CreateGraphRequest("bench", "Bench", OneTask()));
        await e.Graphs.PublishAsync(Manager, "bench", new PublishRequest(null));
        foreach (var (key, capability) in new[] { ("ana", "craft"), ("bob", "craft"), ("carol", "polishing") })
            await e.Agents.RegisterAgentAsync(Manager, new RegisterAgentRequest(key, key, "person", [new(capability)], 1, "available"));
        var job = await e.Jobs.StartJobAsync(Manager, new StartJobRequest("bench", null, 1, "ONE", 0, null, null));
        var item = (await e.Work.ListWorkItemsAsync(new WorkItemFilter(null, null, null, null, job.Id), null, null)).Items.Single();
        var ana = new CommandContext("ana");
        await e.Work.ClaimAsync(ana, item.Id);
        await e.Work.StartAsync(ana, item.Id);
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        return await e.Work.GetWorkItemAsync(item.Id);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Assigning_moves_work_in_progress_to_the_named_agent_with_its_time(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var e = host.Engine;
        var item = await AnaWorksOnTheItemAsync(host);

        var moved = await e.Work.AssignAsync(Manager with { ExpectedVersion = item.Version }, item.Id, "bob", "Ana is needed at cutting");

        moved.State.ShouldBe("assigned");
        moved.Agent.ShouldBe("bob");
        moved.WorkSeconds.ShouldBe(300);
        moved.Note.ShouldBe("Ana is needed at cutting");
        (await e.Agents.GetAgentAsync("ana")).Load.ShouldBe(0);
        (await e.Agents.GetAgentAsync("bob")).Load.ShouldBe(1);
        var events = await e.Jobs.GetJobEventsAsync(item.JobId, 500, null);
        events.Items.ShouldContain(ev => ev.Type == "work_item_assigned" && ev.WorkItemId == item.Id && ev.Actor == "manager");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Assigning_is_refused_with_a_reason_and_changes_nothing(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var e = host.Engine;
        var item = await AnaWorksOnTheItemAsync(host);

        (await Should.ThrowAsync<WeftException>(() => e.Work.AssignAsync(Manager, item.Id, "carol", null))).Code.ShouldBe("target_lacks_capability");
        (await Should.ThrowAsync<WeftException>(() => e.Work.AssignAsync(Manager, item.Id, "ana", null))).Code.ShouldBe("already_assigned");
        (await Should.ThrowAsync<WeftException>(() => e.Work.AssignAsync(Manager, item.Id, "nobody", null))).Code.ShouldBe("agent_not_found");
        (await Should.ThrowAsync<WeftException>(() => e.Work.AssignAsync(Manager, item.Id, null, null))).Code.ShouldBe("validation_failed");
        (await Should.ThrowAsync<WeftException>(() => e.Work.AssignAsync(Manager, 999_999, "bob", null))).Code.ShouldBe("work_item_not_found");
        (await Should.ThrowAsync<WeftException>(() => e.Work.AssignAsync(Manager with { ExpectedVersion = item.Version - 1 }, item.Id, "bob", null)))
            .Code.ShouldBe("stale_version");

        var after = await e.Work.GetWorkItemAsync(item.Id);
        after.ShouldBe(item);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Unassigning_puts_work_back_in_the_pool_for_others_and_moves_it_when_asked(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var e = host.Engine;
        var item = await AnaWorksOnTheItemAsync(host);

        var back = await e.Work.UnassignAsync(Manager, item.Id, "Ana is on leave", null);

        back.State.ShouldBe("ready");
        back.Agent.ShouldBeNull();
        back.WorkSeconds.ShouldBe(300);
        (await e.Agents.GetAgentAsync("ana")).Load.ShouldBe(0);
        // Ready work can only be moved, not taken back again.
        (await Should.ThrowAsync<WeftException>(() => e.Work.UnassignAsync(Manager, item.Id, null, null))).Code.ShouldBe("work_item_not_held");
        (await Should.ThrowAsync<WeftException>(() => e.Work.UnassignAsync(Manager, item.Id, null, " "))).Code.ShouldBe("validation_failed");

        var moved = await e.Work.UnassignAsync(Manager, item.Id, null, "Polishing");
        moved.Capability.ShouldBe("polishing");
        (await e.Work.ClaimAsync(new CommandContext("carol"), item.Id)).Agent.ShouldBe("carol");

        await e.Work.StartAsync(new CommandContext("carol"), item.Id);
        await e.Work.CompleteAsync(new CommandContext("carol"), item.Id, null, null);
        (await Should.ThrowAsync<WeftException>(() => e.Work.UnassignAsync(Manager, item.Id, null, null))).Code.ShouldBe("work_item_closed");
        (await Should.ThrowAsync<WeftException>(() => e.Work.AssignAsync(Manager, item.Id, "bob", null))).Code.ShouldBe("work_item_closed");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Acting_on_work_resolves_the_inbox_entries_about_it(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var e = host.Engine;
        var item = await AnaWorksOnTheItemAsync(host);
        await e.Agents.UpdateAgentAsync(Manager, "ana", new UpdateAgentRequest(null, null, null, null, "away", null));
        var entry = (await e.Inbox.ListInboxAsync("open", null, null)).Items.ShouldHaveSingleItem();
        entry.WorkItemId.ShouldBe(item.Id);

        await e.Work.AssignAsync(Manager, item.Id, "bob", null);

        (await e.Inbox.ListInboxAsync("open", null, null)).Items.ShouldBeEmpty();
        var resolved = (await e.Inbox.ListInboxAsync("resolved", null, null)).Items.ShouldHaveSingleItem();
        resolved.Resolution.ShouldBe("assign");
        resolved.ResolvedBy.ShouldBe("manager");
    }
}
