using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Text.Json.Nodes;
using OpenAI;
using OpenAI.Chat;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;
using Weft.Testing.FakeProviders;

namespace Weft.Host.Tests;

/// <summary>
/// The official OpenAI .NET client talks to a Weft AI agent as if it were a model: a Weft API key as its key, the agent's
/// key as the model name, answers plain and streamed, with usage; and a run streamed as server-sent events from Weft's
/// own API. The agent's model chain (here a local fake provider) answers behind it, and every run is recorded.
/// </summary>
public sealed class TalkingToAgentsLikeOpenAI
{
    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task An_openai_client_gets_answers_plain_and_streamed_from_an_agent(string provider)
    {
        await using var fake = await FakeProviderServer.StartAsync();
        await using var api = await WeftApi.StartAsync(provider);
        await SetUpAsync(api, fake);
        var key = (await api.OkAsync(HttpMethod.Post, "/api/v1/api-keys", new { name = "openai client", scopes = new[] { "ai:run" } }))["key"]!.GetValue<string>();
        var openai = new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions
        {
            Endpoint = new Uri(api.CreateClient().BaseAddress!, "v1"),
            Transport = new HttpClientPipelineTransport(api.CreateClient()),
        });

        var models = await openai.GetOpenAIModelClient().GetModelsAsync();
        models.Value.Select(m => m.Id).ShouldContain("helper");

        fake.Script(Reply.Text("Order 1042 ships today.", inputTokens: 40, outputTokens: 6, cachedTokens: 8));
        var chat = openai.GetChatClient("helper");
        ChatCompletion completion = await chat.CompleteChatAsync([new SystemChatMessage("Answer in one line."), new UserChatMessage("Where is order 1042?")]);
        completion.Content.Single().Text.ShouldBe("Order 1042 ships today.");
        completion.Usage.InputTokenCount.ShouldBe(40);
        completion.Usage.OutputTokenCount.ShouldBe(6);
        completion.Usage.InputTokenDetails.CachedTokenCount.ShouldBe(8);
        // The agent's persona first, then the client's own messages.
        var sent = fake.LastRequest.Body!["messages"]!.AsArray().Select(m => (m!["role"]!.GetValue<string>(), m["content"]!.GetValue<string>())).ToList();
        sent.ShouldBe([("system", "You help with orders."), ("system", "Answer in one line."), ("user", "Where is order 1042?")]);

        fake.Script(Reply.Stream("It ", "ships ", "today.") with { InputTokens = 30, OutputTokens = 3 });
        var pieces = new List<string>();
        ChatTokenUsage? usage = null;
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("And 1043?")]))
        {
            pieces.AddRange(update.ContentUpdate.Select(p => p.Text));
            usage ??= update.Usage;
        }
        string.Concat(pieces).ShouldBe("It ships today.");
        pieces.Count(p => p.Length > 0).ShouldBeGreaterThan(1);
        usage.ShouldNotBeNull().OutputTokenCount.ShouldBe(3);

        var ex = await Should.ThrowAsync<ClientResultException>(() => openai.GetChatClient("nobody").CompleteChatAsync([new UserChatMessage("Hi")]));
        ex.Status.ShouldBe(404);

        var runs = (await api.OkAsync(HttpMethod.Get, "/api/v1/ai/runs?agent=helper"))["items"]!.AsArray();
        runs.Select(r => r!["output"]!.GetValue<string>()).ShouldBe(["It ships today.", "Order 1042 ships today."]);
        runs.Select(r => r!["actor"]?.GetValue<string>()).Distinct().Count().ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_run_streams_as_server_sent_events_and_ends_with_the_whole_run(string provider)
    {
        await using var fake = await FakeProviderServer.StartAsync();
        await using var api = await WeftApi.StartAsync(provider);
        await SetUpAsync(api, fake);
        fake.Script(Reply.Stream("Par", "cel ", "found."));

        var events = await EventsAsync(api, "/api/v1/ai/agents/helper/runs/stream", new { input = "Find my parcel" });
        events.First().Name.ShouldBe("run");
        var id = events.First().Data["id"]!.GetValue<long>();
        string.Concat(events.Where(e => e.Name == "delta").Select(e => e.Data["text"]!.GetValue<string>())).ShouldBe("Parcel found.");
        var done = events.Last();
        done.Name.ShouldBe("done");
        done.Data["id"]!.GetValue<long>().ShouldBe(id);
        done.Data["output"]!.GetValue<string>().ShouldBe("Parcel found.");
        done.Data["state"]!.GetValue<string>().ShouldBe("answered");

        fake.Script(Reply.Fail(500));
        var failed = await EventsAsync(api, "/api/v1/ai/agents/helper/runs/stream", new { input = "Again" });
        failed.Select(e => e.Name).ShouldBe(["run", "error"]);
        failed.Last().Data["code"]!.GetValue<string>().ShouldBe("all_models_failed");

        // Refused before any model is asked: a plain problem, no stream.
        using var refused = await api.PostAsync("/api/v1/ai/agents/helper/runs/stream", new { input = "" });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private static async Task SetUpAsync(WeftApi api, FakeProviderServer fake)
    {
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/providers", new { key = "fake", name = "Fake", kind = "openai_compatible", baseUrl = fake.OpenAIBaseUrl.AbsoluteUri });
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/models", new { key = "m", kind = "openai_compatible", provider = "fake", purpose = "chat", contextWindow = 8192, inputPrice = 1, outputPrice = 2 });
        await api.OkAsync(HttpMethod.Post, "/api/v1/agents", new { key = "helper", name = "Helper", kind = "ai" });
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/agents", new { agent = "helper", models = new[] { "m" } });
        await api.OkAsync(HttpMethod.Put, "/api/v1/ai/agents/helper/persona/draft", new { instructions = "You help with orders." });
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/agents/helper/persona/publish", new { });
    }

    private static async Task<List<(string Name, JsonNode Data)>> EventsAsync(WeftApi api, string url, object body)
    {
        using var response = await api.PostAsync(url, body);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        var events = new List<(string, JsonNode)>();
        string? name = null;
        foreach (var line in (await response.Content.ReadAsStringAsync()).Split('\n'))
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal)) name = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal)) events.Add((name!, JsonNode.Parse(line[6..])!));
        }
        return events;
    }
}
