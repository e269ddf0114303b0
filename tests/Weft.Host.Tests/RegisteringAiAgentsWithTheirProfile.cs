using System.Net;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Host.Tests;

/// <summary>
/// An admin makes an AI agent in one request: the engine registers the agent of kind ai and the AI module adds its profile
/// in the same transaction, so a refusal of either leaves neither (the engine cannot remove an agent once registered).
/// </summary>
public sealed class RegisteringAiAgentsWithTheirProfile
{
    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task An_agent_and_its_profile_are_made_together(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);

        var profile = await api.OkAsync(HttpMethod.Post, "/api/v1/ai/agents", new
        {
            description = "Answers customers about their orders.", models = new[] { "gpt-4o-mini", "claude-haiku-4-5" }, temperature = 0.3,
            budgetPerDay = 5m,
            newAgent = new { key = "concierge", name = "Concierge", capabilities = new[] { new { name = "Answer", level = 2 } }, wipLimit = 4 },
        });

        profile["agent"]!.GetValue<string>().ShouldBe("concierge");
        profile["name"]!.GetValue<string>().ShouldBe("Concierge");
        profile["status"]!.GetValue<string>().ShouldBe("available");
        profile["models"]!.AsArray().Select(m => m!.GetValue<string>()).ShouldBe(["gpt-4o-mini", "claude-haiku-4-5"]);
        var agent = await api.OkAsync(HttpMethod.Get, "/api/v1/agents/concierge");
        agent["kind"]!.GetValue<string>().ShouldBe("ai");
        agent["wipLimit"]!.GetValue<int>().ShouldBe(4);
        agent["capabilities"]![0]!["name"]!.GetValue<string>().ShouldBe("answer");
        agent["capabilities"]![0]!["level"]!.GetValue<int>().ShouldBe(2);
        (await api.OkAsync(HttpMethod.Get, "/api/v1/ai/agents/concierge"))["budgetPerDay"]!.GetValue<decimal>().ShouldBe(5m);
        var audit = await api.AuditAsync();
        audit.ShouldContain(e => e.Type() == "agent_registered");
        audit.ShouldContain(e => e.Type() == "ai_agent_created");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_refused_profile_leaves_no_agent_and_every_field_is_answered_at_once(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await api.OkAsync(HttpMethod.Post, "/api/v1/agents", new { key = "busy", name = "Busy", kind = "ai" });
        await api.DrainEventsAsync();
        var before = await SecurityFixtures.TenantSnapshotAsync(api.Services, 1);

        // The engine registers 'scribe', then the chain names an embeddings model: the whole request rolls back.
        var notChat = await (await api.PostAsync("/api/v1/ai/agents", new { models = new[] { "text-embedding-3-small" }, newAgent = new { key = "scribe", name = "Scribe" } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        notChat["errors"]!["models"]![0]!.GetValue<string>().ShouldBe("Model 'text-embedding-3-small' is an embeddings model, not a chat model.");
        // The engine's rules answer for the new agent's fields, named as the request names them, with the profile's.
        var invalid = await (await api.PostAsync("/api/v1/ai/agents", new
        {
            models = new[] { "gpt-4o-mini" }, temperature = 3, newAgent = new { key = "lev", wipLimit = 0 },
        })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        invalid["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["temperature", "newAgent.name", "newAgent.wipLimit"], ignoreOrder: true);
        invalid["errors"]!["newAgent.name"]![0]!.GetValue<string>().ShouldBe("'name' is required.");
        await (await api.PostAsync("/api/v1/ai/agents", new { models = new[] { "gpt-4o-mini" }, newAgent = new { key = "busy", name = "Busy again" } }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "agent_exists");
        await (await api.PostAsync("/api/v1/ai/agents", new { agent = "busy", models = new[] { "gpt-4o-mini" }, newAgent = new { key = "x", name = "X" } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await api.DrainEventsAsync();

        (await api.GetAsync("/api/v1/agents/scribe")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.OkAsync(HttpMethod.Get, "/api/v1/ai/agents"))["items"]!.AsArray().ShouldBeEmpty();
        (await SecurityFixtures.TenantSnapshotAsync(api.Services, 1)).ShouldBe(before);
        (await api.AuditAsync()).ShouldNotContain(e => e.Type() == "ai_agent_created");
    }
}
