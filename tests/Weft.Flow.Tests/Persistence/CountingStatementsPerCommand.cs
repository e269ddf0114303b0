using Microsoft.EntityFrameworkCore.Diagnostics;
using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Flow.Tests.Scenarios;
using Weft.Testing;
using static Weft.Flow.Tests.Scenarios.ScenarioKit;

namespace Weft.Flow.Tests.Persistence;

/// <summary>
/// A command that cancels tokens or fires timers asks the database the same number of times whatever the
/// number of tokens, split branches or timers: it reads what they refer to together, not one by one.
/// </summary>
public sealed class CountingStatementsPerCommand
{
    // start → split → branch 1..n (pool tasks) → join → end
    private static GraphDefinition SplitInto(int branches)
    {
        var tasks = Enumerable.Range(1, branches).Select(i => $"branch{i}").ToList();
        return new()
        {
            Nodes =
            [
                new() { Key = "start", Type = NodeType.Start },
                new() { Key = "split", Type = NodeType.Split },
                .. tasks.Select(t => new NodeDefinition { Key = t, Type = NodeType.Task, Capability = "craft" }),
                new() { Key = "join", Type = NodeType.Join },
                new() { Key = "end", Type = NodeType.End },
            ],
            Edges =
            [
                new() { From = "start", To = "split" },
                .. tasks.Select(t => new EdgeDefinition { From = "split", To = t }),
                .. tasks.Select(t => new EdgeDefinition { From = t, To = "join" }),
                new() { From = "join", To = "end" },
            ],
        };
    }

    // start → cool (timer, two hours) → pack → end
    private static GraphDefinition Cooling() => new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start },
            new() { Key = "cool", Type = NodeType.Timer, DelayMinutes = 120 },
            new() { Key = "pack", Type = NodeType.Task, Capability = "packing" },
            new() { Key = "end", Type = NodeType.End },
        ],
        Edges = [new() { From = "start", To = "cool" }, new() { From = "cool", To = "pack" }, new() { From = "pack", To = "end" }],
    };

    // start → glue (auto, given back when not started within ten minutes) → end
    private static GraphDefinition Gluing() => new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start },
            new() { Key = "glue", Type = NodeType.Task, Capability = "gluing", Assignment = AssignmentMode.Auto, TimeoutMinutes = 10 },
            new() { Key = "end", Type = NodeType.End },
        ],
        Edges = [new() { From = "start", To = "glue" }, new() { From = "glue", To = "end" }],
    };

    // start → answer (pool, due within an hour) → end
    private static GraphDefinition Answering() => new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start },
            new() { Key = "answer", Type = NodeType.Task, Capability = "support", DeadlineMinutes = 60 },
            new() { Key = "end", Type = NodeType.End },
        ],
        Edges = [new() { From = "start", To = "answer" }, new() { From = "answer", To = "end" }],
    };

    // start → one task → end
    private static GraphDefinition Straight(string task) => new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start },
            new() { Key = task, Type = NodeType.Task, Capability = "craft" },
            new() { Key = "end", Type = NodeType.End },
        ],
        Edges = [new() { From = "start", To = task }, new() { From = task, To = "end" }],
    };

    // start → paid (waits for payment.captured, keyed by the job's reference) → pack → end
    private static GraphDefinition Paying() => new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start },
            new() { Key = "paid", Type = NodeType.Wait, Message = "payment.captured" },
            new() { Key = "pack", Type = NodeType.Task, Capability = "packing" },
            new() { Key = "end", Type = NodeType.End },
        ],
        Edges = [new() { From = "start", To = "paid" }, new() { From = "paid", To = "pack" }, new() { From = "pack", To = "end" }],
    };

    private static async Task<IReadOnlyList<SqlStatementCount.Statement>> CancelAsync(FlowTestHost host, long job)
    {
        var tokens = (await host.Engine.Jobs.GetTokensAsync(job)).Where(t => t.ParentTokenId is null).Select(t => t.Id).ToList();
        return await SqlStatementCount.OfAsync(() => host.Engine.Jobs.CancelTokensAsync(Manager, new CancelTokensRequest(tokens, CancelReasons.Permanent, null)));
    }

    /// <summary>
    /// The statements that count: on SQLite EF writes each changed row with a statement of its own, whatever
    /// the command read, so there the saves' row writes are left out; on PostgreSQL they come in one batch and count.
    /// </summary>
    private static List<SqlStatementCount.Statement> Counted(IReadOnlyList<SqlStatementCount.Statement> all, string provider) =>
        provider == "postgres" ? [.. all] : [.. all.Where(s => s.Source != CommandSource.SaveChanges)];

    private static void ShouldTakeAsMany(IReadOnlyList<SqlStatementCount.Statement> large, IReadOnlyList<SqlStatementCount.Statement> small, string provider)
    {
        var counted = Counted(large, provider);
        counted.Count.ShouldBe(Counted(small, provider).Count, string.Join("\n---\n", counted));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Cancelling_a_token_split_eight_ways_takes_as_many_statements_as_one_split_two_ways(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.AgentAsync("ana", "craft");
        await host.PublishAsync("two", SplitInto(2));
        await host.PublishAsync("eight", SplitInto(8));
        var two = await host.JobAsync("two");
        var eight = await host.JobAsync("eight");
        (await host.ItemsAsync(eight.Id)).Count.ShouldBe(8);

        var small = await CancelAsync(host, two.Id);
        var large = await CancelAsync(host, eight.Id);

        ShouldTakeAsMany(large, small, provider);
        (await host.ItemsAsync(eight.Id)).ShouldAllBe(i => i.State == WorkItemStates.Cancelled);
        (await host.Engine.Jobs.GetTokensAsync(eight.Id)).ShouldAllBe(t => t.State == TokenStates.Cancelled);
        (await host.Engine.Jobs.GetJobAsync(eight.Id)).State.ShouldBe("cancelled");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Cancelling_five_tokens_with_their_branches_takes_as_many_statements_as_cancelling_one(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.AgentAsync("ana", "craft");
        await host.PublishAsync("bag", SplitInto(2));
        var one = await host.JobAsync("bag", quantity: 1);
        var five = await host.JobAsync("bag", quantity: 5);

        var small = await CancelAsync(host, one.Id);
        var large = await CancelAsync(host, five.Id);

        ShouldTakeAsMany(large, small, provider);
        (await host.ItemsAsync(five.Id)).ShouldAllBe(i => i.State == WorkItemStates.Cancelled);
        (await host.Engine.Jobs.GetJobAsync(five.Id)).State.ShouldBe("cancelled");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Firing_five_due_timers_of_five_jobs_takes_as_many_statements_as_firing_one(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("glue", Cooling());
        await host.JobAsync("glue");
        host.Clock.Advance(TimeSpan.FromMinutes(120));
        var small = await SqlStatementCount.OfAsync(async () => (await host.Engine.Upkeep.RunDueTimersAsync()).TimersFired.ShouldBe(1));

        var jobs = new List<JobDto>();
        for (var i = 0; i < 5; i++) jobs.Add(await host.JobAsync("glue"));
        host.Clock.Advance(TimeSpan.FromMinutes(120));
        var large = await SqlStatementCount.OfAsync(async () => (await host.Engine.Upkeep.RunDueTimersAsync()).TimersFired.ShouldBe(5));

        ShouldTakeAsMany(large, small, provider);
        foreach (var job in jobs) (await host.ItemsAsync(job.Id, "pack")).ShouldHaveSingleItem();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Five_assignment_timeouts_nobody_else_can_take_take_as_many_statements_as_one(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.AgentAsync("ana", "gluing");
        await host.PublishAsync("glue", Gluing());
        await host.JobAsync("glue");
        host.Clock.Advance(TimeSpan.FromMinutes(11));
        var small = await SqlStatementCount.OfAsync(async () => (await host.Engine.Upkeep.RunDueTimersAsync()).TimersFired.ShouldBe(1));

        var jobs = new List<JobDto>();
        for (var i = 0; i < 5; i++) jobs.Add(await host.JobAsync("glue"));
        host.Clock.Advance(TimeSpan.FromMinutes(11));
        var large = await SqlStatementCount.OfAsync(async () => (await host.Engine.Upkeep.RunDueTimersAsync()).TimersFired.ShouldBe(5));

        ShouldTakeAsMany(large, small, provider);
        foreach (var job in jobs) (await host.ItemsAsync(job.Id)).ShouldHaveSingleItem().State.ShouldBe(WorkItemStates.Ready);
        var open = (await host.Engine.Inbox.ListInboxAsync("open", null, null)).Items;
        open.Count(e => e.Reason == "timeout_no_agent").ShouldBe(6);
        open.Select(e => e.JobId).ShouldBeUnique();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Five_missed_deadlines_take_as_many_statements_as_one(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("answer", Answering());
        await host.JobAsync("answer");
        host.Clock.Advance(TimeSpan.FromMinutes(61));
        var small = await SqlStatementCount.OfAsync(async () => (await host.Engine.Upkeep.RunDueTimersAsync()).TimersFired.ShouldBe(1));

        for (var i = 0; i < 5; i++) await host.JobAsync("answer");
        host.Clock.Advance(TimeSpan.FromMinutes(61));
        var large = await SqlStatementCount.OfAsync(async () => (await host.Engine.Upkeep.RunDueTimersAsync()).TimersFired.ShouldBe(5));

        ShouldTakeAsMany(large, small, provider);
        var open = (await host.Engine.Inbox.ListInboxAsync("open", null, null)).Items;
        open.Count(e => e.Reason == "deadline_breached").ShouldBe(6);
        open.Select(e => e.JobId).ShouldBeUnique();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_message_five_tokens_wait_for_takes_as_many_statements_as_one_one_token_waits_for(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("pay", Paying());
        await host.Engine.Jobs.StartJobAsync(Manager, new StartJobRequest("pay", null, 1, "order-1", 0, null, null));
        var five = await host.Engine.Jobs.StartJobAsync(Manager, new StartJobRequest("pay", null, 5, "order-2", 0, null, null));

        var small = await SqlStatementCount.OfAsync(async () =>
            (await host.Engine.Jobs.SendMessageAsync(Manager, new SendMessageRequest("payment.captured", "order-1", null))).Tokens.Count.ShouldBe(1));
        var large = await SqlStatementCount.OfAsync(async () =>
            (await host.Engine.Jobs.SendMessageAsync(Manager, new SendMessageRequest("payment.captured", "order-2", null))).Tokens.Count.ShouldBe(5));

        ShouldTakeAsMany(large, small, provider);
        (await host.ItemsAsync(five.Id, "pack")).Count.ShouldBe(5);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Replacing_five_redesigned_pieces_takes_as_many_statements_as_replacing_one(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        // (A split writes its children one token at a time, to name them in its event: a straight line shows the replacing alone.)
        await host.PublishAsync("bag", Straight("cut"));
        var one = await host.JobAsync("bag", quantity: 1);
        var five = await host.JobAsync("bag", quantity: 5);
        await host.PublishNextAsync("bag", Straight("trim"));
        await host.JobAsync("bag"); // the engine reads the new version once, then keeps it: both counts below start with it known

        async Task<IReadOnlyList<SqlStatementCount.Statement>> RedesignAsync(long job)
        {
            var roots = (await host.Engine.Jobs.GetTokensAsync(job)).Where(t => t.ParentTokenId is null).Select(t => t.Id).ToList();
            return await SqlStatementCount.OfAsync(async () =>
                (await host.Engine.Jobs.CancelTokensAsync(Manager, new CancelTokensRequest(roots, CancelReasons.Redesign, null))).Replacements.Count
                    .ShouldBe(roots.Count));
        }

        var small = await RedesignAsync(one.Id);
        var large = await RedesignAsync(five.Id);

        ShouldTakeAsMany(large, small, provider);
        var tokens = await host.Engine.Jobs.GetTokensAsync(five.Id);
        tokens.Where(t => t.ParentTokenId is null && t.State != TokenStates.Cancelled).ShouldAllBe(t => t.Generation == 1 && t.GraphVersion == 2 && t.ReplacesTokenId != null);
        (await host.ItemsAsync(five.Id, "trim")).Count(i => i.State == WorkItemStates.Ready).ShouldBe(5, "five pieces start over on the new version");
    }
}
