using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Testing;
using static Weft.Flow.Tests.Scenarios.ScenarioKit;
using Weft.Platform.Errors;

namespace Weft.Flow.Tests.Scenarios;

public sealed class WorkingOnWorkItems
{
    // start → make → end
    private static GraphDefinition OneTask(int level = 1) => new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start },
            new() { Key = "make", Type = NodeType.Task, Capability = "making", Level = level },
            new() { Key = "end", Type = NodeType.End },
        ],
        Edges =
        [
            new() { From = "start", To = "make" },
            new() { From = "make", To = "end" },
        ],
    };

    // start → make → inspect (qc, no fail edge) → end
    private static GraphDefinition MadeAndInspected() => new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start },
            new() { Key = "make", Type = NodeType.Task, Capability = "making" },
            new() { Key = "inspect", Type = NodeType.Qc, Capability = "qc" },
            new() { Key = "end", Type = NodeType.End },
        ],
        Edges =
        [
            new() { From = "start", To = "make" },
            new() { From = "make", To = "inspect" },
            new() { From = "inspect", To = "end", Outcome = "pass" },
        ],
    };

    private static readonly CommandContext Ana = new("ana");
    private static readonly CommandContext Bo = new("bo");

    private static readonly string[] States =
        [WorkItemStates.Ready, WorkItemStates.Assigned, WorkItemStates.InProgress, WorkItemStates.Paused, WorkItemStates.Completed, WorkItemStates.Cancelled];

    private static readonly string[] Commands = ["claim", "start", "pause", "resume", "complete", "handoff", "requeue"];

    // What each command does from each state (as the holder, or as a would-be claimer when ready);
    // a state's missing commands are illegal.
    private static readonly Dictionary<(string State, string Command), (string State, string? Agent)> Legal = new()
    {
        [(WorkItemStates.Ready, "claim")] = (WorkItemStates.Assigned, "ana"),
        [(WorkItemStates.Assigned, "start")] = (WorkItemStates.InProgress, "ana"),
        [(WorkItemStates.Assigned, "handoff")] = (WorkItemStates.Assigned, "bo"),
        [(WorkItemStates.Assigned, "requeue")] = (WorkItemStates.Ready, null),
        [(WorkItemStates.InProgress, "pause")] = (WorkItemStates.Paused, "ana"),
        [(WorkItemStates.InProgress, "complete")] = (WorkItemStates.Completed, "ana"),
        [(WorkItemStates.InProgress, "handoff")] = (WorkItemStates.Assigned, "bo"),
        [(WorkItemStates.InProgress, "requeue")] = (WorkItemStates.Ready, null),
        [(WorkItemStates.Paused, "resume")] = (WorkItemStates.InProgress, "ana"),
        [(WorkItemStates.Paused, "handoff")] = (WorkItemStates.Assigned, "bo"),
        [(WorkItemStates.Paused, "requeue")] = (WorkItemStates.Ready, null),
    };

    private static string ExpectedRefusal(string state, string command) => state switch
    {
        WorkItemStates.Completed => "work_item_completed",
        WorkItemStates.Cancelled => "work_item_cancelled",
        _ when command == "claim" => "work_item_already_claimed",
        _ => "illegal_transition",
    };

    private static async Task BringToAsync(FlowTestHost host, WorkItemDto item, string state)
    {
        var e = host.Engine;
        switch (state)
        {
            case WorkItemStates.Ready:
                return;
            case WorkItemStates.Cancelled:
                await e.Jobs.CancelTokensAsync(Manager, new CancelTokensRequest([item.TokenId], CancelReasons.Permanent, null));
                return;
        }
        await e.Work.ClaimAsync(Ana, item.Id);
        if (state == WorkItemStates.Assigned) return;
        await e.Work.StartAsync(Ana, item.Id);
        if (state == WorkItemStates.InProgress) return;
        if (state == WorkItemStates.Completed)
        {
            await e.Work.CompleteAsync(Ana, item.Id, null, null);
            return;
        }
        await e.Work.PauseAsync(Ana, item.Id, "lunch");
    }

    private static Task<WorkItemDto> RunAsync(FlowTestHost host, string command, long item) => command switch
    {
        "claim" => host.Engine.Work.ClaimAsync(Ana, item),
        "start" => host.Engine.Work.StartAsync(Ana, item),
        "pause" => host.Engine.Work.PauseAsync(Ana, item, "phone call"),
        "resume" => host.Engine.Work.ResumeAsync(Ana, item),
        "complete" => host.Engine.Work.CompleteAsync(Ana, item, null, null),
        "handoff" => host.Engine.Work.HandoffAsync(Ana, item, "bo", "please finish"),
        "requeue" => host.Engine.Work.RequeueAsync(Ana, item, "cannot finish"),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
    };

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Every_command_from_every_state_either_moves_the_item_or_is_refused_with_a_code(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("bag", OneTask());
        await host.AgentAsync("ana", 100, new CapabilityDto("making"));
        await host.AgentAsync("bo", 100, new CapabilityDto("making"));
        var cases = States.SelectMany(s => Commands.Select(c => (State: s, Command: c))).ToList();
        var job = await host.JobAsync("bag", quantity: cases.Count);
        var items = await host.ItemsAsync(job.Id, "make");
        items.Count.ShouldBe(cases.Count);

        var failures = new List<string>();
        foreach (var ((state, command), item) in cases.Zip(items))
        {
            await BringToAsync(host, item, state);
            var before = await host.Engine.Work.GetWorkItemAsync(item.Id);
            before.State.ShouldBe(state);
            var events = (await host.EventsAsync(job.Id)).Count;
            if (Legal.TryGetValue((state, command), out var expected))
            {
                var after = await RunAsync(host, command, item.Id);
                if (after.State != expected.State || after.Agent != expected.Agent)
                    failures.Add($"{command} from {state}: became {after.State} held by {after.Agent}, expected {expected.State} held by {expected.Agent}");
                continue;
            }
            try
            {
                await RunAsync(host, command, item.Id);
                failures.Add($"{command} from {state}: accepted");
            }
            catch (WeftException ex)
            {
                if (ex.Kind != ErrorKind.Conflict || ex.Code != ExpectedRefusal(state, command))
                    failures.Add($"{command} from {state}: {ex.Kind} {ex.Code}, expected Conflict {ExpectedRefusal(state, command)}");
            }
            var unchanged = await host.Engine.Work.GetWorkItemAsync(item.Id);
            if (unchanged.State != before.State || unchanged.Agent != before.Agent || unchanged.Version != before.Version)
                failures.Add($"{command} from {state}: a refused command changed the item");
            if ((await host.EventsAsync(job.Id)).Count != events)
                failures.Add($"{command} from {state}: a refused command appended an event");
        }
        failures.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_agent_cannot_claim_work_it_lacks_the_capability_or_the_level_for(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("engrave", OneTask(level: 2));
        await host.AgentAsync("stranger", 5, new CapabilityDto("cutting", 5));
        await host.AgentAsync("novice", 5, new CapabilityDto("making", 1));
        await host.AgentAsync("master", 5, new CapabilityDto("MAKING", 3));
        var job = await host.JobAsync("engrave");
        var item = (await host.ItemsAsync(job.Id)).Single();
        item.Level.ShouldBe(2);

        await RefusedAsync(() => host.Engine.Work.ClaimAsync(new CommandContext("stranger"), item.Id), ErrorKind.Forbidden, "capability_missing");
        await RefusedAsync(() => host.Engine.Work.ClaimAsync(new CommandContext("novice"), item.Id), ErrorKind.Forbidden, "capability_missing");
        (await host.Engine.Work.GetWorkItemAsync(item.Id)).State.ShouldBe(WorkItemStates.Ready);
        (await host.Engine.Agents.GetAgentQueueAsync("novice")).Available.ShouldBeEmpty();

        var claimed = await host.Engine.Work.ClaimAsync(new CommandContext("master"), item.Id);
        claimed.Agent.ShouldBe("master");
        claimed.State.ShouldBe(WorkItemStates.Assigned);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_agent_at_its_wip_limit_cannot_claim_more_until_it_finishes_something(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("bag", OneTask());
        await host.AgentAsync("ana", 2, new CapabilityDto("making"));
        var job = await host.JobAsync("bag", quantity: 3);
        var items = await host.ItemsAsync(job.Id);
        await host.Engine.Work.ClaimAsync(Ana, items[0].Id);
        await host.Engine.Work.ClaimAsync(Ana, items[1].Id);

        await RefusedAsync(() => host.Engine.Work.ClaimAsync(Ana, items[2].Id), ErrorKind.Conflict, "wip_limit_reached");
        (await host.Engine.Work.GetWorkItemAsync(items[2].Id)).State.ShouldBe(WorkItemStates.Ready);
        (await host.Engine.Agents.GetAgentAsync("ana")).Load.ShouldBe(2);

        // Paused work still counts against the limit; finished work does not.
        await host.Engine.Work.StartAsync(Ana, items[0].Id);
        await host.Engine.Work.PauseAsync(Ana, items[0].Id, "waiting for thread");
        await RefusedAsync(() => host.Engine.Work.ClaimAsync(Ana, items[2].Id), ErrorKind.Conflict, "wip_limit_reached");
        await host.Engine.Work.ResumeAsync(Ana, items[0].Id);
        await host.Engine.Work.CompleteAsync(Ana, items[0].Id, null, null);
        (await host.Engine.Work.ClaimAsync(Ana, items[2].Id)).Agent.ShouldBe("ana");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Only_the_holder_may_work_on_a_claimed_item(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("bag", OneTask());
        await host.AgentAsync("ana", "making");
        await host.AgentAsync("bo", "making");
        await host.AgentAsync("cy", "making");
        var job = await host.JobAsync("bag");
        var id = (await host.ItemsAsync(job.Id)).Single().Id;
        var e = host.Engine;
        await e.Work.ClaimAsync(Ana, id);

        await RefusedAsync(() => e.Work.StartAsync(Bo, id), ErrorKind.Forbidden, "not_your_work_item");
        await RefusedAsync(() => e.Work.HandoffAsync(Bo, id, "cy", null), ErrorKind.Forbidden, "not_your_work_item");
        await RefusedAsync(() => e.Work.RequeueAsync(Bo, id, null), ErrorKind.Forbidden, "not_your_work_item");
        await e.Work.StartAsync(Ana, id);
        await RefusedAsync(() => e.Work.PauseAsync(Bo, id, "mine now"), ErrorKind.Forbidden, "not_your_work_item");
        await RefusedAsync(() => e.Work.CompleteAsync(Bo, id, null, null), ErrorKind.Forbidden, "not_your_work_item");
        await e.Work.PauseAsync(Ana, id, "break");
        await RefusedAsync(() => e.Work.ResumeAsync(Bo, id), ErrorKind.Forbidden, "not_your_work_item");

        var item = await e.Work.GetWorkItemAsync(id);
        item.State.ShouldBe(WorkItemStates.Paused);
        item.Agent.ShouldBe("ana");
        await e.Work.ResumeAsync(Ana, id);
        (await e.Work.CompleteAsync(Ana, id, null, null)).State.ShouldBe(WorkItemStates.Completed);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Work_time_counts_only_running_intervals(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("bag", OneTask());
        await host.AgentAsync("ana", "making");
        var job = await host.JobAsync("bag");
        var id = (await host.ItemsAsync(job.Id)).Single().Id;
        var e = host.Engine;

        await e.Work.ClaimAsync(Ana, id);
        host.Clock.Advance(TimeSpan.FromMinutes(30)); // assigned, not yet working
        await e.Work.StartAsync(Ana, id);
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        (await e.Work.PauseAsync(Ana, id, "lunch")).WorkSeconds.ShouldBe(300);
        host.Clock.Advance(TimeSpan.FromMinutes(10));
        (await e.Work.GetWorkItemAsync(id)).WorkSeconds.ShouldBe(300, "paused time is not work");
        await e.Work.ResumeAsync(Ana, id);
        host.Clock.Advance(TimeSpan.FromMinutes(7));
        var done = await e.Work.CompleteAsync(Ana, id, null, null);

        done.WorkSeconds.ShouldBe(720);
        host.Clock.Advance(TimeSpan.FromMinutes(60));
        (await e.Work.GetWorkItemAsync(id)).WorkSeconds.ShouldBe(720);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Work_time_is_kept_through_handoff_and_requeue(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("bag", OneTask());
        await host.AgentAsync("ana", "making");
        await host.AgentAsync("bo", "making");
        var job = await host.JobAsync("bag", quantity: 2);
        var items = await host.ItemsAsync(job.Id);
        var e = host.Engine;

        // Handoff: ana works 5 minutes, bo picks up 20 minutes later and works 3 more.
        var handed = items[0].Id;
        await e.Work.ClaimAsync(Ana, handed);
        await e.Work.StartAsync(Ana, handed);
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        var atHandoff = await e.Work.HandoffAsync(Ana, handed, "bo", "sleeve is yours");
        atHandoff.State.ShouldBe(WorkItemStates.Assigned);
        atHandoff.Agent.ShouldBe("bo");
        atHandoff.WorkSeconds.ShouldBe(300);
        atHandoff.Note.ShouldBe("sleeve is yours");
        host.Clock.Advance(TimeSpan.FromMinutes(20));
        await e.Work.StartAsync(Bo, handed);
        host.Clock.Advance(TimeSpan.FromMinutes(3));
        (await e.Work.CompleteAsync(Bo, handed, null, null)).WorkSeconds.ShouldBe(480);

        // Requeue: ana works 4 minutes and gives it back; bo claims it and works 2 more.
        var requeued = items[1].Id;
        await e.Work.ClaimAsync(Ana, requeued);
        await e.Work.StartAsync(Ana, requeued);
        host.Clock.Advance(TimeSpan.FromMinutes(4));
        var back = await e.Work.RequeueAsync(Ana, requeued, "out of thread");
        back.State.ShouldBe(WorkItemStates.Ready);
        back.Agent.ShouldBeNull();
        back.WorkSeconds.ShouldBe(240);
        host.Clock.Advance(TimeSpan.FromMinutes(15));
        await e.Work.ClaimAsync(Bo, requeued);
        await e.Work.StartAsync(Bo, requeued);
        host.Clock.Advance(TimeSpan.FromMinutes(2));
        (await e.Work.CompleteAsync(Bo, requeued, null, null)).WorkSeconds.ShouldBe(360);
        (await e.Jobs.GetJobAsync(job.Id)).State.ShouldBe("completed");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Work_cannot_be_handed_off_to_an_agent_who_lacks_the_capability(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("bag", OneTask(level: 2));
        await host.AgentAsync("ana", 5, new CapabilityDto("making", 2));
        await host.AgentAsync("bo", 5, new CapabilityDto("making", 1));
        await host.AgentAsync("cy", 5, new CapabilityDto("packing", 5));
        var job = await host.JobAsync("bag");
        var id = (await host.ItemsAsync(job.Id)).Single().Id;
        var e = host.Engine;
        await e.Work.ClaimAsync(Ana, id);
        await e.Work.StartAsync(Ana, id);
        host.Clock.Advance(TimeSpan.FromMinutes(2));

        await RefusedAsync(() => e.Work.HandoffAsync(Ana, id, "cy", null), ErrorKind.Rule, "target_lacks_capability");
        await RefusedAsync(() => e.Work.HandoffAsync(Ana, id, "bo", null), ErrorKind.Rule, "target_lacks_capability");
        await RefusedAsync(() => e.Work.HandoffAsync(Ana, id, "nobody", null), ErrorKind.NotFound, "agent_not_found");
        await RefusedAsync(() => e.Work.HandoffAsync(Ana, id, "ana", null), ErrorKind.Rule, "handoff_to_self");

        var item = await e.Work.GetWorkItemAsync(id);
        item.State.ShouldBe(WorkItemStates.InProgress);
        item.Agent.ShouldBe("ana");
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        (await e.Work.CompleteAsync(Ana, id, null, null)).WorkSeconds.ShouldBe(180, "the refused handoffs did not stop the clock");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Every_work_item_command_appends_its_event(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("bag", OneTask());
        await host.AgentAsync("ana", "making");
        await host.AgentAsync("bo", "making");
        var job = await host.JobAsync("bag", quantity: 2);
        var items = await host.ItemsAsync(job.Id);
        var e = host.Engine;

        var worked = items[0].Id;
        await e.Work.ClaimAsync(Ana, worked);
        await e.Work.StartAsync(Ana, worked);
        await e.Work.PauseAsync(Ana, worked, "lunch");
        await e.Work.ResumeAsync(Ana, worked);
        await e.Work.CompleteAsync(Ana, worked, null, null);

        var passed = items[1].Id;
        await e.Work.ClaimAsync(Ana, passed);
        await e.Work.StartAsync(Ana, passed);
        await e.Work.HandoffAsync(Ana, passed, "bo", "over to you");
        await e.Work.RequeueAsync(Bo, passed, null);

        var events = (await host.EventsAsync(job.Id)).ToList();
        events.Select(x => x.Id).ShouldBeInOrder(SortDirection.Ascending);
        var ofWorked = events.Where(x => x.WorkItemId == worked).ToList();
        ofWorked.Select(x => x.Type).ShouldBe(
            ["work_item_created", "work_item_claimed", "work_item_started", "work_item_paused", "work_item_resumed", "work_item_completed"]);
        ofWorked.Skip(1).ShouldAllBe(x => x.Actor == "ana" && x.JobId == job.Id && x.Node == "make" && x.TokenId == items[0].TokenId);
        ofWorked.Single(x => x.Type == "work_item_paused").Data!["reason"]!.GetValue<string>().ShouldBe("lunch");
        var completedAt = events.IndexOf(ofWorked[^1]);
        events.Skip(completedAt).Select(x => x.Type).ShouldContain("token_completed", "the token moved in the same command");

        events.Where(x => x.WorkItemId == passed).Select(x => x.Type).ShouldBe(
            ["work_item_created", "work_item_claimed", "work_item_started", "work_item_handed_off", "work_item_requeued"]);
        events.Single(x => x.WorkItemId == passed && x.Type == "work_item_requeued").Actor.ShouldBe("bo");
        var handoff = events.Single(x => x.WorkItemId == passed && x.Type == "work_item_handed_off").Data!;
        handoff["from"]!.GetValue<string>().ShouldBe("ana");
        handoff["to"]!.GetValue<string>().ShouldBe("bo");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Statistics_report_medians_first_pass_yield_scrap_and_the_bottleneck(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("bag", MadeAndInspected());
        await host.AgentAsync("ana", "making", "qc");
        var job = await host.JobAsync("bag", quantity: 2);
        var tokens = await host.Engine.Jobs.GetTokensAsync(job.Id);
        var e = host.Engine;

        async Task WorkAsync(long token, int queueMinutes, int workMinutes, string? outcome)
        {
            var item = await host.OpenItemAsync(job.Id, token);
            host.Clock.Advance(TimeSpan.FromMinutes(queueMinutes));
            await e.Work.ClaimAsync(Ana, item.Id);
            await e.Work.StartAsync(Ana, item.Id);
            host.Clock.Advance(TimeSpan.FromMinutes(workMinutes));
            await e.Work.CompleteAsync(Ana, item.Id, outcome, null);
        }

        // make: queued 10 and 16 minutes, worked 6 and 8 → medians 13 and 7.
        await WorkAsync(tokens[0].Id, 10, 6, null);
        await WorkAsync(tokens[1].Id, 0, 8, null);
        // inspect: serial 1 queued 8, passes; serial 2 queued 2, fails; both worked 2 minutes.
        await WorkAsync(tokens[0].Id, 0, 2, "pass");
        await WorkAsync(tokens[1].Id, 0, 2, "fail");

        var stats = await e.Graphs.GetStatisticsAsync("bag", 1);
        var make = stats.Nodes.Single(n => n.Node == "make");
        make.QueueMinutesMedian.ShouldBe(13);
        make.WorkMinutesMedian.ShouldBe(7);
        make.Completed.ShouldBe(2);
        make.Waiting.ShouldBe(1, "the replacement of serial 2 waits at make");
        var inspect = stats.Nodes.Single(n => n.Node == "inspect");
        inspect.QueueMinutesMedian.ShouldBe(5);
        inspect.WorkMinutesMedian.ShouldBe(2);
        inspect.FirstPassYield.ShouldBe(0.5);
        make.FirstPassYield.ShouldBeNull();
        stats.Scrap.ShouldBe(new Dictionary<string, int> { [CancelReasons.QcFail] = 1 });
        stats.Replacements.ShouldBe(1);
        stats.TokensCompleted.ShouldBe(1);
        stats.TokensActive.ShouldBe(1);
        stats.Bottleneck.ShouldBe("make");

        // The replacement passes: the piece is good now, but its first pass failed.
        var replacement = (await e.Jobs.GetTokensAsync(job.Id)).Single(t => t.ReplacesTokenId == tokens[1].Id);
        await WorkAsync(replacement.Id, 0, 4, null);
        await WorkAsync(replacement.Id, 0, 2, "pass");

        stats = await e.Graphs.GetStatisticsAsync("bag", 1);
        stats.Nodes.Single(n => n.Node == "inspect").FirstPassYield.ShouldBe(0.5);
        stats.Nodes.Single(n => n.Node == "make").WorkMinutesMedian.ShouldBe(6);
        stats.TokensCompleted.ShouldBe(2);
        stats.TokensActive.ShouldBe(0);
        stats.Bottleneck.ShouldBeNull("no work is waiting anywhere");
        (await e.Jobs.GetJobAsync(job.Id)).State.ShouldBe("completed");

        // Work done at once measures 0 minutes: a step where work waits is still the bottleneck.
        await host.PublishAsync("instant", new GraphDefinition
        {
            Nodes =
            [
                new() { Key = "start", Type = NodeType.Start },
                new() { Key = "stamp", Type = NodeType.Task, Capability = "making" },
                new() { Key = "end", Type = NodeType.End },
            ],
            Edges = [new() { From = "start", To = "stamp" }, new() { From = "stamp", To = "end" }],
        });
        var quick = await host.JobAsync("instant", quantity: 2);
        var first = await host.OpenItemAsync(quick.Id, (await e.Jobs.GetTokensAsync(quick.Id))[0].Id);
        await e.Work.ClaimAsync(Ana, first.Id);
        await e.Work.StartAsync(Ana, first.Id);
        await e.Work.CompleteAsync(Ana, first.Id, null, null);
        var instant = await e.Graphs.GetStatisticsAsync("instant", 1);
        instant.Nodes.Single(n => n.Node == "stamp").WorkMinutesMedian.ShouldBe(0);
        instant.Bottleneck.ShouldBe("stamp");
    }
}
