using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Testing;

namespace Weft.Flow.Tests.Assignment;

public sealed class AssigningWorkAutomatically
{
    private static readonly CommandContext Manager = new("manager");

    // start → work (auto) → end
    private static GraphDefinition OneAutoTask(string capability = "craft", int level = 1, double? timeoutMinutes = null,
        AssignmentMode assignment = AssignmentMode.Auto) => new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start },
            new()
            {
                Key = "work", Type = NodeType.Task, Capability = capability, Level = level,
                TimeoutMinutes = timeoutMinutes, Assignment = assignment,
            },
            new() { Key = "end", Type = NodeType.End },
        ],
        Edges = [new() { From = "start", To = "work" }, new() { From = "work", To = "end" }],
    };

    // start → cut (auto) → assemble (auto, optionally same_agent_as:cut) → end
    private static GraphDefinition CutThenAssemble(bool affinity) => new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start },
            new() { Key = "cut", Type = NodeType.Task, Capability = "cutting", Assignment = AssignmentMode.Auto },
            new()
            {
                Key = "assemble", Type = NodeType.Task, Capability = "assembling", Assignment = AssignmentMode.Auto,
                Affinity = affinity ? "same_agent_as:cut" : "none",
            },
            new() { Key = "end", Type = NodeType.End },
        ],
        Edges =
        [
            new() { From = "start", To = "cut" },
            new() { From = "cut", To = "assemble" },
            new() { From = "assemble", To = "end" },
        ],
    };

    // start → cut (auto) → stitch (auto) → end, both steps done by the same trade
    private static GraphDefinition TwoAutoSteps() => new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start },
            new() { Key = "cut", Type = NodeType.Task, Capability = "craft", Assignment = AssignmentMode.Auto },
            new() { Key = "stitch", Type = NodeType.Task, Capability = "craft", Assignment = AssignmentMode.Auto },
            new() { Key = "end", Type = NodeType.End },
        ],
        Edges =
        [
            new() { From = "start", To = "cut" },
            new() { From = "cut", To = "stitch" },
            new() { From = "stitch", To = "end" },
        ],
    };

    private static async Task PublishAsync(FlowEngine e, string key, GraphDefinition graph)
    {
        await e.Graphs.CreateGraphAsync(Manager, new CreateGraphRequest(key, key, graph));
        await e.Graphs.PublishAsync(Manager, key, new PublishRequest(null));
    }

    private static Task<AgentDto> RegisterAsync(FlowEngine e, string key, int wipLimit, string status, params CapabilityDto[] capabilities) =>
        e.Agents.RegisterAgentAsync(Manager, new RegisterAgentRequest(key, key, "person", capabilities, wipLimit, status));

    private static Task<AgentDto> RegisterAsync(FlowEngine e, string key, int wipLimit, params CapabilityDto[] capabilities) =>
        RegisterAsync(e, key, wipLimit, "available", capabilities);

    private static Task<JobDto> StartJobAsync(FlowEngine e, string graph, int quantity, string reference, int priority = 0, DateTime? dueAt = null) =>
        e.Jobs.StartJobAsync(Manager, new StartJobRequest(graph, null, quantity, reference, priority, dueAt, null));

    private static async Task<IReadOnlyList<WorkItemDto>> ItemsAsync(FlowEngine e, long jobId, string? node = null) =>
        (await e.Work.ListWorkItemsAsync(new WorkItemFilter(null, null, null, node, jobId), 500, null)).Items;

    private static async Task<IReadOnlyList<InboxEntryDto>> OpenInboxAsync(FlowEngine e) =>
        (await e.Inbox.ListInboxAsync("open", 500, null)).Items;

    private static async Task FinishAsync(FlowEngine e, WorkItemDto item)
    {
        var agent = new CommandContext(item.Agent);
        await e.Work.StartAsync(agent, item.Id);
        await e.Work.CompleteAsync(agent, item.Id, null, null);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Ready_auto_work_is_assigned_at_once_to_an_eligible_agent(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var e = host.Engine;
        await PublishAsync(e, "auto", OneAutoTask());
        await PublishAsync(e, "pool", OneAutoTask(assignment: AssignmentMode.Pool));
        await RegisterAsync(e, "ana", 5, new CapabilityDto("craft"));

        var auto = await StartJobAsync(e, "auto", 1, "AUTO-1");
        var pool = await StartJobAsync(e, "pool", 1, "POOL-1");

        var assigned = (await ItemsAsync(e, auto.Id)).Single();
        assigned.State.ShouldBe("assigned");
        assigned.Agent.ShouldBe("ana");
        assigned.AssignedAt.ShouldBe(host.Clock.GetUtcNow().UtcDateTime);
        var events = await e.Jobs.GetJobEventsAsync(auto.Id, 500, null);
        events.Items.ShouldContain(ev => ev.Type == "work_item_assigned" && ev.WorkItemId == assigned.Id);
        // Pool work waits for someone to claim it.
        var waiting = (await ItemsAsync(e, pool.Id)).Single();
        waiting.State.ShouldBe("ready");
        waiting.Agent.ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_level_one_agent_never_gets_a_level_two_node(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var e = host.Engine;
        await PublishAsync(e, "fine", OneAutoTask(level: 2));
        // The junior is idle longest and would win every tie if level did not matter.
        await RegisterAsync(e, "junior", 10, new CapabilityDto("craft", 1));
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await RegisterAsync(e, "senior", 10, new CapabilityDto("craft", 2));

        var job = await StartJobAsync(e, "fine", 4, "FINE-1");

        var items = await ItemsAsync(e, job.Id);
        items.Count.ShouldBe(4);
        items.ShouldAllBe(i => i.State == "assigned" && i.Agent == "senior");
        (await e.Agents.GetAgentAsync("junior")).Load.ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Work_nobody_can_take_goes_to_the_inbox_until_a_capable_agent_registers(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var e = host.Engine;
        await PublishAsync(e, "gild", OneAutoTask(capability: "gilding", level: 2));
        // Gilding at level 1 is not enough for this node.
        await RegisterAsync(e, "junior", 5, new CapabilityDto("gilding", 1));
        var job = await StartJobAsync(e, "gild", 1, "GILD-1");

        var item = (await ItemsAsync(e, job.Id)).Single();
        item.State.ShouldBe("ready");
        item.Agent.ShouldBeNull();
        var entry = (await OpenInboxAsync(e)).ShouldHaveSingleItem();
        entry.Reason.ShouldBe("no_eligible_agent");
        entry.WorkItemId.ShouldBe(item.Id);
        entry.JobId.ShouldBe(job.Id);

        await RegisterAsync(e, "master", 5, new CapabilityDto("gilding", 3));

        var after = await e.Work.GetWorkItemAsync(item.Id);
        after.State.ShouldBe("assigned");
        after.Agent.ShouldBe("master");
        (await OpenInboxAsync(e)).ShouldBeEmpty();
        var resolved = (await e.Inbox.ListInboxAsync("resolved", 500, null)).Items.ShouldHaveSingleItem();
        resolved.Id.ShouldBe(entry.Id);
        resolved.Resolution.ShouldBe("auto_assigned");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_cutter_gets_the_assembly_even_when_another_agent_is_less_loaded(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var e = host.Engine;
        await PublishAsync(e, "bag", CutThenAssemble(affinity: true));
        await RegisterAsync(e, "ana", 3, new CapabilityDto("cutting"), new CapabilityDto("assembling"));
        await RegisterAsync(e, "bob", 3, new CapabilityDto("assembling"));
        var job = await StartJobAsync(e, "bag", 2, "BAG-1");

        var cuts = await ItemsAsync(e, job.Id, "cut");
        cuts.ShouldAllBe(c => c.Agent == "ana");
        var ana = new CommandContext("ana");
        foreach (var cut in cuts) await e.Work.StartAsync(ana, cut.Id);
        await e.Work.CompleteAsync(ana, cuts[0].Id, null, null);

        // Ana still holds the other cut (load 1) while Bob holds nothing, yet the assembly is hers.
        var assembly = (await ItemsAsync(e, job.Id, "assemble")).ShouldHaveSingleItem();
        assembly.TokenId.ShouldBe(cuts[0].TokenId);
        assembly.State.ShouldBe("assigned");
        assembly.Agent.ShouldBe("ana");
        (await e.Agents.GetAgentAsync("bob")).Load.ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Without_affinity_the_assembly_goes_to_the_least_loaded_agent(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var e = host.Engine;
        await PublishAsync(e, "bag", CutThenAssemble(affinity: false));
        await RegisterAsync(e, "ana", 3, new CapabilityDto("cutting"), new CapabilityDto("assembling"));
        await RegisterAsync(e, "bob", 3, new CapabilityDto("assembling"));
        var job = await StartJobAsync(e, "bag", 2, "BAG-1");

        var cuts = await ItemsAsync(e, job.Id, "cut");
        var ana = new CommandContext("ana");
        foreach (var cut in cuts) await e.Work.StartAsync(ana, cut.Id);
        await e.Work.CompleteAsync(ana, cuts[0].Id, null, null);

        var assembly = (await ItemsAsync(e, job.Id, "assemble")).ShouldHaveSingleItem();
        assembly.Agent.ShouldBe("bob");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Work_is_spread_to_the_least_loaded_agents_and_ties_go_to_the_longest_idle(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var e = host.Engine;
        await PublishAsync(e, "bench", OneAutoTask());
        await RegisterAsync(e, "ana", 5, new CapabilityDto("craft"));
        var first = await StartJobAsync(e, "bench", 3, "FIRST");
        (await ItemsAsync(e, first.Id)).ShouldAllBe(i => i.Agent == "ana");
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await RegisterAsync(e, "bob", 5, new CapabilityDto("craft"));
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await RegisterAsync(e, "cai", 5, new CapabilityDto("craft"));
        host.Clock.Advance(TimeSpan.FromMinutes(1));

        var second = await StartJobAsync(e, "bench", 3, "SECOND");

        // Loads were ana 3, bob 0, cai 0: bob (idle longer than cai), then cai, then the tie at 1 to bob.
        var byAgent = (await ItemsAsync(e, second.Id)).GroupBy(i => i.Agent).ToDictionary(g => g.Key!, g => g.Count());
        byAgent.ShouldNotContainKey("ana");
        byAgent["bob"].ShouldBe(2);
        byAgent["cai"].ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Between_idle_agents_the_one_idle_longest_gets_the_work(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var e = host.Engine;
        await PublishAsync(e, "bench", OneAutoTask());
        await RegisterAsync(e, "abe", 1, new CapabilityDto("craft"));
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await RegisterAsync(e, "zoe", 1, new CapabilityDto("craft"));
        var first = await StartJobAsync(e, "bench", 2, "FIRST");
        var items = await ItemsAsync(e, first.Id);
        items.Select(i => i.Agent).ShouldBe(["abe", "zoe"], ignoreOrder: true);

        // Zoe finishes first, so she has been idle longer than Abe, who registered before her.
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await FinishAsync(e, items.Single(i => i.Agent == "zoe"));
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await FinishAsync(e, items.Single(i => i.Agent == "abe"));
        host.Clock.Advance(TimeSpan.FromMinutes(1));

        var second = await StartJobAsync(e, "bench", 1, "SECOND");
        (await ItemsAsync(e, second.Id)).Single().Agent.ShouldBe("zoe");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_agent_who_frees_capacity_gets_the_highest_priority_then_earliest_due_then_oldest_work(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var e = host.Engine;
        await PublishAsync(e, "bench", OneAutoTask());
        await RegisterAsync(e, "ana", 1, new CapabilityDto("craft"));
        var today = host.Clock.GetUtcNow().UtcDateTime;
        var references = new Dictionary<long, string>();
        async Task Start(string reference, int priority, DateTime? dueAt)
        {
            var job = await StartJobAsync(e, "bench", 1, reference, priority, dueAt);
            references[job.Id] = reference;
            host.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        await Start("busy", 0, null);
        await Start("due-late", 0, today.AddDays(3));
        await Start("no-due-old", 0, null);
        await Start("urgent", 5, null);
        await Start("due-early", 0, today.AddDays(1));
        await Start("no-due-new", 0, null);
        await Start("low", -1, today.AddHours(1));

        var order = new List<string>();
        for (var i = 0; i < references.Count; i++)
        {
            var held = (await e.Work.ListWorkItemsAsync(new WorkItemFilter("assigned", null, "ana", null, null), 10, null)).Items.ShouldHaveSingleItem();
            order.Add(references[held.JobId]);
            await FinishAsync(e, held);
        }

        order.ShouldBe(["busy", "urgent", "due-early", "due-late", "no-due-old", "no-due-new", "low"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Urgent_waiting_work_comes_before_the_next_step_of_the_job_just_finished(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var e = host.Engine;
        await PublishAsync(e, "bag", TwoAutoSteps());
        await RegisterAsync(e, "ana", 1, new CapabilityDto("craft"));
        var routine = await StartJobAsync(e, "bag", 1, "ROUTINE", priority: 0);
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var urgent = await StartJobAsync(e, "bag", 1, "URGENT", priority: 5);
        var routineCut = (await ItemsAsync(e, routine.Id, "cut")).Single();
        routineCut.Agent.ShouldBe("ana");
        (await ItemsAsync(e, urgent.Id, "cut")).Single().State.ShouldBe("ready");

        await FinishAsync(e, routineCut);

        // Ana's freed place goes to the urgent cut; the routine job's stitch waits its turn.
        (await ItemsAsync(e, urgent.Id, "cut")).Single().Agent.ShouldBe("ana");
        var routineStitch = (await ItemsAsync(e, routine.Id, "stitch")).Single();
        routineStitch.State.ShouldBe("ready");
        routineStitch.Agent.ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Completing_work_pulls_the_next_ready_item(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var e = host.Engine;
        await PublishAsync(e, "bench", OneAutoTask());
        await RegisterAsync(e, "ana", 1, new CapabilityDto("craft"));
        var job = await StartJobAsync(e, "bench", 2, "TWO");
        var items = await ItemsAsync(e, job.Id);
        var held = items.Single(i => i.State == "assigned");
        var waiting = items.Single(i => i.State == "ready");
        held.Agent.ShouldBe("ana");
        waiting.Agent.ShouldBeNull();

        await FinishAsync(e, held);

        var next = await e.Work.GetWorkItemAsync(waiting.Id);
        next.State.ShouldBe("assigned");
        next.Agent.ShouldBe("ana");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_agent_who_becomes_available_again_pulls_waiting_work(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var e = host.Engine;
        await PublishAsync(e, "bench", OneAutoTask());
        await RegisterAsync(e, "ana", 2, "away", new CapabilityDto("craft"));
        var job = await StartJobAsync(e, "bench", 1, "ONE");
        var item = (await ItemsAsync(e, job.Id)).Single();
        item.State.ShouldBe("ready");

        await e.Agents.UpdateAgentAsync(Manager, "ana", new UpdateAgentRequest(null, null, null, null, "available", null));

        var after = await e.Work.GetWorkItemAsync(item.Id);
        after.State.ShouldBe("assigned");
        after.Agent.ShouldBe("ana");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Work_not_started_in_time_goes_to_another_eligible_agent(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var e = host.Engine;
        await PublishAsync(e, "bench", OneAutoTask(timeoutMinutes: 10));
        await RegisterAsync(e, "ana", 1, new CapabilityDto("craft"));
        await RegisterAsync(e, "bob", 1, new CapabilityDto("craft"));
        var job = await StartJobAsync(e, "bench", 1, "ONE");
        var item = (await ItemsAsync(e, job.Id)).Single();
        var first = item.Agent.ShouldNotBeNull();
        var other = first == "ana" ? "bob" : "ana";

        host.Clock.Advance(TimeSpan.FromMinutes(9));
        (await e.Upkeep.RunDueTimersAsync()).TimersFired.ShouldBe(0);
        (await e.Work.GetWorkItemAsync(item.Id)).Agent.ShouldBe(first);

        host.Clock.Advance(TimeSpan.FromMinutes(2));
        (await e.Upkeep.RunDueTimersAsync()).TimersFired.ShouldBe(1);

        var after = await e.Work.GetWorkItemAsync(item.Id);
        after.State.ShouldBe("assigned");
        after.Agent.ShouldBe(other);
        after.AssignedAt.ShouldBe(host.Clock.GetUtcNow().UtcDateTime);
        var events = await e.Jobs.GetJobEventsAsync(job.Id, 500, null);
        events.Items.ShouldContain(ev => ev.Type == "work_item_timed_out" && ev.WorkItemId == item.Id);
        (await OpenInboxAsync(e)).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Timed_out_work_never_goes_back_to_the_same_agent(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var e = host.Engine;
        await PublishAsync(e, "bench", OneAutoTask(timeoutMinutes: 10));
        await RegisterAsync(e, "bob", 1, new CapabilityDto("craft"));
        var busy = await StartJobAsync(e, "bench", 1, "BUSY");
        var bobs = (await ItemsAsync(e, busy.Id)).Single();
        bobs.Agent.ShouldBe("bob");
        await e.Work.StartAsync(new CommandContext("bob"), bobs.Id);
        await RegisterAsync(e, "ana", 1, new CapabilityDto("craft"));
        var job = await StartJobAsync(e, "bench", 1, "LATE");
        var item = (await ItemsAsync(e, job.Id)).Single();
        item.Agent.ShouldBe("ana");

        host.Clock.Advance(TimeSpan.FromMinutes(11));
        await e.Upkeep.RunDueTimersAsync();

        // Ana is the only agent with room, but she let it time out: it waits and a manager is told.
        var waiting = await e.Work.GetWorkItemAsync(item.Id);
        waiting.State.ShouldBe("ready");
        waiting.Agent.ShouldBeNull();
        (await e.Agents.GetAgentAsync("ana")).Load.ShouldBe(0);
        var entry = (await OpenInboxAsync(e)).ShouldHaveSingleItem();
        entry.Reason.ShouldBe("timeout_no_agent");
        entry.WorkItemId.ShouldBe(item.Id);
        // Bob had started his own item, so its timer changed nothing.
        (await e.Work.GetWorkItemAsync(bobs.Id)).State.ShouldBe("in_progress");

        await e.Upkeep.SweepAsync();
        (await e.Work.GetWorkItemAsync(item.Id)).State.ShouldBe("ready");

        await e.Work.CompleteAsync(new CommandContext("bob"), bobs.Id, null, null);

        var after = await e.Work.GetWorkItemAsync(item.Id);
        after.State.ShouldBe("assigned");
        after.Agent.ShouldBe("bob");
        (await OpenInboxAsync(e)).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Started_work_is_not_reassigned_when_its_timeout_passes(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var e = host.Engine;
        await PublishAsync(e, "bench", OneAutoTask(timeoutMinutes: 10));
        await RegisterAsync(e, "ana", 1, new CapabilityDto("craft"));
        await RegisterAsync(e, "bob", 1, new CapabilityDto("craft"));
        var job = await StartJobAsync(e, "bench", 1, "ONE");
        var item = (await ItemsAsync(e, job.Id)).Single();
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        await e.Work.StartAsync(new CommandContext(item.Agent), item.Id);

        host.Clock.Advance(TimeSpan.FromMinutes(30));
        await e.Upkeep.RunDueTimersAsync();

        var after = await e.Work.GetWorkItemAsync(item.Id);
        after.State.ShouldBe("in_progress");
        after.Agent.ShouldBe(item.Agent);
        var events = await e.Jobs.GetJobEventsAsync(job.Id, 500, null);
        events.Items.ShouldNotContain(ev => ev.Type == "work_item_timed_out");
        (await e.Upkeep.NextTimerDueAsync()).ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_agent_going_away_loses_unstarted_work_at_once_and_started_work_goes_to_the_inbox(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var e = host.Engine;
        await PublishAsync(e, "bench", OneAutoTask());
        await RegisterAsync(e, "ana", 2, new CapabilityDto("craft"));
        var job = await StartJobAsync(e, "bench", 2, "TWO");
        var items = await ItemsAsync(e, job.Id);
        items.ShouldAllBe(i => i.Agent == "ana");
        var unstarted = items[0];
        var started = items[1];
        var ana = new CommandContext("ana");
        await e.Work.StartAsync(ana, started.Id);
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        await RegisterAsync(e, "bob", 2, new CapabilityDto("craft"));

        await e.Agents.UpdateAgentAsync(Manager, "ana", new UpdateAgentRequest(null, null, null, null, "away", null));

        var moved = await e.Work.GetWorkItemAsync(unstarted.Id);
        moved.State.ShouldBe("assigned");
        moved.Agent.ShouldBe("bob");
        var paused = await e.Work.GetWorkItemAsync(started.Id);
        paused.State.ShouldBe("paused");
        paused.Agent.ShouldBe("ana");
        paused.WorkSeconds.ShouldBe(300);
        var entry = (await OpenInboxAsync(e)).ShouldHaveSingleItem();
        entry.Reason.ShouldBe("agent_away");
        entry.WorkItemId.ShouldBe(started.Id);
        entry.Agent.ShouldBe("ana");
        var events = await e.Jobs.GetJobEventsAsync(job.Id, 500, null);
        events.Items.ShouldContain(ev => ev.Type == "work_item_released" && ev.WorkItemId == unstarted.Id);
        events.Items.ShouldContain(ev => ev.Type == "work_item_paused" && ev.WorkItemId == started.Id);
    }
}
