using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Testing;
using static Weft.Flow.Tests.Scenarios.ScenarioKit;
using Weft.Platform.Errors;

namespace Weft.Flow.Tests.Scenarios;

public sealed class CancellingTokens
{
    // start → cut → stitch → inspect (qc) → end
    private static GraphDefinition Linear(AssignmentMode cutAssignment = AssignmentMode.Pool) => new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start },
            new() { Key = "cut", Type = NodeType.Task, Capability = "cutting", Assignment = cutAssignment },
            new() { Key = "stitch", Type = NodeType.Task, Capability = "stitching" },
            new() { Key = "inspect", Type = NodeType.Qc, Capability = "qc" },
            new() { Key = "end", Type = NodeType.End },
        ],
        Edges =
        [
            new() { From = "start", To = "cut" },
            new() { From = "cut", To = "stitch" },
            new() { From = "stitch", To = "inspect" },
            new() { From = "inspect", To = "end", Outcome = "pass" },
        ],
    };

    // Version 2 of Linear: a design step comes first.
    private static GraphDefinition Redesigned() => new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start },
            new() { Key = "design", Type = NodeType.Task, Capability = "design" },
            new() { Key = "cut", Type = NodeType.Task, Capability = "cutting" },
            new() { Key = "stitch", Type = NodeType.Task, Capability = "stitching" },
            new() { Key = "inspect", Type = NodeType.Qc, Capability = "qc" },
            new() { Key = "end", Type = NodeType.End },
        ],
        Edges =
        [
            new() { From = "start", To = "design" },
            new() { From = "design", To = "cut" },
            new() { From = "cut", To = "stitch" },
            new() { From = "stitch", To = "inspect" },
            new() { From = "inspect", To = "end", Outcome = "pass" },
        ],
    };

    // start → prep → split → (handle | lining | strap) → join → assemble → end
    private static GraphDefinition ThreeBranches() => new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start },
            new() { Key = "prep", Type = NodeType.Task, Capability = "leather" },
            new() { Key = "split", Type = NodeType.Split },
            new() { Key = "handle", Type = NodeType.Task, Capability = "leather" },
            new() { Key = "lining", Type = NodeType.Task, Capability = "leather" },
            new() { Key = "strap", Type = NodeType.Task, Capability = "leather" },
            new() { Key = "join", Type = NodeType.Join },
            new() { Key = "assemble", Type = NodeType.Task, Capability = "leather" },
            new() { Key = "end", Type = NodeType.End },
        ],
        Edges =
        [
            new() { From = "start", To = "prep" },
            new() { From = "prep", To = "split" },
            new() { From = "split", To = "handle" },
            new() { From = "split", To = "lining" },
            new() { From = "split", To = "strap" },
            new() { From = "handle", To = "join" },
            new() { From = "lining", To = "join" },
            new() { From = "strap", To = "join" },
            new() { From = "join", To = "assemble" },
            new() { From = "assemble", To = "end" },
        ],
    };

    private static Task<CancelResult> CancelAsync(FlowTestHost host, string reason, string? restartAt, params long[] tokens) =>
        host.Engine.Jobs.CancelTokensAsync(Manager, new CancelTokensRequest(tokens, reason, restartAt));

    /// <summary>Every token and work item of a job, in a form that compares by value.</summary>
    private static async Task<string[]> SnapshotAsync(FlowTestHost host, long job)
    {
        var tokens = (await host.Engine.Jobs.GetTokensAsync(job))
            .Select(t => $"token {t.Id} {t.State} at {t.Node} reason={t.CancelReason} by={t.ReplacedByTokenId}");
        var items = (await host.ItemsAsync(job))
            .Select(i => $"item {i.Id} {i.State} at {i.Node} agent={i.Agent} v{i.Version}");
        var jobState = (await host.Engine.Jobs.GetJobAsync(job)).State;
        return [$"job {jobState}", .. tokens, .. items];
    }

    private static async Task<JobDto> LinearJobAsync(FlowTestHost host, int quantity = 1)
    {
        await host.PublishAsync("bag", Linear());
        await host.AgentAsync("ana", "cutting", "stitching", "qc", "design", "leather");
        return await host.JobAsync("bag", quantity);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_qc_fail_cancellation_starts_a_replacement_at_the_start_on_the_same_version(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var job = await LinearJobAsync(host);
        var token = (await host.Engine.Jobs.GetTokensAsync(job.Id)).Single();
        await host.WalkAsync("ana", job.Id, token.Id, ("cut", null));
        var stitch = await host.OpenItemAsync(job.Id, token.Id);
        await host.Engine.Work.ClaimAsync(new CommandContext("ana"), stitch.Id);

        var result = await CancelAsync(host, CancelReasons.QcFail, null, token.Id);

        result.Cancelled.ShouldHaveSingleItem().Id.ShouldBe(token.Id);
        var replacementId = result.Replacements.ShouldHaveSingleItem().Id;
        var old = await host.TokenAsync(job.Id, token.Id);
        old.State.ShouldBe(TokenStates.Cancelled);
        old.CancelReason.ShouldBe(CancelReasons.QcFail);
        old.ReplacedByTokenId.ShouldBe(replacementId);
        var replacement = await host.TokenAsync(job.Id, replacementId);
        replacement.ReplacesTokenId.ShouldBe(token.Id);
        replacement.Serial.ShouldBe(token.Serial);
        replacement.Generation.ShouldBe(1);
        replacement.GraphVersion.ShouldBe(1);
        replacement.Node.ShouldBe("cut");
        replacement.State.ShouldBe(TokenStates.Active);
        (await host.Engine.Work.GetWorkItemAsync(stitch.Id)).State.ShouldBe(WorkItemStates.Cancelled);
        (await host.Engine.Agents.GetAgentAsync("ana")).Load.ShouldBe(0, "the withdrawn item no longer counts against its holder");
        (await host.OpenItemAsync(job.Id, replacementId)).Node.ShouldBe("cut");

        // A second failure of the replacement is the third generation of the same piece.
        var again = await CancelAsync(host, CancelReasons.QcFail, null, replacementId);
        var third = again.Replacements.ShouldHaveSingleItem();
        third.Generation.ShouldBe(2);
        third.Serial.ShouldBe(token.Serial);
        third.ReplacesTokenId.ShouldBe(replacementId);
        (await host.TokenAsync(job.Id, replacementId)).ReplacedByTokenId.ShouldBe(third.Id);

        await host.WalkAsync("ana", job.Id, third.Id, ("cut", null), ("stitch", null), ("inspect", "pass"));
        (await host.Engine.Jobs.GetJobAsync(job.Id)).State.ShouldBe("completed");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_qc_fail_cancellation_can_restart_the_replacement_at_a_given_node(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var job = await LinearJobAsync(host, quantity: 2);
        var token = (await host.Engine.Jobs.GetTokensAsync(job.Id)).Single(t => t.Serial == 2);
        await host.WalkAsync("ana", job.Id, token.Id, ("cut", null), ("stitch", null));
        (await host.TokenAsync(job.Id, token.Id)).Node.ShouldBe("inspect");

        var result = await CancelAsync(host, CancelReasons.QcFail, "stitch", token.Id);

        var replacement = await host.TokenAsync(job.Id, result.Replacements.Single().Id);
        replacement.Node.ShouldBe("stitch");
        replacement.Serial.ShouldBe(2);
        replacement.Generation.ShouldBe(1);
        replacement.GraphVersion.ShouldBe(1);
        replacement.ReplacesTokenId.ShouldBe(token.Id);
        (await host.TokenAsync(job.Id, token.Id)).ReplacedByTokenId.ShouldBe(replacement.Id);
        (await host.ItemsAsync(job.Id, "inspect")).ShouldHaveSingleItem().State.ShouldBe(WorkItemStates.Cancelled);
        (await host.ItemsAsync(job.Id, "cut")).Count(i => i.TokenId == replacement.Id).ShouldBe(0, "cutting is not done again");

        await host.WalkAsync("ana", job.Id, replacement.Id, ("stitch", null), ("inspect", "pass"));
        (await host.TokenAsync(job.Id, replacement.Id)).State.ShouldBe(TokenStates.Completed);
        (await host.Engine.Jobs.GetJobAsync(job.Id)).State.ShouldBe("active", "serial 1 is still at cut");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_redesign_cancellation_starts_the_replacement_on_the_latest_version(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var job = await LinearJobAsync(host);
        var token = (await host.Engine.Jobs.GetTokensAsync(job.Id)).Single();
        await host.WalkAsync("ana", job.Id, token.Id, ("cut", null));
        (await host.PublishNextAsync("bag", Redesigned())).Number.ShouldBe(2);
        (await host.TokenAsync(job.Id, token.Id)).GraphVersion.ShouldBe(1, "publishing does not move running tokens");

        var result = await CancelAsync(host, CancelReasons.Redesign, null, token.Id);

        var old = await host.TokenAsync(job.Id, token.Id);
        old.State.ShouldBe(TokenStates.Cancelled);
        old.CancelReason.ShouldBe(CancelReasons.Redesign);
        old.GraphVersion.ShouldBe(1);
        var replacement = await host.TokenAsync(job.Id, result.Replacements.Single().Id);
        old.ReplacedByTokenId.ShouldBe(replacement.Id);
        replacement.ReplacesTokenId.ShouldBe(token.Id);
        replacement.GraphVersion.ShouldBe(2);
        replacement.Generation.ShouldBe(1);
        replacement.Serial.ShouldBe(1);
        replacement.Node.ShouldBe("design", "only version 2 has a design step");
        var design = await host.OpenItemAsync(job.Id, replacement.Id);
        design.GraphVersion.ShouldBe(2);
        (await host.ItemsAsync(job.Id, "stitch")).ShouldHaveSingleItem().State.ShouldBe(WorkItemStates.Cancelled);

        await host.WalkAsync("ana", job.Id, replacement.Id, ("design", null), ("cut", null), ("stitch", null), ("inspect", "pass"));
        (await host.TokenAsync(job.Id, replacement.Id)).State.ShouldBe(TokenStates.Completed);
        (await host.Engine.Jobs.GetJobAsync(job.Id)).State.ShouldBe("completed");
        (await host.Engine.Graphs.GetStatisticsAsync("bag", 2)).Replacements.ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_permanent_cancellation_issues_no_replacement_and_the_job_completes_with_the_others(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var job = await LinearJobAsync(host, quantity: 2);
        var tokens = await host.Engine.Jobs.GetTokensAsync(job.Id);
        await host.WalkAsync("ana", job.Id, tokens[1].Id, ("cut", null), ("stitch", null), ("inspect", "pass"));
        (await host.Engine.Jobs.GetJobAsync(job.Id)).State.ShouldBe("active");

        var result = await CancelAsync(host, CancelReasons.Permanent, null, tokens[0].Id);

        result.Replacements.ShouldBeEmpty();
        var cancelled = await host.TokenAsync(job.Id, tokens[0].Id);
        cancelled.State.ShouldBe(TokenStates.Cancelled);
        cancelled.CancelReason.ShouldBe(CancelReasons.Permanent);
        cancelled.ReplacedByTokenId.ShouldBeNull();
        (await host.Engine.Jobs.GetTokensAsync(job.Id)).Count.ShouldBe(2);
        (await host.Engine.Jobs.GetJobAsync(job.Id)).State.ShouldBe("completed", "the other piece reached the end");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_job_whose_only_token_is_cancelled_permanently_is_cancelled(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var job = await LinearJobAsync(host);
        var token = (await host.Engine.Jobs.GetTokensAsync(job.Id)).Single();

        await CancelAsync(host, CancelReasons.Permanent, null, token.Id);

        var after = await host.Engine.Jobs.GetJobAsync(job.Id);
        after.State.ShouldBe("cancelled");
        after.CompletedAt.ShouldNotBeNull();
        (await host.ItemsAsync(job.Id)).ShouldAllBe(i => i.State == WorkItemStates.Cancelled);
        var events = (await host.EventsAsync(job.Id)).Select(e => e.Type).ToList();
        events.ShouldContain("token_cancelled");
        events.ShouldContain("work_item_withdrawn");
        events.ShouldContain("job_cancelled");
        events.ShouldNotContain("token_replaced");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_withdrawn_work_item_can_no_longer_be_claimed(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var job = await LinearJobAsync(host, quantity: 3);
        await host.AgentAsync("bo", "cutting");
        var tokens = await host.Engine.Jobs.GetTokensAsync(job.Id);
        var ready = await host.OpenItemAsync(job.Id, tokens[0].Id);
        var started = await host.OpenItemAsync(job.Id, tokens[1].Id);
        var ana = new CommandContext("ana");
        await host.Engine.Work.ClaimAsync(ana, started.Id);
        await host.Engine.Work.StartAsync(ana, started.Id);
        host.Clock.Advance(TimeSpan.FromMinutes(4));

        await CancelAsync(host, CancelReasons.Permanent, null, tokens[0].Id, tokens[1].Id);

        var withdrawnReady = await host.Engine.Work.GetWorkItemAsync(ready.Id);
        withdrawnReady.State.ShouldBe(WorkItemStates.Cancelled);
        var withdrawnStarted = await host.Engine.Work.GetWorkItemAsync(started.Id);
        withdrawnStarted.State.ShouldBe(WorkItemStates.Cancelled);
        withdrawnStarted.WorkSeconds.ShouldBe(240, "the running interval is closed when the item is withdrawn");
        host.Clock.Advance(TimeSpan.FromMinutes(4));
        (await host.Engine.Work.GetWorkItemAsync(started.Id)).WorkSeconds.ShouldBe(240);

        await RefusedAsync(() => host.Engine.Work.ClaimAsync(new CommandContext("bo"), ready.Id), ErrorKind.Conflict, "work_item_cancelled");
        await RefusedAsync(() => host.Engine.Work.StartAsync(ana, started.Id), ErrorKind.Conflict, "work_item_cancelled");
        await RefusedAsync(() => host.Engine.Work.CompleteAsync(ana, started.Id, null, null), ErrorKind.Conflict, "work_item_cancelled");
        (await host.Engine.Agents.GetAgentQueueAsync("bo")).Available.Select(i => i.Id).ShouldBe([(await host.OpenItemAsync(job.Id, tokens[2].Id)).Id]);
        (await host.Engine.Agents.GetAgentAsync("ana")).Load.ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_withdrawn_work_item_is_never_assigned_again(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("bag", Linear(cutAssignment: AssignmentMode.Auto));
        // Nobody can cut yet, so the auto items wait unassigned.
        var job = await host.JobAsync("bag", quantity: 2);
        var tokens = await host.Engine.Jobs.GetTokensAsync(job.Id);
        var doomed = await host.OpenItemAsync(job.Id, tokens[0].Id);
        var kept = await host.OpenItemAsync(job.Id, tokens[1].Id);
        doomed.State.ShouldBe(WorkItemStates.Ready);

        await CancelAsync(host, CancelReasons.Permanent, null, tokens[0].Id);
        await host.AgentAsync("cy", 5, new CapabilityDto("cutting"));
        await host.Engine.Upkeep.SweepAsync();

        (await host.Engine.Work.GetWorkItemAsync(doomed.Id)).State.ShouldBe(WorkItemStates.Cancelled);
        (await host.Engine.Work.GetWorkItemAsync(doomed.Id)).Agent.ShouldBeNull();
        var assigned = await host.Engine.Work.GetWorkItemAsync(kept.Id);
        assigned.State.ShouldBe(WorkItemStates.Assigned, "the live item shows that assignment did run");
        assigned.Agent.ShouldBe("cy");
        (await host.Engine.Agents.GetAgentAsync("cy")).Load.ShouldBe(1);
        var events = await host.EventsAsync(job.Id);
        events.Where(e => e.WorkItemId == doomed.Id).Select(e => e.Type).ShouldNotContain("work_item_assigned");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Cancelling_closes_the_inbox_entries_of_withdrawn_work(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("bag", Linear(cutAssignment: AssignmentMode.Auto));
        await host.PublishAsync("mend", new GraphDefinition
        {
            Nodes =
            [
                new() { Key = "start", Type = NodeType.Start },
                new() { Key = "stitch", Type = NodeType.Task, Capability = "stitching" },
                new() { Key = "end", Type = NodeType.End },
            ],
            Edges = [new() { From = "start", To = "stitch" }, new() { From = "stitch", To = "end" }],
        });
        await host.AgentAsync("ana", 5, new CapabilityDto("stitching"));
        // Nobody can cut: the cut items of two bags wait in the inbox.
        var scrapped = await host.JobAsync("bag");
        var kept = await host.JobAsync("bag");
        // Ana goes away in the middle of a mend: that item waits for a manager too.
        var mend = await host.JobAsync("mend");
        var stitch = (await host.ItemsAsync(mend.Id)).Single();
        await host.Engine.Work.ClaimAsync(new CommandContext("ana"), stitch.Id);
        await host.Engine.Work.StartAsync(new CommandContext("ana"), stitch.Id);
        await host.Engine.Agents.UpdateAgentAsync(Manager, "ana", new UpdateAgentRequest(null, null, null, null, AgentStatuses.Away, null));
        var open = (await host.Engine.Inbox.ListInboxAsync("open", null, null)).Items;
        open.Select(i => (i.JobId, i.Reason)).ShouldBe(
            [(scrapped.Id, "no_eligible_agent"), (kept.Id, "no_eligible_agent"), (mend.Id, "agent_away")], ignoreOrder: true);

        var tokens = new List<long>();
        foreach (var job in new[] { scrapped, mend }) tokens.Add((await host.Engine.Jobs.GetTokensAsync(job.Id)).Single().Id);
        await CancelAsync(host, CancelReasons.Permanent, null, [.. tokens]);

        (await host.Engine.Inbox.ListInboxAsync("open", null, null)).Items.ShouldHaveSingleItem().JobId.ShouldBe(kept.Id);
        var closed = (await host.Engine.Inbox.ListInboxAsync("resolved", null, null)).Items;
        closed.Select(i => i.JobId).ShouldBe([scrapped.Id, mend.Id], ignoreOrder: true);
        closed.ShouldAllBe(i => i.Resolution == "withdrawn" && i.ResolvedBy == "system" && i.ResolvedAt != null);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Cancelling_a_split_token_cancels_its_branches_and_their_work(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("bag", ThreeBranches());
        await host.AgentAsync("ana", "leather");
        var job = await host.JobAsync("bag");
        var parent = (await host.Engine.Jobs.GetTokensAsync(job.Id)).Single();
        await host.WalkAsync("ana", job.Id, parent.Id, ("prep", null));
        var children = (await host.Engine.Jobs.GetTokensAsync(job.Id)).Where(t => t.ParentTokenId == parent.Id).ToList();
        children.Count.ShouldBe(3);
        var handle = await host.OpenItemAsync(job.Id, children.Single(c => c.Node == "handle").Id);
        await host.DoAsync("ana", handle.Id);
        var lining = await host.OpenItemAsync(job.Id, children.Single(c => c.Node == "lining").Id);
        var ana = new CommandContext("ana");
        await host.Engine.Work.ClaimAsync(ana, lining.Id);
        await host.Engine.Work.StartAsync(ana, lining.Id);

        var result = await CancelAsync(host, CancelReasons.QcFail, null, parent.Id);

        var tokens = await host.Engine.Jobs.GetTokensAsync(job.Id);
        var old = tokens.Single(t => t.Id == parent.Id);
        old.State.ShouldBe(TokenStates.Cancelled);
        foreach (var child in children)
        {
            var now = tokens.Single(t => t.Id == child.Id);
            now.State.ShouldBe(TokenStates.Cancelled, $"branch at {child.Node}");
            now.CancelReason.ShouldBe(CancelReasons.QcFail);
        }
        var branchItems = (await host.ItemsAsync(job.Id)).Where(i => children.Any(c => c.Id == i.TokenId)).ToList();
        branchItems.Single(i => i.Id == handle.Id).State.ShouldBe(WorkItemStates.Completed, "finished work stays finished");
        branchItems.Where(i => i.Id != handle.Id).ShouldAllBe(i => i.State == WorkItemStates.Cancelled);
        branchItems.Count.ShouldBe(3);
        (await host.Engine.Agents.GetAgentAsync("ana")).Load.ShouldBe(0);

        // The replacement starts over at prep, on a token of its own; the old branches stay cancelled.
        var replacement = result.Replacements.ShouldHaveSingleItem();
        replacement.ReplacesTokenId.ShouldBe(parent.Id);
        replacement.ParentTokenId.ShouldBeNull();
        (await host.OpenItemAsync(job.Id, replacement.Id)).Node.ShouldBe("prep");
        result.Cancelled.ShouldHaveSingleItem().Id.ShouldBe(parent.Id);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_branch_token_cannot_be_cancelled_on_its_own(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("bag", ThreeBranches());
        await host.AgentAsync("ana", "leather");
        var job = await host.JobAsync("bag");
        var parent = (await host.Engine.Jobs.GetTokensAsync(job.Id)).Single();
        await host.WalkAsync("ana", job.Id, parent.Id, ("prep", null));
        var child = (await host.Engine.Jobs.GetTokensAsync(job.Id)).First(t => t.ParentTokenId == parent.Id);
        var before = await SnapshotAsync(host, job.Id);

        foreach (var reason in CancelReasons.All)
            await RefusedAsync(() => CancelAsync(host, reason, null, child.Id), ErrorKind.Rule, "token_is_branch");
        await RefusedAsync(() => CancelAsync(host, CancelReasons.Permanent, null, parent.Id, child.Id), ErrorKind.Rule, "token_is_branch");

        (await SnapshotAsync(host, job.Id)).ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_bulk_cancellation_changes_nothing_when_one_token_cannot_be_cancelled(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var job = await LinearJobAsync(host, quantity: 3);
        var tokens = await host.Engine.Jobs.GetTokensAsync(job.Id);
        var (a, b, c) = (tokens[0].Id, tokens[1].Id, tokens[2].Id);
        var ana = new CommandContext("ana");
        await host.Engine.Work.ClaimAsync(ana, (await host.OpenItemAsync(job.Id, b)).Id);
        await CancelAsync(host, CancelReasons.Permanent, null, c);
        var before = await SnapshotAsync(host, job.Id);
        var eventsBefore = (await host.EventsAsync(job.Id)).Count;

        await RefusedAsync(() => CancelAsync(host, CancelReasons.QcFail, null, a, b, c), ErrorKind.Conflict, "token_not_active");
        await RefusedAsync(() => CancelAsync(host, CancelReasons.Permanent, null, a, b, 987_654), ErrorKind.NotFound, "token_not_found");
        await RefusedAsync(() => CancelAsync(host, CancelReasons.QcFail, "nowhere", a, b), ErrorKind.Rule, "restart_node_invalid");

        (await SnapshotAsync(host, job.Id)).ShouldBe(before);
        (await host.EventsAsync(job.Id)).Count.ShouldBe(eventsBefore);
        (await host.Engine.Agents.GetAgentAsync("ana")).Load.ShouldBe(1);

        var result = await CancelAsync(host, CancelReasons.QcFail, null, a, b);
        result.Cancelled.Select(t => t.Id).ShouldBe([a, b]);
        result.Replacements.Count.ShouldBe(2);
        result.Replacements.Select(r => r.ReplacesTokenId).ShouldBe([a, b]);
        var after = await host.Engine.Jobs.GetTokensAsync(job.Id);
        after.Where(t => t.Id == a || t.Id == b).ShouldAllBe(t => t.State == TokenStates.Cancelled && t.ReplacedByTokenId != null);
        (await host.Engine.Agents.GetAgentAsync("ana")).Load.ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_restart_node_must_be_a_working_node_outside_any_split_block(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("bag", ThreeBranches());
        await host.AgentAsync("ana", "leather");
        var job = await host.JobAsync("bag");
        var token = (await host.Engine.Jobs.GetTokensAsync(job.Id)).Single();
        var before = await SnapshotAsync(host, job.Id);

        foreach (var node in new[] { "nowhere", "start", "end", "join", "handle", "lining" })
            await RefusedAsync(() => CancelAsync(host, CancelReasons.QcFail, node, token.Id), ErrorKind.Rule, "restart_node_invalid");
        await RefusedAsync(() => CancelAsync(host, CancelReasons.Permanent, "prep", token.Id), ErrorKind.Invalid, "validation_failed");
        (await SnapshotAsync(host, job.Id)).ShouldBe(before);

        // A split outside any block is a valid place to start over.
        var result = await CancelAsync(host, CancelReasons.QcFail, "split", token.Id);
        var replacement = result.Replacements.Single();
        var branches = (await host.Engine.Jobs.GetTokensAsync(job.Id)).Where(t => t.ParentTokenId == replacement.Id).ToList();
        branches.Select(t => t.Node).Order().ShouldBe(["handle", "lining", "strap"]);
    }
}
