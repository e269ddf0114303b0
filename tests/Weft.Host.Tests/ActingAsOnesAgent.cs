using System.Net;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;
using static Weft.Host.Tests.Infrastructure.SignInKit;

namespace Weft.Host.Tests;

/// <summary>
/// People work items as the agent linked to their account, and every command is recorded under
/// the signed-in person's name: the event log says who did what.
/// </summary>
public sealed class ActingAsOnesAgent
{
    private const string Operator = "op@test.weft";
    private const string Manager = "mgr@test.weft";

    private sealed record Scene(WeftApi Api, WeftCaller Operator, WeftCaller Manager, long JobId, long ItemId);

    /// <summary>Agents eve and bob; an operator linked to eve; a manager (no agent) who published g1 and started one job.</summary>
    private static async Task<Scene> SceneAsync(WeftApi api)
    {
        await api.RegisterAgentAsync("eve");
        await api.RegisterAgentAsync("bob");
        await api.CreateUserAsync(Operator, "operator", agent: "eve");
        await api.CreateUserAsync(Manager, "manager");
        var manager = await api.AsUserAsync(Manager);
        await PublishAsync(manager, "g1", Fixtures.OneTask());
        var job = await manager.OkAsync(HttpMethod.Post, "/api/v1/jobs", new { graph = "g1", quantity = 1, reference = "R-1" });
        var jobId = job["id"]!.GetValue<long>();
        var items = await manager.OkAsync(HttpMethod.Get, $"/api/v1/work-items?job={jobId}&state=ready");
        return new Scene(api, await api.AsUserAsync(Operator), manager, jobId, items["items"]![0]!["id"]!.GetValue<long>());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_operator_works_items_as_their_linked_agent_and_the_events_name_them(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var s = await SceneAsync(api);

        var claimed = await s.Operator.OkAsync(HttpMethod.Post, $"/api/v1/work-items/{s.ItemId}/claim", new { });
        claimed["agent"]!.GetValue<string>().ShouldBe("eve");
        claimed["state"]!.GetValue<string>().ShouldBe("assigned");
        (await s.Operator.OkAsync(HttpMethod.Post, $"/api/v1/work-items/{s.ItemId}/start", new { }))["state"]!.GetValue<string>().ShouldBe("in_progress");
        var completed = await s.Operator.OkAsync(HttpMethod.Post, $"/api/v1/work-items/{s.ItemId}/complete", new { });
        completed["state"]!.GetValue<string>().ShouldBe("completed");
        completed["agent"]!.GetValue<string>().ShouldBe("eve");
        (await s.Manager.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{s.JobId}"))["state"]!.GetValue<string>().ShouldBe("completed");

        var events = await EventsAsync(s.Manager, s.JobId);
        foreach (var type in new[] { "work_item_claimed", "work_item_started", "work_item_completed" })
            events.Single(e => e.Type() == type).Actor().ShouldBe(Operator);
        events.Single(e => e.Type() == "work_item_claimed")["data"]!["agent"]!.GetValue<string>().ShouldBe("eve");
        events.Single(e => e.Type() == "job_started").Actor().ShouldBe(Manager);
        (await s.Operator.OkAsync(HttpMethod.Get, "/api/v1/auth/me"))["agent"]!.GetValue<string>().ShouldBe("eve");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Nobody_works_an_item_as_an_agent_not_linked_to_them(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var s = await SceneAsync(api);
        var before = await s.Manager.OkAsync(HttpMethod.Get, $"/api/v1/work-items/{s.ItemId}");
        var eventsBefore = (await EventsAsync(s.Manager, s.JobId)).Count;

        // The operator may not act as bob; the manager, linked to no agent, may not work items at all.
        await (await s.Operator.PostAsync($"/api/v1/work-items/{s.ItemId}/claim", new { agent = "bob" }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "not_your_agent");
        await (await s.Manager.PostAsync($"/api/v1/work-items/{s.ItemId}/claim", new { }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "no_linked_agent");
        await (await s.Manager.PostAsync($"/api/v1/work-items/{s.ItemId}/claim", new { agent = "eve" }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "no_linked_agent");
        // Nor may the admin's key, which has every scope but no agent.
        await (await api.PostAsync($"/api/v1/work-items/{s.ItemId}/claim", new { agent = "eve" }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "no_linked_agent");
        // A viewer lacks the permission in the first place.
        await api.CreateUserAsync("viewer@test.weft", "viewer");
        var viewer = await api.AsUserAsync("viewer@test.weft");
        await (await viewer.PostAsync($"/api/v1/work-items/{s.ItemId}/claim", new { }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        var after = await s.Manager.OkAsync(HttpMethod.Get, $"/api/v1/work-items/{s.ItemId}");
        after["state"]!.GetValue<string>().ShouldBe("ready");
        after["agent"].ShouldBeNull();
        after["version"]!.GetValue<int>().ShouldBe(before["version"]!.GetValue<int>());
        (await EventsAsync(s.Manager, s.JobId)).Count.ShouldBe(eventsBefore);

        // Naming one's own agent is fine; and bob's program cannot start the item eve holds.
        (await s.Operator.OkAsync(HttpMethod.Post, $"/api/v1/work-items/{s.ItemId}/claim", new { agent = "eve" }))["agent"]!
            .GetValue<string>().ShouldBe("eve");
        var bob = await api.AsAsync("bob");
        await (await bob.PostAsync($"/api/v1/work-items/{s.ItemId}/start", new { })).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "not_your_work_item");
        (await s.Manager.OkAsync(HttpMethod.Get, $"/api/v1/work-items/{s.ItemId}"))["state"]!.GetValue<string>().ShouldBe("assigned");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_managers_decisions_are_recorded_under_their_name_in_the_events_and_the_audit_trail(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var s = await SceneAsync(api);
        // Work nobody can take goes to the inbox.
        await PublishAsync(s.Manager, "gild", Fixtures.OneTask(capability: "gilding", assignment: "auto"));
        var stuck = (await s.Manager.OkAsync(HttpMethod.Post, "/api/v1/jobs", new { graph = "gild", quantity = 1, reference = "G-1" }))["id"]!.GetValue<long>();
        var entry = (await s.Manager.OkAsync(HttpMethod.Get, "/api/v1/inbox?state=open"))["items"]!.AsArray().Single()!;
        entry["jobId"]!.GetValue<long>().ShouldBe(stuck);

        var resolved = await s.Manager.OkAsync(HttpMethod.Post, $"/api/v1/inbox/{entry["id"]}/resolve", new { action = "dismiss", note = "not this week" });
        resolved["resolvedBy"]!.GetValue<string>().ShouldBe(Manager);
        var token = (await s.Manager.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{s.JobId}/tokens")).AsArray().First(t => t!["parentTokenId"] is null)!;
        await s.Manager.OkAsync(HttpMethod.Post, $"/api/v1/tokens/{token["id"]}/cancel", new { reason = "permanent" });

        (await s.Manager.OkAsync(HttpMethod.Get, "/api/v1/graphs/g1/versions/1"))["publishedBy"]!.GetValue<string>().ShouldBe(Manager);
        (await EventsAsync(s.Manager, s.JobId)).Single(e => e.Type() == "token_cancelled").Actor().ShouldBe(Manager);
        (await EventsAsync(s.Manager, stuck)).Single(e => e.Type() == "inbox_resolved").Actor().ShouldBe(Manager);

        var audit = await api.AuditAsync();
        audit.Where(e => e.Type() == "graph_published").Select(e => e.Actor()).ShouldBe([Manager, Manager]);
        audit.Single(e => e.Type() == "token_cancelled").Actor().ShouldBe(Manager);
        audit.Single(e => e.Type() == "inbox_resolved").Actor().ShouldBe(Manager);
        // Work done by agents is in the job's events, not in the audit trail.
        audit.ShouldNotContain(e => e.Type().StartsWith("work_item_", StringComparison.Ordinal));

        // The audit trail is for admins only.
        await (await s.Manager.SendAsync(HttpMethod.Get, "/api/v1/audit")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }
}
