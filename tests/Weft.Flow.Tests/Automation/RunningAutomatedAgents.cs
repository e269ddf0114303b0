using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Weft.Flow.Automation;
using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Platform.Changes;
using Weft.Testing;
using static Weft.Flow.Tests.Scenarios.ScenarioKit;

namespace Weft.Flow.Tests.Automation;

/// <summary>
/// Software agents do work items: a handler's result completes the item in one transaction; a handler
/// that throws is retried with backoff and after the node's limit goes to a manager, who retries it or
/// gives it to a person; a run whose process died is run again (same execution id) and completes once;
/// a late result for a cancelled token is recorded and dropped.
/// </summary>
public sealed class RunningAutomatedAgents
{
    /// <summary>The scorer's behaviour, set by each test, and what it saw.</summary>
    public sealed class Script
    {
        public Func<AgentWork, Task<AgentResult>> Run { get; set; } = _ => Task.FromResult(new AgentResult());
        public ConcurrentQueue<AgentWork> Seen { get; } = new();
    }

    public sealed class Scorer(Script script) : IAgentHandler
    {
        public Task<AgentResult> HandleAsync(AgentWork work, CancellationToken ct)
        {
            script.Seen.Enqueue(work);
            return script.Run(work);
        }
    }

    // start → score (auto, "scoring", up to 3 attempts) → route (rules on the score: ≥ 0.8 → review, else → ship) → …
    private static GraphDefinition Scoring(int? maxAttempts = 3) => new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start },
            new() { Key = "score", Type = NodeType.Task, Capability = "scoring", Assignment = AssignmentMode.Auto, MaxAttempts = maxAttempts },
            new()
            {
                Key = "route", Type = NodeType.Decision,
                Rules = [new() { When = new() { Field = "risk", Op = "gte", Value = 0.8 }, Outcome = "review" }],
            },
            new() { Key = "review", Type = NodeType.Task, Capability = "reviewing" },
            new() { Key = "ship", Type = NodeType.Task, Capability = "shipping" },
            new() { Key = "end", Type = NodeType.End },
        ],
        Edges =
        [
            new() { From = "start", To = "score" },
            new() { From = "score", To = "route" },
            new() { From = "route", To = "review", Outcome = "review" },
            new() { From = "route", To = "ship", Outcome = "ship", IsDefault = true },
            new() { From = "review", To = "end" },
            new() { From = "ship", To = "end" },
        ],
    };

    private static async Task<(FlowTestHost Host, Script Script)> StartAsync(string provider, int? maxAttempts = 3)
    {
        var script = new Script();
        var host = await FlowTestHost.StartAsync(provider, services =>
        {
            services.AddSingleton(script);
            services.AddAgentHandler<Scorer>(agent: "fraud-scorer");
        });
        await host.PublishAsync("orders", Scoring(maxAttempts));
        await host.Engine.Agents.RegisterAgentAsync(Manager, new RegisterAgentRequest("fraud-scorer", "Fraud scorer", "service",
            [new CapabilityDto("scoring")], 10, AgentStatuses.Available));
        return (host, script);
    }

    private static Task<int> RunAsync(FlowTestHost host) => host.Services.GetRequiredService<AutomationRunner>().RunDueAsync(1);

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_service_handler_completes_its_items_and_the_token_goes_on_by_its_result(string provider)
    {
        var (host, script) = await StartAsync(provider);
        await using var _ = host;
        script.Run = work => Task.FromResult(new AgentResult(Data: new JsonObject { ["risk"] = work.Data["amount"]!.GetValue<decimal>() > 1000 ? 0.9 : 0.1 }));
        var risky = await host.JobAsync("orders", data: new JsonObject { ["amount"] = 5000 });
        var safe = await host.JobAsync("orders", data: new JsonObject { ["amount"] = 20 });
        (await host.ItemsAsync(risky.Id, "score")).Single().Agent.ShouldBe("fraud-scorer");

        (await RunAsync(host)).ShouldBe(2);

        (await host.Engine.Jobs.GetTokensAsync(risky.Id)).Single().Node.ShouldBe("review");
        (await host.Engine.Jobs.GetTokensAsync(safe.Id)).Single().Node.ShouldBe("ship");
        var scored = (await host.ItemsAsync(risky.Id, "score")).Single();
        (scored.State, scored.Agent).ShouldBe((WorkItemStates.Completed, "fraud-scorer"));
        script.Seen.Select(w => (w.ExecutionId, w.Attempt)).ShouldBe([($"wi-{scored.Id}", 1), ($"wi-{(await host.ItemsAsync(safe.Id, "score")).Single().Id}", 1)], ignoreOrder: true);
        var events = (await host.EventsAsync(risky.Id)).Select(e => e.Type).ToList();
        events.ShouldContain("work_item_started");
        events.ShouldContain("automation_succeeded");
        (await RunAsync(host)).ShouldBe(0, "nothing is left to run");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_failing_handler_is_retried_with_backoff_then_a_manager_retries_it(string provider)
    {
        var (host, script) = await StartAsync(provider, maxAttempts: 3);
        await using var _ = host;
        script.Run = _ => throw new TimeoutException("scoring service did not answer");
        var job = await host.JobAsync("orders", data: new JsonObject { ["amount"] = 10 });

        (await RunAsync(host)).ShouldBe(1);
        (await RunAsync(host)).ShouldBe(0, "the next attempt waits 10 s");
        host.Clock.Advance(TimeSpan.FromSeconds(10));
        (await RunAsync(host)).ShouldBe(1);
        host.Clock.Advance(TimeSpan.FromSeconds(19));
        (await RunAsync(host)).ShouldBe(0, "then 20 s");
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        (await RunAsync(host)).ShouldBe(1);

        var item = (await host.ItemsAsync(job.Id, "score")).Single();
        (item.State, item.Agent).ShouldBe((WorkItemStates.Paused, "fraud-scorer"));
        var entry = (await host.Engine.Inbox.ListInboxAsync("open", null, null)).Items.ShouldHaveSingleItem();
        entry.Reason.ShouldBe("automation_failed");
        entry.Message.ShouldContain("scoring service did not answer");
        host.Clock.Advance(TimeSpan.FromHours(1));
        (await RunAsync(host)).ShouldBe(0, "a manager decides now");
        (await host.EventsAsync(job.Id)).Count(e => e.Type == "automation_attempt_failed").ShouldBe(3);

        script.Run = _ => Task.FromResult(new AgentResult(Data: new JsonObject { ["risk"] = 0.2 }));
        await host.Engine.Inbox.ResolveInboxAsync(Manager, entry.Id, new ResolveInboxRequest("retry", null, null));
        (await RunAsync(host)).ShouldBe(1);

        (await host.Engine.Jobs.GetTokensAsync(job.Id)).Single().Node.ShouldBe("ship");
        script.Seen.Last().Attempt.ShouldBe(1, "a retried item starts its count again");

        var runs = (await host.Engine.Agents.AgentExecutionsAsync(host.Clock.GetUtcNow().UtcDateTime.AddDays(-1))).ShouldHaveSingleItem();
        (runs.Agent, runs.Succeeded, runs.FailedAttempts).ShouldBe(("fraud-scorer", 1, 3));
        runs.LastError.ShouldBe("TimeoutException: scoring service did not answer");
        runs.LastFailureAt.ShouldNotBeNull().ShouldBeLessThan(runs.LastRunAt!.Value);
        (await host.Engine.Agents.AgentExecutionsAsync(host.Clock.GetUtcNow().UtcDateTime.AddMinutes(1))).ShouldBeEmpty("nothing ran since");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_person_stands_in_for_a_handler_that_keeps_failing(string provider)
    {
        var (host, script) = await StartAsync(provider, maxAttempts: 1);
        await using var _ = host;
        script.Run = _ => throw new InvalidOperationException("model unavailable");
        await host.AgentAsync("pat", "reviewing");
        var job = await host.JobAsync("orders", data: new JsonObject { ["amount"] = 10 });
        await RunAsync(host);
        var entry = (await host.Engine.Inbox.ListInboxAsync("open", null, null)).Items.Single();

        // Moved to a capability people have: the node assigns automatically, so it goes to Pat.
        await host.Engine.Inbox.ResolveInboxAsync(Manager, entry.Id, new ResolveInboxRequest("requeue", null, "scored by hand", Capability: "reviewing"));
        var item = (await host.ItemsAsync(job.Id, "score")).Single();
        (item.State, item.Capability, item.Agent).ShouldBe((WorkItemStates.Assigned, "reviewing", "pat"));
        await host.Engine.Work.StartAsync(new CommandContext("pat"), item.Id);
        await host.Engine.Work.CompleteAsync(new CommandContext("pat"), item.Id, null, new JsonObject { ["risk"] = 0.95 });

        (await host.Engine.Jobs.GetTokensAsync(job.Id)).Single().Node.ShouldBe("review");
        (await RunAsync(host)).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_run_whose_process_died_is_run_again_under_the_same_execution_id_and_completes_once(string provider)
    {
        var (host, script) = await StartAsync(provider);
        try
        {
            var job = await host.JobAsync("orders", data: new JsonObject { ["amount"] = 10 });
            // A process claims the item, then dies: the claim is all that reached the database.
            var claimed = await host.Engine.Automation.ClaimAutomatedAsync(["fraud-scorer"], [], 10, TimeSpan.FromMinutes(2), CancellationToken.None);
            claimed.ShouldHaveSingleItem();
            host = await host.RestartAsync();
            script.Run = _ => Task.FromResult(new AgentResult(Data: new JsonObject { ["risk"] = 0.1 }));

            (await RunAsync(host)).ShouldBe(0, "the lease still holds it");
            host.Clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
            (await RunAsync(host)).ShouldBe(1);

            var item = (await host.ItemsAsync(job.Id, "score")).Single();
            item.State.ShouldBe(WorkItemStates.Completed);
            script.Seen.Single().ExecutionId.ShouldBe($"wi-{item.Id}");
            script.Seen.Single().Attempt.ShouldBe(2);
            var events = await host.EventsAsync(job.Id);
            events.Count(e => e.Type == "work_item_completed" && e.WorkItemId == item.Id).ShouldBe(1);
            events.ShouldContain(e => e.Type == "automation_lease_expired");
            // The dead run's late answer, had it come, would be dropped.
            (await host.Engine.Automation.CompleteAutomatedAsync(claimed[0], new AgentResult(), 1, CancellationToken.None)).ShouldBeFalse();
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_result_that_comes_after_its_token_was_cancelled_is_recorded_and_dropped(string provider)
    {
        var (host, script) = await StartAsync(provider);
        await using var _ = host;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        script.Run = async _ =>
        {
            started.SetResult();
            await release.Task;
            return new AgentResult(Data: new JsonObject { ["risk"] = 0.1 });
        };
        var job = await host.JobAsync("orders", data: new JsonObject { ["amount"] = 10 });
        var running = RunAsync(host);
        await started.Task;

        var token = (await host.Engine.Jobs.GetTokensAsync(job.Id)).Single();
        await host.Engine.Jobs.CancelTokensAsync(Manager, new CancelTokensRequest([token.Id], CancelReasons.Permanent, null));
        release.SetResult();
        await running;

        (await host.Engine.Jobs.GetTokensAsync(job.Id)).Single().State.ShouldBe(TokenStates.Cancelled);
        var item = (await host.ItemsAsync(job.Id, "score")).Single();
        item.State.ShouldBe(WorkItemStates.Cancelled);
        var discarded = (await host.EventsAsync(job.Id)).Single(e => e.Type == "automation_result_discarded");
        discarded.Data!["reason"]!.GetValue<string>().ShouldBe("work_item_cancelled");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Only_a_commit_that_gives_work_to_a_handler_here_calls_the_runner(string provider)
    {
        var (host, _) = await StartAsync(provider);
        await using var __ = host;
        var notices = new ConcurrentQueue<ChangeNotice>();
        host.Services.GetRequiredService<CommitSignals>().Committed += notices.Enqueue;
        int Calls() => notices.Count(n => n.Topics.Contains(AutomationRunner.WorkAssignedTopic));
        // A program that claims its work over the API: automated, but no handler of this process does its work.
        await host.Engine.Agents.RegisterAgentAsync(Manager, new RegisterAgentRequest("shipping-robot", "Shipping robot", "service",
            [new CapabilityDto("shipping")], 10, AgentStatuses.Available));

        var job = await host.JobAsync("orders", data: new JsonObject { ["amount"] = 10 });
        Calls().ShouldBe(1, "the score item went to the fraud scorer, whose handler runs here");
        (await RunAsync(host)).ShouldBe(1);
        var ship = (await host.ItemsAsync(job.Id, "ship")).Single();
        var before = notices.Count;
        await host.Engine.Work.ClaimAsync(new CommandContext("shipping-robot"), ship.Id);

        notices.Count.ShouldBeGreaterThan(before, "the claim committed");
        Calls().ShouldBe(1, "work an outside program claims is not for the runner");
        (await RunAsync(host)).ShouldBe(0);
    }
}
