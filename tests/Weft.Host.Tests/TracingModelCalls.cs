using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Weft.AI;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;
using Weft.Testing.FakeProviders;

namespace Weft.Host.Tests;

/// <summary>
/// A run is one trace an operator can follow in any OpenTelemetry backend: the HTTP request, the agent's run
/// (<c>invoke_agent</c>) and a <c>chat</c> client span per model called, failed calls included, with the GenAI
/// semantic conventions' attributes (provider, models, tokens, finish reasons, error type) and never the messages.
/// </summary>
public sealed class TracingModelCalls
{
    private const string AspNetCore = "Microsoft.AspNetCore";
    private const string Question = "Where is order 1042, for Ada Lovelace?";

    [Fact]
    public async Task A_run_is_a_trace_of_its_model_calls_following_the_genai_conventions()
    {
        await using var fake = await FakeProviderServer.StartAsync();
        await using var api = await WeftApi.StartAsync("sqlite");
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/providers",
            new { key = "fake", name = "Fake", kind = "openai_compatible", baseUrl = fake.OpenAIBaseUrl.AbsoluteUri, apiKey = "sk-trace-1", timeoutSeconds = 10 });
        foreach (var (key, providerModel) in new[] { ("big", "big-model"), ("small", "small-model") })
        {
            await api.OkAsync(HttpMethod.Post, "/api/v1/ai/models", new
            {
                key, kind = "openai_compatible", provider = "fake", providerModel, purpose = "chat", contextWindow = 32_000, inputPrice = 1m, outputPrice = 4m,
            });
        }
        await api.OkAsync(HttpMethod.Post, "/api/v1/agents", new { key = "helper", name = "Helper", kind = "ai" });
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/agents", new { agent = "helper", models = new[] { "big", "small" }, temperature = 0.2, maxOutputTokens = 400 });
        fake.ScriptFor("big-model", Reply.Fail(503));
        fake.ScriptFor("small-model", Reply.Text("It ships today.", inputTokens: 1_000, outputTokens: 250));

        var trace = ActivityTraceId.CreateRandom();
        var caller = ActivitySpanId.CreateRandom();
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is AspNetCore or AiTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> o) =>
                o.Parent.TraceId == trace ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
            ActivityStopped = a =>
            {
                if (a.TraceId == trace) spans.Enqueue(a);
            },
        };
        ActivitySource.AddActivityListener(listener);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ai/agents/helper/runs") { Content = JsonContent.Create(new { input = Question }) };
        request.Headers.Add("traceparent", $"00-{trace}-{caller}-01");
        using var response = await api.Client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var run = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        // The fake provider is an ASP.NET Core server too: its spans are children of the calls, and only Weft's has the caller as parent.
        var server = await ObservingCommands.EventuallyAsync(() => spans.SingleOrDefault(s => s.Source.Name == AspNetCore && s.ParentSpanId == caller));
        var all = spans.ToList();
        var agent = all.Single(s => s.DisplayName == "invoke_agent helper");
        agent.ParentSpanId.ShouldBe(server.SpanId);
        agent.GetTagItem("gen_ai.operation.name").ShouldBe("invoke_agent");
        agent.GetTagItem("gen_ai.agent.name").ShouldBe("helper");
        agent.GetTagItem("gen_ai.conversation.id").ShouldBe(run["thread"]!.ToString());
        agent.GetTagItem("weft.ai.run").ShouldBe(run["id"]!.GetValue<long>());
        agent.GetTagItem("gen_ai.usage.input_tokens").ShouldBe(1_000L);
        agent.GetTagItem("gen_ai.usage.output_tokens").ShouldBe(250L);
        agent.GetTagItem("weft.ai.answered_by").ShouldBe("small");
        agent.Status.ShouldBe(ActivityStatusCode.Unset);

        var calls = all.Where(s => s.ParentSpanId == agent.SpanId).OrderBy(s => s.StartTimeUtc).ToList();
        calls.Select(c => c.DisplayName).ShouldBe(["chat big-model", "chat small-model"]);
        calls.ShouldAllBe(c => c.Kind == ActivityKind.Client && c.Source.Name == AiTelemetry.Name);
        calls.ShouldAllBe(c => (string?)c.GetTagItem("gen_ai.operation.name") == "chat" && (string?)c.GetTagItem("gen_ai.provider.name") == "openai");
        calls.ShouldAllBe(c => (string?)c.GetTagItem("server.address") == "127.0.0.1");
        var (failed, answered) = (calls[0], calls[1]);
        failed.Status.ShouldBe(ActivityStatusCode.Error);
        failed.GetTagItem("error.type").ShouldNotBeNull();
        answered.Status.ShouldNotBe(ActivityStatusCode.Error);
        answered.GetTagItem("gen_ai.request.model").ShouldBe("small-model");
        answered.GetTagItem("gen_ai.request.max_tokens").ShouldBe(400);
        Convert.ToDouble(answered.GetTagItem("gen_ai.request.temperature"), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(0.2, 0.0001);
        answered.GetTagItem("gen_ai.response.model").ShouldNotBeNull();
        Convert.ToInt64(answered.GetTagItem("gen_ai.usage.input_tokens"), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(1_000);
        Convert.ToInt64(answered.GetTagItem("gen_ai.usage.output_tokens"), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(250);
        answered.GetTagItem("gen_ai.response.finish_reasons").ShouldNotBeNull();

        // What the customer wrote and what the model said stay out of the telemetry, and so does the provider's key.
        foreach (var span in all)
        {
            foreach (var (name, value) in span.TagObjects)
            {
                var text = value is System.Collections.IEnumerable e and not string ? string.Join(",", e.Cast<object>()) : value?.ToString() ?? "";
                text.ShouldNotContain("Ada Lovelace", customMessage: $"{span.DisplayName} {name}");
                text.ShouldNotContain("ships today", customMessage: $"{span.DisplayName} {name}");
                text.ShouldNotContain("sk-trace-1", customMessage: $"{span.DisplayName} {name}");
            }
            span.Events.ShouldBeEmpty();
        }
    }
}
