using System.Text.Json.Nodes;
using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Platform.Errors;
using Weft.Testing;
using static Weft.Flow.Tests.Scenarios.ScenarioKit;

namespace Weft.Flow.Tests.Assignment;

/// <summary>
/// A task that requires capabilities named in the token's data (a team) goes only to agents who hold them too, pushed or
/// pulled; capabilities it prefers (a language) rank the able agents but never hold the work back.
/// </summary>
public sealed class RoutingByRequiredAndPreferredCapabilities
{
    // start → answer ("support", auto unless pool, requires the capabilities in 'team', prefers those in 'language') → end
    private static GraphDefinition Answering(AssignmentMode assignment = AssignmentMode.Auto, string? escalateTo = null, int? escalateToLevel = null) => new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start },
            new()
            {
                Key = "answer", Type = NodeType.Task, Capability = "support", Assignment = assignment, RequireField = "team", PreferField = "language",
                DeadlineMinutes = escalateTo is null && escalateToLevel is null ? null : 60, EscalateToCapability = escalateTo, EscalateToLevel = escalateToLevel,
            },
            new() { Key = "end", Type = NodeType.End },
        ],
        Edges = [new() { From = "start", To = "answer" }, new() { From = "answer", To = "end" }],
    };

    // start → triage ("triage", pool) → answer (as above) → end: triage's result names the team.
    private static GraphDefinition TriagedFirst() => new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start },
            new() { Key = "triage", Type = NodeType.Task, Capability = "triage" },
            new() { Key = "answer", Type = NodeType.Task, Capability = "support", Assignment = AssignmentMode.Auto, RequireField = "route.team" },
            new() { Key = "end", Type = NodeType.End },
        ],
        Edges = [new() { From = "start", To = "triage" }, new() { From = "triage", To = "answer" }, new() { From = "answer", To = "end" }],
    };

    private static JsonObject Data(string? team, string? language = null)
    {
        var data = new JsonObject();
        if (team is not null) data["team"] = team;
        if (language is not null) data["language"] = language;
        return data;
    }

    private static string Names(IReadOnlyList<string>? names) => string.Join(",", names ?? []);

    private static CapabilityDto[] Caps(params string[] names) => names.Select(n => new CapabilityDto(n)).ToArray();

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Work_for_a_team_goes_to_its_member_not_to_a_free_agent_of_another_team(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("tickets", Answering());
        // The technical agent is idle longest and least loaded: without the requirement it would get the work.
        await host.AgentAsync("tech", 5, Caps("support", "team:technical"));
        await host.AgentAsync("bill", 5, Caps("support", "team:billing"));
        await host.JobAsync("tickets", data: Data("team:billing"));
        var job = await host.JobAsync("tickets", data: Data("Team:Billing"));

        var item = (await host.ItemsAsync(job.Id)).Single();
        (item.Agent, Names(item.Requires)).ShouldBe(("bill", "team:billing"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Work_nobody_free_may_take_waits_for_a_member_and_is_reported_meanwhile(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("tickets", Answering());
        await host.AgentAsync("tech", 5, Caps("support", "team:technical"));
        var job = await host.JobAsync("tickets", data: Data("team:billing"));
        (await host.ItemsAsync(job.Id)).Single().State.ShouldBe(WorkItemStates.Ready);
        await host.Engine.Upkeep.SweepAsync();
        (await host.Engine.Inbox.ListInboxAsync("open", null, null)).Items.ShouldHaveSingleItem().Message.ShouldContain("'team:billing'");

        // A billing agent back at work is offered the waiting work (the eligible-work query asks for its team).
        await host.AgentAsync("bill", 5, Caps("support", "team:billing"));

        (await host.ItemsAsync(job.Id)).Single().Agent.ShouldBe("bill");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_agent_who_frees_capacity_finds_its_teams_work_behind_many_items_of_another_team(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("tickets", Answering());
        await host.AgentAsync("tech", 1, Caps("support", "team:technical"));
        var first = await host.JobAsync("tickets", data: Data("team:technical"));
        var held = (await host.ItemsAsync(first.Id)).Single();
        held.Agent.ShouldBe("tech");
        // Billing work of higher priority fills the head of the queue; the technical item waits behind it.
        for (var i = 0; i < 8; i++)
            await host.Engine.Jobs.StartJobAsync(Manager, new StartJobRequest("tickets", null, 1, $"B-{i}", 5, null, Data("team:billing")));
        var waiting = await host.JobAsync("tickets", data: Data("team:technical"));

        await host.Engine.Work.StartAsync(new CommandContext("tech"), held.Id);
        await host.Engine.Work.CompleteAsync(new CommandContext("tech"), held.Id, null, null);

        (await host.ItemsAsync(waiting.Id)).Single().Agent.ShouldBe("tech");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Pulling_work_of_another_team_is_refused_as_a_missing_capability(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("tickets", Answering(AssignmentMode.Pool));
        await host.AgentAsync("tech", 5, Caps("support", "team:technical"));
        await host.AgentAsync("bill", 5, Caps("support", "team:billing"));
        var job = await host.JobAsync("tickets", data: new JsonObject { ["team"] = new JsonArray("team:billing", "lang:pt") });
        var item = (await host.ItemsAsync(job.Id)).Single();
        item.Requires.ShouldBe(["team:billing", "lang:pt"]);

        (await host.Engine.Agents.GetAgentQueueAsync("bill")).Available.ShouldBeEmpty("bill does not speak Portuguese");
        await RefusedAsync(() => host.Engine.Work.ClaimAsync(new CommandContext("bill"), item.Id), ErrorKind.Forbidden, "capability_missing");
        await RefusedAsync(() => host.Engine.Work.ClaimAsync(new CommandContext("tech"), item.Id), ErrorKind.Forbidden, "capability_missing");

        await host.Engine.Agents.UpdateAgentAsync(Manager, "bill", new UpdateAgentRequest(null, null, Caps("support", "team:billing", "lang:pt"), null, null, null));
        (await host.Engine.Agents.GetAgentQueueAsync("bill")).Available.ShouldHaveSingleItem().Id.ShouldBe(item.Id);
        (await host.Engine.Agents.GetAgentQueueAsync("tech")).Available.ShouldBeEmpty();
        (await host.Engine.Work.ClaimAsync(new CommandContext("bill"), item.Id)).Agent.ShouldBe("bill");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Handing_work_to_someone_outside_its_team_is_refused(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("tickets", Answering());
        await host.AgentAsync("bill", 5, Caps("support", "team:billing"));
        await host.AgentAsync("tech", 5, Caps("support", "team:technical"));
        var job = await host.JobAsync("tickets", data: Data("team:billing"));
        var item = (await host.ItemsAsync(job.Id)).Single();

        await RefusedAsync(() => host.Engine.Work.HandoffAsync(new CommandContext("bill"), item.Id, "tech", null), ErrorKind.Rule, "target_lacks_capability");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_preferred_capability_ranks_first_and_never_holds_work_back(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("tickets", Answering());
        await host.AgentAsync("ana", 5, Caps("support", "team:billing", "lang:pt"));
        await host.AgentAsync("bob", 5, Caps("support", "team:billing"));
        await host.AgentAsync("tom", 5, Caps("support", "team:technical", "lang:pt"));
        // Ana holds more work than Bob: only her Portuguese puts her first.
        await host.JobAsync("tickets", data: Data("team:billing", "lang:pt"));
        var portuguese = await host.JobAsync("tickets", data: Data("team:billing", "lang:pt"));
        (await host.ItemsAsync(portuguese.Id)).Single().Agent.ShouldBe("ana");

        await host.Engine.Agents.UpdateAgentAsync(Manager, "ana", new UpdateAgentRequest(null, null, null, null, AgentStatuses.Away, null));
        var whileAway = await host.JobAsync("tickets", data: Data("team:billing", "lang:pt"));

        var item = (await host.ItemsAsync(whileAway.Id)).Single();
        (item.Agent, Names(item.Prefers)).ShouldBe(("bob", "lang:pt"), "the Portuguese speaker of another team is no choice");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Requirements_are_read_from_the_tokens_data_before_the_jobs(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("triaged", TriagedFirst());
        await host.AgentAsync("desk", 5, Caps("triage"));
        await host.AgentAsync("bill", 5, Caps("support", "team:billing"));
        await host.AgentAsync("tech", 5, Caps("support", "team:technical"));
        var fromJob = await host.JobAsync("triaged", data: new JsonObject { ["route"] = new JsonObject { ["team"] = "team:billing" } });
        var fromToken = await host.JobAsync("triaged", data: new JsonObject { ["route"] = new JsonObject { ["team"] = "team:billing" } });

        await host.DoAsync("desk", (await host.ItemsAsync(fromJob.Id, "triage")).Single().Id);
        await host.DoAsync("desk", (await host.ItemsAsync(fromToken.Id, "triage")).Single().Id,
            data: new JsonObject { ["route"] = new JsonObject { ["team"] = "team:technical" } });

        (await host.ItemsAsync(fromJob.Id, "answer")).Single().Agent.ShouldBe("bill");
        (await host.ItemsAsync(fromToken.Id, "answer")).Single().Agent.ShouldBe("tech");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Work_without_the_field_requires_nothing_more(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("tickets", Answering());
        await host.AgentAsync("tech", 5, Caps("support", "team:technical"));
        var job = await host.JobAsync("tickets");

        var item = (await host.ItemsAsync(job.Id)).Single();
        (item.Agent, item.Requires!.Count, item.Prefers!.Count).ShouldBe(("tech", 0, 0));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Escalating_to_another_capability_drops_the_team_and_keeps_the_language(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("tickets", Answering(escalateTo: "support-lead"));
        await host.AgentAsync("lead", 5, Caps("support-lead", "team:technical"));
        var job = await host.JobAsync("tickets", data: Data("team:billing", "lang:pt"));
        (await host.ItemsAsync(job.Id)).Single().State.ShouldBe(WorkItemStates.Ready, "nobody in billing");

        host.Clock.Advance(TimeSpan.FromMinutes(60));
        await host.Engine.Upkeep.RunDueTimersAsync();

        var item = (await host.ItemsAsync(job.Id)).Single();
        (item.Capability, item.Agent, Names(item.Requires), Names(item.Prefers)).ShouldBe(("support-lead", "lead", "", "lang:pt"));
        (await host.EventsAsync(job.Id)).Single(e => e.Type == "work_item_escalated").Data!["droppedRequirements"]!.AsArray()
            .Select(n => n!.GetValue<string>()).ShouldBe(["team:billing"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Escalating_to_a_higher_level_keeps_the_team(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("tickets", Answering(escalateToLevel: 2));
        await host.AgentAsync("junior", 5, new CapabilityDto("support", 1), new CapabilityDto("team:billing"));
        await host.AgentAsync("senior-tech", 5, new CapabilityDto("support", 3), new CapabilityDto("team:technical"));
        var job = await host.JobAsync("tickets", data: Data("team:billing"));
        (await host.ItemsAsync(job.Id)).Single().Agent.ShouldBe("junior");

        host.Clock.Advance(TimeSpan.FromMinutes(60));
        await host.Engine.Upkeep.RunDueTimersAsync();
        await host.AgentAsync("senior-bill", 5, new CapabilityDto("support", 2), new CapabilityDto("team:billing"));

        var item = (await host.ItemsAsync(job.Id)).Single();
        (item.Level, item.Agent, Names(item.Requires)).ShouldBe((2, "senior-bill", "team:billing"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Routing_assigned_work_to_another_team_moves_it_to_that_team(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("tickets", Answering());
        await host.AgentAsync("bill", 5, Caps("support", "team:billing"));
        await host.AgentAsync("tech", 5, Caps("support", "team:technical"));
        var job = await host.JobAsync("tickets", data: Data("team:billing"));
        var item = (await host.ItemsAsync(job.Id)).Single();
        item.Agent.ShouldBe("bill");

        var routed = await host.Engine.Work.RouteAsync(Manager, item.Id, new RouteWorkItemRequest(["team:technical"], null, item.Version));

        (routed.Agent, routed.State, Names(routed.Requires)).ShouldBe(("tech", WorkItemStates.Assigned, "team:technical"));
        (await host.EventsAsync(job.Id)).ShouldContain(e => e.Type == "work_item_routed");
        await RefusedAsync(() => host.Engine.Work.RouteAsync(Manager, item.Id, new RouteWorkItemRequest(["team:billing"], null, item.Version)),
            ErrorKind.Conflict, "stale_version");
        await RefusedAsync(() => host.Engine.Work.RouteAsync(Manager, item.Id, new RouteWorkItemRequest([" "], null)),
            ErrorKind.Invalid, "validation_failed");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Waiting_work_routed_to_a_team_with_someone_free_is_assigned_at_once(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("tickets", Answering());
        await host.AgentAsync("tech", 5, Caps("support", "team:technical"));
        var job = await host.JobAsync("tickets", data: Data("team:billing"));
        var item = (await host.ItemsAsync(job.Id)).Single();
        item.State.ShouldBe(WorkItemStates.Ready);

        var routed = await host.Engine.Work.RouteAsync(Manager, item.Id, new RouteWorkItemRequest(["team:technical"], ["lang:pt"]));

        (routed.Agent, Names(routed.Prefers)).ShouldBe(("tech", "lang:pt"));
        await RefusedAsync(() => host.Engine.Work.RouteAsync(Manager, 999_999, new RouteWorkItemRequest([], null)), ErrorKind.NotFound, "work_item_not_found");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Started_work_stays_with_its_holder_when_routed_elsewhere(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("tickets", Answering());
        await host.AgentAsync("bill", 5, Caps("support", "team:billing"));
        await host.AgentAsync("tech", 5, Caps("support", "team:technical"));
        var job = await host.JobAsync("tickets", data: Data("team:billing"));
        var item = (await host.ItemsAsync(job.Id)).Single();
        await host.Engine.Work.StartAsync(new CommandContext("bill"), item.Id);

        var routed = await host.Engine.Work.RouteAsync(Manager, item.Id, new RouteWorkItemRequest(["team:technical"], null));

        (routed.Agent, routed.State).ShouldBe(("bill", WorkItemStates.InProgress));
    }
}
