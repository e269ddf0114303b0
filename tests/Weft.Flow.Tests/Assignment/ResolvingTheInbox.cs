using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Testing;
using Weft.Platform.Errors;

namespace Weft.Flow.Tests.Assignment;

public sealed class ResolvingTheInbox
{
    private static readonly CommandContext Manager = new("manager");

    // start → work → end, the work auto-assigned or pulled from the pool
    private static GraphDefinition OneTask(AssignmentMode assignment) => new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start },
            new() { Key = "work", Type = NodeType.Task, Capability = "craft", Assignment = assignment },
            new() { Key = "end", Type = NodeType.End },
        ],
        Edges = [new() { From = "start", To = "work" }, new() { From = "work", To = "end" }],
    };

    private sealed record Situation(InboxEntryDto Entry, WorkItemDto Item);

    /// <summary>
    /// Ana works five minutes on an item and goes away: the paused item waits in the inbox. Bob can
    /// do the work; Carol cannot.
    /// </summary>
    private static async Task<Situation> AnaWentAwayMidWorkAsync(FlowTestHost host, AssignmentMode assignment)
    {
        var e = host.Engine;
        await e.Graphs.CreateGraphAsync(Manager, new CreateGraphRequest("bench", "Bench", OneTask(assignment)));
        await e.Graphs.PublishAsync(Manager, "bench", new PublishRequest(null));
        await e.Agents.RegisterAgentAsync(Manager, new RegisterAgentRequest("ana", "Ana", "person", [new("craft")], 1, "available"));
        var job = await e.Jobs.StartJobAsync(Manager, new StartJobRequest("bench", null, 1, "ONE", 0, null, null));
        var item = (await e.Work.ListWorkItemsAsync(new WorkItemFilter(null, null, null, null, job.Id), null, null)).Items.Single();
        var ana = new CommandContext("ana");
        if (assignment == AssignmentMode.Pool) await e.Work.ClaimAsync(ana, item.Id);
        await e.Work.StartAsync(ana, item.Id);
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        await e.Agents.RegisterAgentAsync(Manager, new RegisterAgentRequest("bob", "Bob", "person", [new("craft")], 1, "available"));
        await e.Agents.RegisterAgentAsync(Manager, new RegisterAgentRequest("carol", "Carol", "person", [new("polishing")], 1, "available"));
        await e.Agents.UpdateAgentAsync(Manager, "ana", new UpdateAgentRequest(null, null, null, null, "away", null));

        var entry = (await e.Inbox.ListInboxAsync("open", null, null)).Items.ShouldHaveSingleItem();
        entry.Reason.ShouldBe("agent_away");
        entry.WorkItemId.ShouldBe(item.Id);
        var paused = await e.Work.GetWorkItemAsync(item.Id);
        paused.State.ShouldBe("paused");
        paused.WorkSeconds.ShouldBe(300);
        return new Situation(entry, paused);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Assigning_gives_the_item_to_the_named_agent_and_keeps_its_work_time(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var e = host.Engine;
        var (entry, item) = await AnaWentAwayMidWorkAsync(host, AssignmentMode.Auto);

        var resolved = await e.Inbox.ResolveInboxAsync(Manager, entry.Id, new ResolveInboxRequest("assign", "bob", "Bob finishes it"));

        resolved.State.ShouldBe("resolved");
        resolved.Resolution.ShouldBe("assign");
        resolved.ResolvedBy.ShouldBe("manager");
        (await e.Inbox.ListInboxAsync("open", null, null)).Items.ShouldBeEmpty();
        var reassigned = await e.Work.GetWorkItemAsync(item.Id);
        reassigned.State.ShouldBe("assigned");
        reassigned.Agent.ShouldBe("bob");
        reassigned.WorkSeconds.ShouldBe(300);
        (await e.Agents.GetAgentAsync("ana")).Load.ShouldBe(0);

        var bob = new CommandContext("bob");
        await e.Work.StartAsync(bob, item.Id);
        host.Clock.Advance(TimeSpan.FromMinutes(2));
        var done = await e.Work.CompleteAsync(bob, item.Id, null, null);
        done.WorkSeconds.ShouldBe(420);
        (await e.Jobs.GetJobAsync(item.JobId)).State.ShouldBe("completed");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Requeueing_puts_the_item_back_to_ready_without_an_agent(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var e = host.Engine;
        var (entry, item) = await AnaWentAwayMidWorkAsync(host, AssignmentMode.Pool);

        var resolved = await e.Inbox.ResolveInboxAsync(Manager, entry.Id, new ResolveInboxRequest("requeue", null, null));

        resolved.State.ShouldBe("resolved");
        resolved.Resolution.ShouldBe("requeue");
        var requeued = await e.Work.GetWorkItemAsync(item.Id);
        requeued.State.ShouldBe("ready");
        requeued.Agent.ShouldBeNull();
        requeued.WorkSeconds.ShouldBe(300);
        (await e.Agents.GetAgentAsync("ana")).Load.ShouldBe(0);
        // Back in the pool, anyone able may take it.
        (await e.Work.ClaimAsync(new CommandContext("bob"), item.Id)).Agent.ShouldBe("bob");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Requeued_auto_work_is_assigned_again_but_not_to_the_absent_agent(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var e = host.Engine;
        var (entry, item) = await AnaWentAwayMidWorkAsync(host, AssignmentMode.Auto);

        await e.Inbox.ResolveInboxAsync(Manager, entry.Id, new ResolveInboxRequest("requeue", null, null));

        var after = await e.Work.GetWorkItemAsync(item.Id);
        after.State.ShouldBe("assigned");
        after.Agent.ShouldBe("bob");
        after.WorkSeconds.ShouldBe(300);
        var events = await e.Jobs.GetJobEventsAsync(item.JobId, 500, null);
        events.Items.ShouldContain(ev => ev.Type == "work_item_requeued" && ev.WorkItemId == item.Id);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Dismissing_closes_the_entry_and_leaves_the_item_untouched(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var e = host.Engine;
        var (entry, item) = await AnaWentAwayMidWorkAsync(host, AssignmentMode.Auto);

        var resolved = await e.Inbox.ResolveInboxAsync(Manager, entry.Id, new ResolveInboxRequest("dismiss", null, "She is back tomorrow"));

        resolved.State.ShouldBe("resolved");
        resolved.Resolution.ShouldBe("dismiss");
        (await e.Inbox.ListInboxAsync("open", null, null)).Items.ShouldBeEmpty();
        (await e.Work.GetWorkItemAsync(item.Id)).ShouldBe(item);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Resolving_an_entry_twice_is_refused(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var e = host.Engine;
        var (entry, item) = await AnaWentAwayMidWorkAsync(host, AssignmentMode.Auto);
        await e.Inbox.ResolveInboxAsync(Manager, entry.Id, new ResolveInboxRequest("assign", "bob", null));

        var refused = await Should.ThrowAsync<WeftException>(() =>
            e.Inbox.ResolveInboxAsync(Manager, entry.Id, new ResolveInboxRequest("requeue", null, null)));

        refused.Kind.ShouldBe(ErrorKind.Conflict);
        refused.Code.ShouldBe("inbox_entry_resolved");
        var unchanged = await e.Work.GetWorkItemAsync(item.Id);
        unchanged.State.ShouldBe("assigned");
        unchanged.Agent.ShouldBe("bob");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Assigning_to_an_agent_without_the_capability_is_refused(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var e = host.Engine;
        var (entry, item) = await AnaWentAwayMidWorkAsync(host, AssignmentMode.Auto);

        var refused = await Should.ThrowAsync<WeftException>(() =>
            e.Inbox.ResolveInboxAsync(Manager, entry.Id, new ResolveInboxRequest("assign", "carol", null)));

        refused.Kind.ShouldBe(ErrorKind.Rule);
        refused.Code.ShouldBe("target_lacks_capability");
        (await e.Inbox.ListInboxAsync("open", null, null)).Items.ShouldHaveSingleItem().Id.ShouldBe(entry.Id);
        (await e.Work.GetWorkItemAsync(item.Id)).ShouldBe(item);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Resolving_an_unknown_entry_is_not_found(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);

        var refused = await Should.ThrowAsync<WeftException>(() =>
            host.Engine.Inbox.ResolveInboxAsync(Manager, 4242, new ResolveInboxRequest("dismiss", null, null)));

        refused.Kind.ShouldBe(ErrorKind.NotFound);
        refused.Code.ShouldBe("inbox_entry_not_found");
    }
}
