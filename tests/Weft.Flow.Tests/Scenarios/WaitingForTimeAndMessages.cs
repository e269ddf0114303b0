using Weft.Platform.Errors;
using System.Text.Json.Nodes;
using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Testing;
using static Weft.Flow.Tests.Scenarios.ScenarioKit;

namespace Weft.Flow.Tests.Scenarios;

/// <summary>
/// Tokens that wait: at a timer for a duration or a date from their data (also across a restart), and at
/// a wait node for a message with their correlation key, sent before or after they arrive, or for the
/// timeout. A cancelled token stops waiting.
/// </summary>
public sealed class WaitingForTimeAndMessages
{
    // start → cool (timer) → pack → end
    private static GraphDefinition Cooling(double? minutes = 120, string? until = null) => new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start },
            new() { Key = "cool", Type = NodeType.Timer, DelayMinutes = minutes, UntilField = until },
            new() { Key = "pack", Type = NodeType.Task, Capability = "packing" },
            new() { Key = "end", Type = NodeType.End },
        ],
        Edges = [new() { From = "start", To = "cool" }, new() { From = "cool", To = "pack" }, new() { From = "pack", To = "end" }],
    };

    // start → paid (wait for payment.captured; after a day → remind) → ship → end; remind → end
    private static GraphDefinition Payment(string? correlation = null) => new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start },
            new() { Key = "paid", Type = NodeType.Wait, Message = "payment.captured", CorrelationField = correlation, TimeoutMinutes = 1440 },
            new() { Key = "ship", Type = NodeType.Task, Capability = "shipping" },
            new() { Key = "remind", Type = NodeType.Task, Capability = "support" },
            new() { Key = "end", Type = NodeType.End },
        ],
        Edges =
        [
            new() { From = "start", To = "paid" },
            new() { From = "paid", To = "ship" },
            new() { From = "paid", To = "remind", Outcome = "timeout" },
            new() { From = "ship", To = "end" },
            new() { From = "remind", To = "end" },
        ],
    };

    private static Task<JobDto> OrderAsync(FlowTestHost host, string reference, JsonObject? data = null) =>
        host.Engine.Jobs.StartJobAsync(Manager, new StartJobRequest("orders", null, 1, reference, 0, null, data));

    private static Task<MessageDto> SendAsync(FlowTestHost host, string key, JsonObject? data = null) =>
        host.Engine.Jobs.SendMessageAsync(Manager, new SendMessageRequest("payment.captured", key, data));

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_timer_holds_the_token_until_its_time_then_lets_it_go_on(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("glue", Cooling(120));
        var job = await host.JobAsync("glue");

        var token = (await host.Engine.Jobs.GetTokensAsync(job.Id)).Single();
        (token.Node, token.State).ShouldBe(("cool", TokenStates.Waiting));
        host.Clock.Advance(TimeSpan.FromMinutes(119));
        (await host.Engine.Upkeep.RunDueTimersAsync()).TimersFired.ShouldBe(0);
        (await host.Engine.Jobs.GetTokensAsync(job.Id)).Single().Node.ShouldBe("cool");

        host.Clock.Advance(TimeSpan.FromMinutes(1));
        (await host.Engine.Upkeep.RunDueTimersAsync()).TimersFired.ShouldBe(1);
        token = (await host.Engine.Jobs.GetTokensAsync(job.Id)).Single();
        (token.Node, token.State).ShouldBe(("pack", TokenStates.Active));
        (await host.ItemsAsync(job.Id, "pack")).ShouldHaveSingleItem();
        (await host.EventsAsync(job.Id)).Select(e => e.Type).ShouldContain("timer_fired");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_timer_waits_until_a_date_from_the_data_and_a_past_or_missing_date_holds_nothing(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("glue", Cooling(minutes: null, until: "ready_at"));
        var later = await host.JobAsync("glue", data: new JsonObject { ["ready_at"] = host.Clock.GetUtcNow().AddHours(3).ToString("O") });
        var past = await host.JobAsync("glue", data: new JsonObject { ["ready_at"] = "2020-01-01T00:00:00Z" });
        var missing = await host.JobAsync("glue");

        (await host.Engine.Jobs.GetTokensAsync(later.Id)).Single().Node.ShouldBe("cool");
        (await host.Engine.Jobs.GetTokensAsync(past.Id)).Single().Node.ShouldBe("pack");
        (await host.Engine.Jobs.GetTokensAsync(missing.Id)).Single().Node.ShouldBe("pack");
        (await host.EventsAsync(missing.Id)).Select(e => e.Type).ShouldContain("timer_date_missing");
        host.Clock.Advance(TimeSpan.FromHours(3));
        await host.Engine.Upkeep.RunDueTimersAsync();
        (await host.Engine.Jobs.GetTokensAsync(later.Id)).Single().Node.ShouldBe("pack");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_timer_on_a_date_from_the_data_follows_the_data_when_the_job_is_replanned(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("glue", Cooling(minutes: null, until: "ready_at"));
        var start = host.Clock.GetUtcNow();
        var later = await host.JobAsync("glue", data: new JsonObject { ["ready_at"] = start.AddMinutes(10).ToString("O"), ["lot"] = "L-7" });
        var sooner = await host.JobAsync("glue", data: new JsonObject { ["ready_at"] = start.AddMinutes(10).ToString("O") });

        // Pushed back twice (as an auction's end is by late bids), and brought forward into the past.
        await host.Engine.Jobs.ReplanJobAsync(Manager, later.Id, new ReplanJobRequest(null, null, new JsonObject { ["ready_at"] = start.AddMinutes(12).ToString("O") }));
        await host.Engine.Jobs.ReplanJobAsync(Manager, later.Id, new ReplanJobRequest(null, null, new JsonObject { ["ready_at"] = start.AddMinutes(14).ToString("O") }));
        await host.Engine.Jobs.ReplanJobAsync(Manager, sooner.Id, new ReplanJobRequest(null, null, new JsonObject { ["ready_at"] = start.AddMinutes(-1).ToString("O") }));
        (await host.Engine.Upkeep.RunDueTimersAsync()).TimersFired.ShouldBe(1);
        (await host.Engine.Jobs.GetTokensAsync(sooner.Id)).Single().Node.ShouldBe("pack");

        host.Clock.Advance(TimeSpan.FromMinutes(10));
        (await host.Engine.Upkeep.RunDueTimersAsync()).TimersFired.ShouldBe(0);
        (await host.Engine.Jobs.GetTokensAsync(later.Id)).Single().Node.ShouldBe("cool");
        host.Clock.Advance(TimeSpan.FromMinutes(4));
        (await host.Engine.Upkeep.RunDueTimersAsync()).TimersFired.ShouldBe(1);
        (await host.Engine.Jobs.GetTokensAsync(later.Id)).Single().Node.ShouldBe("pack");

        var job = await host.Engine.Jobs.GetJobAsync(later.Id);
        job.Data!["lot"]!.GetValue<string>().ShouldBe("L-7");
        var moves = (await host.EventsAsync(later.Id)).Where(e => e.Type == "timer_moved").ToList();
        moves.Count.ShouldBe(2);
        // A change of other fields leaves the timer where it is; bad data is refused.
        (await Should.ThrowAsync<WeftException>(() => host.Engine.Jobs.ReplanJobAsync(Manager, later.Id, new ReplanJobRequest(null, null, [])))).Code
            .ShouldBe("validation_failed");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_timer_set_before_a_restart_fires_after_it(string provider)
    {
        var host = await FlowTestHost.StartAsync(provider);
        try
        {
            await host.PublishAsync("glue", Cooling(45));
            var job = await host.JobAsync("glue");
            host = await host.RestartAsync();
            host.Clock.Advance(TimeSpan.FromMinutes(45));

            (await host.Engine.Upkeep.RunDueTimersAsync()).TimersFired.ShouldBe(1);
            (await host.Engine.Jobs.GetTokensAsync(job.Id)).Single().Node.ShouldBe("pack");
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_message_sent_after_the_token_arrived_wakes_it_with_its_data(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("orders", Payment());
        var order = await OrderAsync(host, "1042");
        var other = await OrderAsync(host, "1043");
        (await host.Engine.Jobs.GetTokensAsync(order.Id)).Single().State.ShouldBe(TokenStates.Waiting);

        var sent = await SendAsync(host, "1042", new JsonObject { ["amount"] = 99.5, ["psp"] = "stripe" });

        sent.State.ShouldBe("consumed");
        var token = (await host.Engine.Jobs.GetTokensAsync(order.Id)).Single();
        sent.Tokens.ShouldBe([token.Id]);
        (token.Node, token.State).ShouldBe(("ship", TokenStates.Active));
        var item = (await host.ItemsAsync(order.Id, "ship")).Single();
        (await host.Engine.Jobs.GetTokensAsync(other.Id)).Single().Node.ShouldBe("paid", "another order's payment is not this one's");
        // The message's data is the token's now: a decision later on could route on it.
        (await host.EventsAsync(order.Id)).ShouldContain(e => e.Type == "message_received" && e.TokenId == token.Id);
        item.Node.ShouldBe("ship");
        // The timeout no longer applies to it.
        host.Clock.Advance(TimeSpan.FromDays(2));
        await host.Engine.Upkeep.RunDueTimersAsync();
        (await host.Engine.Jobs.GetTokensAsync(order.Id)).Single().Node.ShouldBe("ship");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_message_sent_before_the_token_arrives_is_kept_for_it(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("orders", Payment());

        var early = await SendAsync(host, "2001", new JsonObject { ["amount"] = 10 });
        early.State.ShouldBe("kept");
        early.Tokens.ShouldBeEmpty();
        var order = await OrderAsync(host, "2001");

        (await host.Engine.Jobs.GetTokensAsync(order.Id)).Single().Node.ShouldBe("ship");
        // Consumed once: the next order with the same key waits for a message of its own.
        var again = await OrderAsync(host, "2001");
        (await host.Engine.Jobs.GetTokensAsync(again.Id)).Single().Node.ShouldBe("paid");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_wait_times_out_by_its_timeout_edge_and_a_late_message_is_kept(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("orders", Payment(correlation: "order.id"));
        var order = await OrderAsync(host, "REF-A", new JsonObject { ["order"] = new JsonObject { ["id"] = 77 } });

        host.Clock.Advance(TimeSpan.FromMinutes(1440));
        (await host.Engine.Upkeep.RunDueTimersAsync()).TimersFired.ShouldBe(1);

        var token = (await host.Engine.Jobs.GetTokensAsync(order.Id)).Single();
        (token.Node, token.State).ShouldBe(("remind", TokenStates.Active));
        (await host.EventsAsync(order.Id)).Select(e => e.Type).ShouldContain("wait_timed_out");
        (await SendAsync(host, "77")).State.ShouldBe("kept");
        (await host.Engine.Jobs.GetTokensAsync(order.Id)).Single().Node.ShouldBe("remind");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Statistics_count_the_tokens_waiting_at_a_wait_node_and_those_that_went_on(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("orders", Payment());
        foreach (var reference in new[] { "S1", "S2", "S3" }) await OrderAsync(host, reference);
        await SendAsync(host, "S2");

        var stats = await host.Engine.Graphs.GetStatisticsAsync("orders", 1);

        var paid = stats.Nodes.Single(n => n.Node == "paid");
        (paid.Type, paid.Waiting, paid.InProgress, paid.Completed).ShouldBe(("wait", 2, 0, 1));
        stats.Bottleneck.ShouldBe("ship", "waiting for a message is not work");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_cancelled_token_stops_waiting(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("orders", Payment());
        var order = await OrderAsync(host, "3003");
        var token = (await host.Engine.Jobs.GetTokensAsync(order.Id)).Single();

        await host.Engine.Jobs.CancelTokensAsync(Manager, new CancelTokensRequest([token.Id], CancelReasons.Permanent, null));

        (await SendAsync(host, "3003")).State.ShouldBe("kept");
        host.Clock.Advance(TimeSpan.FromDays(2));
        (await host.Engine.Upkeep.RunDueTimersAsync()).TimersFired.ShouldBe(0, "its timeout went with it");
        (await host.Engine.Jobs.GetTokensAsync(order.Id)).Single().State.ShouldBe(TokenStates.Cancelled);
        (await host.Engine.Jobs.GetJobAsync(order.Id)).State.ShouldBe("cancelled");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Invalid_messages_are_refused_and_change_nothing(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("orders", Payment());
        var order = await OrderAsync(host, "4004");

        await RefusedAsync(() => host.Engine.Jobs.SendMessageAsync(Manager, new SendMessageRequest("payment captured", "4004", null)),
            Weft.Platform.Errors.ErrorKind.Invalid, "validation_failed");
        await RefusedAsync(() => host.Engine.Jobs.SendMessageAsync(Manager, new SendMessageRequest("payment.captured", " ", null)),
            Weft.Platform.Errors.ErrorKind.Invalid, "validation_failed");

        (await host.Engine.Jobs.GetTokensAsync(order.Id)).Single().Node.ShouldBe("paid");
    }
}
