using System.Text.Json.Nodes;
using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Testing;
using static Weft.Flow.Tests.Scenarios.ScenarioKit;

namespace Weft.Flow.Tests.Scenarios;

/// <summary>
/// A task's deadline: met, nothing happens; missed, the breach is recorded and a manager told, and
/// unstarted work is escalated (a higher level, or another capability) and assigned again; started
/// work is not taken from whoever does it.
/// </summary>
public sealed class MissingDeadlines
{
    // start → answer (auto, "support" level 1, deadline 60 min, escalation as given) → end
    private static GraphDefinition Answering(int? toLevel = null, string? toCapability = null, double? minutes = 60, string? field = null) => new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start },
            new()
            {
                Key = "answer", Type = NodeType.Task, Capability = "support", Assignment = AssignmentMode.Auto,
                DeadlineMinutes = minutes, DeadlineField = field, EscalateToLevel = toLevel, EscalateToCapability = toCapability,
            },
            new() { Key = "end", Type = NodeType.End },
        ],
        Edges = [new() { From = "start", To = "answer" }, new() { From = "answer", To = "end" }],
    };

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Work_done_in_time_leaves_no_trace_of_its_deadline(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("tickets", Answering(toLevel: 2));
        await host.AgentAsync("jun", 5, new CapabilityDto("support", 1));
        var job = await host.JobAsync("tickets");
        var item = (await host.ItemsAsync(job.Id)).Single();
        item.Agent.ShouldBe("jun");
        await host.Engine.Work.StartAsync(new CommandContext("jun"), item.Id);
        await host.Engine.Work.CompleteAsync(new CommandContext("jun"), item.Id, null, null);

        host.Clock.Advance(TimeSpan.FromMinutes(61));
        await host.Engine.Upkeep.RunDueTimersAsync();

        (await host.EventsAsync(job.Id)).ShouldNotContain(e => e.Type == "deadline_breached");
        (await host.Engine.Inbox.ListInboxAsync("open", null, null)).Items.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Unstarted_work_past_its_deadline_needs_a_higher_level_and_goes_to_someone_who_has_it(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("tickets", Answering(toLevel: 2));
        await host.AgentAsync("jun", 5, new CapabilityDto("support", 1));
        var job = await host.JobAsync("tickets");
        await host.AgentAsync("sen", 5, new CapabilityDto("support", 3));
        (await host.ItemsAsync(job.Id)).Single().Agent.ShouldBe("jun");

        host.Clock.Advance(TimeSpan.FromMinutes(60));
        await host.Engine.Upkeep.RunDueTimersAsync();

        var item = (await host.ItemsAsync(job.Id)).Single();
        (item.Level, item.Agent, item.State).ShouldBe((2, "sen", WorkItemStates.Assigned));
        var events = await host.EventsAsync(job.Id);
        events.ShouldContain(e => e.Type == "deadline_breached");
        events.ShouldContain(e => e.Type == "work_item_escalated");
        var inbox = (await host.Engine.Inbox.ListInboxAsync("open", null, null)).Items.ShouldHaveSingleItem();
        (inbox.Reason, inbox.WorkItemId).ShouldBe(("deadline_breached", item.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Unstarted_work_past_its_deadline_can_move_to_another_capability(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("tickets", Answering(toCapability: "Escalations", minutes: null, field: "sla_due"));
        var job = await host.JobAsync("tickets", data: new JsonObject { ["sla_due"] = host.Clock.GetUtcNow().AddMinutes(30).ToString("O") });
        (await host.ItemsAsync(job.Id)).Single().State.ShouldBe(WorkItemStates.Ready, "nobody can do support yet");
        await host.AgentAsync("lead", 5, new CapabilityDto("escalations", 1));

        host.Clock.Advance(TimeSpan.FromMinutes(30));
        await host.Engine.Upkeep.RunDueTimersAsync();

        var item = (await host.ItemsAsync(job.Id)).Single();
        (item.Capability, item.Agent).ShouldBe(("escalations", "lead"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Started_work_past_its_deadline_stays_with_whoever_does_it_and_a_manager_is_told(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("tickets", Answering(toLevel: 3));
        await host.AgentAsync("jun", 5, new CapabilityDto("support", 1));
        var job = await host.JobAsync("tickets");
        var item = (await host.ItemsAsync(job.Id)).Single();
        await host.Engine.Work.StartAsync(new CommandContext("jun"), item.Id);

        host.Clock.Advance(TimeSpan.FromHours(2));
        await host.Engine.Upkeep.RunDueTimersAsync();

        item = (await host.ItemsAsync(job.Id)).Single();
        (item.Agent, item.State, item.Level).ShouldBe(("jun", WorkItemStates.InProgress, 1));
        (await host.Engine.Inbox.ListInboxAsync("open", null, null)).Items.ShouldHaveSingleItem().Reason.ShouldBe("deadline_breached");
    }
}
