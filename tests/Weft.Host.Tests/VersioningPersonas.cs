using System.Net;
using System.Text.Json.Nodes;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;
using Weft.Testing.FakeProviders;

namespace Weft.Host.Tests;

/// <summary>
/// An admin writes an AI agent's instructions as a draft, tries the draft, publishes it, publishes a change, and rolls
/// back to the first version: each run gets the instructions of the version it ran with, variables filled in.
/// </summary>
public sealed class VersioningPersonas
{
    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Versions_are_published_tried_and_rolled_back_and_each_run_uses_its_own(string provider)
    {
        await using var fake = await FakeProviderServer.StartAsync();
        await using var api = await WeftApi.StartAsync(provider);
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/providers", new { key = "fake", name = "Fake", kind = "openai_compatible", baseUrl = fake.OpenAIBaseUrl.AbsoluteUri });
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/models", new { key = "m", kind = "openai_compatible", provider = "fake", purpose = "chat", contextWindow = 8192, inputPrice = 1 });
        await api.OkAsync(HttpMethod.Post, "/api/v1/agents", new { key = "concierge", name = "Concierge", kind = "ai" });
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/agents", new { agent = "concierge", models = new[] { "m" } });
        const string persona = "/api/v1/ai/agents/concierge/persona";
        var customer = new JsonObject { ["customer"] = new JsonObject { ["name"] = "Clara" } };

        // No instructions yet: a run goes without a system message.
        await RunAsync(api, null, null);
        SystemPromptOf(fake.LastRequest).ShouldBeNull();

        var draft = await api.OkAsync(HttpMethod.Put, $"{persona}/draft", new { instructions = "You help {{customer.name}} politely." });
        draft["draft"]!["variables"]!.AsArray().Select(v => v!.GetValue<string>()).ShouldBe(["customer.name"]);
        draft["active"].ShouldBeNull();
        (await RunAsync(api, customer, "draft"))["persona"]!.GetValue<int>().ShouldBe(0);
        SystemPromptOf(fake.LastRequest).ShouldBe("You help Clara politely.");

        var v1 = await api.OkAsync(HttpMethod.Post, $"{persona}/publish", new { note = "First words" });
        v1["active"]!.GetValue<int>().ShouldBe(1);
        await (await api.PostAsync($"{persona}/publish", new { })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "persona_unchanged");
        await api.OkAsync(HttpMethod.Put, $"{persona}/draft", new { instructions = "You help {{customer.name}} politely.\nAnswer in their language." });
        (await api.OkAsync(HttpMethod.Post, $"{persona}/publish", new { note = "Languages" }))["active"]!.GetValue<int>().ShouldBe(2);

        (await RunAsync(api, customer, null))["persona"]!.GetValue<int>().ShouldBe(2);
        SystemPromptOf(fake.LastRequest).ShouldBe("You help Clara politely.\nAnswer in their language.");

        // Rolled back: runs use version 1 again; version 2 stays, unchanged.
        var rolledBack = await api.OkAsync(HttpMethod.Post, $"{persona}/versions/1/activate");
        rolledBack["active"]!.GetValue<int>().ShouldBe(1);
        rolledBack["versions"]!.AsArray().Select(v => (v!["number"]!.GetValue<int>(), v["active"]!.GetValue<bool>(), v["note"]!.GetValue<string>()))
            .ShouldBe([(1, true, "First words"), (2, false, "Languages")]);
        (await RunAsync(api, customer, null))["persona"]!.GetValue<int>().ShouldBe(1);
        SystemPromptOf(fake.LastRequest).ShouldBe("You help Clara politely.");

        var diff = await api.OkAsync(HttpMethod.Get, $"{persona}/diff?from=1&to=2");
        diff["lines"]!.AsArray().Select(l => l!["kind"]!.GetValue<string>()).ShouldBe(["same", "added"]);

        // A variable without a value refuses the run before any model is asked; unknown versions are named.
        var before = fake.Requests.Count;
        await (await api.PostAsync("/api/v1/ai/agents/concierge/runs", new { input = "Hi" })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "persona_variables_missing");
        fake.Requests.Count.ShouldBe(before);
        await (await api.PostAsync($"{persona}/versions/7/activate")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "persona_version_not_found");
        await (await api.GetAsync($"{persona}/diff?from=1&to=latest")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid_persona_version");
        await (await api.PostAsync("/api/v1/ai/agents/concierge/runs", new { input = "Hi", variables = customer, persona = "9" })).ShouldBeProblemAsync(HttpStatusCode.NotFound, "persona_version_not_found");

        var audit = await api.AuditAsync();
        audit.Where(e => e.Type().StartsWith("ai_persona_", StringComparison.Ordinal)).Select(e => e.Type())
            .ShouldBe(["ai_persona_published", "ai_persona_published", "ai_persona_activated"]);
    }

    private static Task<JsonNode> RunAsync(WeftApi api, JsonObject? variables, string? persona) =>
        api.OkAsync(HttpMethod.Post, "/api/v1/ai/agents/concierge/runs", new { input = "Where is my parcel?", variables, persona });

    private static string? SystemPromptOf(RecordedRequest request) =>
        request.Body!["messages"]!.AsArray().FirstOrDefault(m => m!["role"]!.GetValue<string>() == "system")?["content"]?.GetValue<string>();

}
