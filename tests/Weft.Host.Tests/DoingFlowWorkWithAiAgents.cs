using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Weft.Flow.Automation;
using Weft.Flow.Definitions;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;
using Weft.Testing.FakeProviders;

namespace Weft.Host.Tests;

/// <summary>
/// An AI agent holds work items in a flow like a person: assigned a task, it runs with the node's instructions, the
/// token's data and its persona; its structured answer, held to the node's schema, completes the item and routes the
/// token; a person reviews and corrects it next. An answer the schema refuses goes where automation failures go.
/// </summary>
public sealed class DoingFlowWorkWithAiAgents
{
    private static readonly JsonObject Schema = JsonNode.Parse("""
        {
          "type": "object",
          "properties": {
            "category": { "type": "string", "enum": ["refund", "delivery", "other"] },
            "outcome": { "type": "string", "enum": ["review", "done"] }
          },
          "required": ["category", "outcome"]
        }
        """)!.AsObject();

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task An_ai_agent_completes_a_task_with_structured_output_and_a_person_corrects_it(string provider)
    {
        await using var fake = await FakeProviderServer.StartAsync();
        await using var api = await WeftApi.StartAsync(provider);
        await SetUpAsync(api, fake, maxAttempts: null);
        fake.ScriptFor("chat-model", Reply.Text("""{"category":"refund","outcome":"review"}""", inputTokens: 500, outputTokens: 20));

        var job = await api.OkAsync(HttpMethod.Post, "/api/v1/jobs", new
        {
            graph = "support", quantity = 1, reference = "T-1",
            data = new { customer = new { name = "Ana" }, message = "My parcel never came and I want my money back." },
        });
        var jobId = job["id"]!.GetValue<long>();
        (await api.Services.GetRequiredService<AutomationRunner>().RunDueAsync(1)).ShouldBe(1);

        // The model was given the persona (its variable from the token's data), the node's instructions and the data,
        // and asked for the node's schema.
        var request = fake.LastRequest!.Body!;
        var messages = request["messages"]!.AsArray();
        messages[0]!["content"]!.ToString().ShouldBe("You triage support messages for Ana's store account.");
        var input = messages[1]!["content"]!.ToString();
        input.ShouldContain("Task: Triage");
        input.ShouldContain("Classify the customer's message.");
        input.ShouldContain("My parcel never came");
        request["response_format"]!["type"]!.GetValue<string>().ShouldBe("json_schema");

        var triage = (await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items?job={jobId}&state=completed"))["items"]!.AsArray().Single()!;
        triage["node"]!.GetValue<string>().ShouldBe("triage");
        triage["agent"]!.GetValue<string>().ShouldBe("triager");
        triage["outcome"]!.GetValue<string>().ShouldBe("review");
        var review = (await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items?job={jobId}&state=ready"))["items"]!.AsArray().Single()!;
        review["node"]!.GetValue<string>().ShouldBe("review");
        // The structured output is the token's data from here on; the answer itself is kept under the node's key.
        var result = triage["result"]!;
        result["category"]!.GetValue<string>().ShouldBe("refund");
        result["triage"]!["answer"]!.GetValue<string>().ShouldBe("""{"category":"refund","outcome":"review"}""");
        result["triage"]!["model"]!.GetValue<string>().ShouldBe("chat");
        var runId = result["triage"]!["run"]!.GetValue<long>();
        // The run is an AI run like any other: its cost is known. 500 × $1 + 20 × $4 per million = $0.00058.
        var run = await api.OkAsync(HttpMethod.Get, $"/api/v1/ai/runs/{runId}");
        run["cost"]!.GetValue<decimal>().ShouldBe(0.00058m);
        run["actor"]!.GetValue<string>().ShouldBe("flow:T-1/triage");

        // A person reviews it and corrects the category.
        var pat = await api.AsAsync("pat");
        var id = review["id"]!.GetValue<long>();
        await pat.OkAsync(HttpMethod.Post, $"/api/v1/work-items/{id}/claim", new { agent = "pat" });
        await pat.OkAsync(HttpMethod.Post, $"/api/v1/work-items/{id}/start", new { agent = "pat" });
        await pat.OkAsync(HttpMethod.Post, $"/api/v1/work-items/{id}/complete", new { agent = "pat", data = new { category = "delivery" } });
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{jobId}"))["state"]!.GetValue<string>().ShouldBe("completed");
        var reviewed = (await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items?job={jobId}&state=completed"))["items"]!.AsArray()
            .Single(w => w!["node"]!.GetValue<string>() == "review")!;
        reviewed["result"]!["category"]!.GetValue<string>().ShouldBe("delivery");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task An_answer_the_schema_refuses_sends_the_item_to_the_manager_inbox(string provider)
    {
        await using var fake = await FakeProviderServer.StartAsync();
        await using var api = await WeftApi.StartAsync(provider);
        await SetUpAsync(api, fake, maxAttempts: 1);
        fake.ScriptFor("chat-model", Reply.Text("""{"category":"weather","outcome":"review"}"""));

        var job = await api.OkAsync(HttpMethod.Post, "/api/v1/jobs", new { graph = "support", quantity = 1, reference = "T-2", data = new { customer = new { name = "Bo" }, message = "Hi" } });
        (await api.Services.GetRequiredService<AutomationRunner>().RunDueAsync(1)).ShouldBe(1);

        var item = (await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items?job={job["id"]}"))["items"]!.AsArray().Single()!;
        item["state"]!.GetValue<string>().ShouldBe("paused");
        var inbox = (await api.OkAsync(HttpMethod.Get, "/api/v1/inbox"))["items"]!.AsArray().Single()!;
        inbox["reason"]!.GetValue<string>().ShouldBe("automation_failed");
        inbox["message"]!.GetValue<string>().ShouldContain("does not match the node's output schema");
    }

    private static async Task SetUpAsync(WeftApi api, FakeProviderServer fake, int? maxAttempts)
    {
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/providers",
            new { key = "fake", name = "Fake", kind = "openai_compatible", baseUrl = fake.OpenAIBaseUrl.AbsoluteUri, apiKey = "sk-flow-1", timeoutSeconds = 10 });
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/models", new
        {
            key = "chat", kind = "openai_compatible", provider = "fake", providerModel = "chat-model", purpose = "chat", contextWindow = 32_000,
            inputPrice = 1m, outputPrice = 4m,
        });
        await api.OkAsync(HttpMethod.Post, "/api/v1/agents",
            new { key = "triager", name = "Triager", kind = "ai", capabilities = new[] { new { name = "triage", level = 1 } }, wipLimit = 5 });
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/agents", new { agent = "triager", models = new[] { "chat" } });
        await api.OkAsync(HttpMethod.Put, "/api/v1/ai/agents/triager/persona/draft",
            new { instructions = "You triage support messages for {{customer.name}}'s store account." });
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/agents/triager/persona/publish", new { });
        await api.OkAsync(HttpMethod.Post, "/api/v1/agents",
            new { key = "pat", name = "Pat", kind = "person", capabilities = new[] { new { name = "review", level = 1 } }, wipLimit = 5 });

        await api.OkAsync(HttpMethod.Post, "/api/v1/graphs", new { key = "support", name = "Support" });
        await api.OkAsync(HttpMethod.Put, "/api/v1/graphs/support/draft", new GraphDefinition
        {
            Nodes =
            [
                new() { Key = "start", Type = NodeType.Start },
                new()
                {
                    Key = "triage", Name = "Triage", Type = NodeType.Task, Capability = "triage", Assignment = AssignmentMode.Auto, MaxAttempts = maxAttempts,
                    Instructions = "Classify the customer's message.", OutputSchema = Schema,
                },
                new() { Key = "review", Type = NodeType.Task, Capability = "review" },
                new() { Key = "end", Type = NodeType.End },
            ],
            Edges =
            [
                new() { From = "start", To = "triage" },
                new() { From = "triage", To = "review", Outcome = "review" },
                new() { From = "triage", To = "end", Outcome = "done" },
                new() { From = "review", To = "end" },
            ],
        });
        await api.OkAsync(HttpMethod.Post, "/api/v1/graphs/support/publish", new { });
    }
}
