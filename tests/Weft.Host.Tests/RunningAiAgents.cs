using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;
using Weft.Testing.FakeProviders;

namespace Weft.Host.Tests;

/// <summary>
/// An admin gives an agent of kind ai a model chain and runs it over the API; the provider is a local fake speaking
/// OpenAI's protocol. The run records which model answered, why the others did not, the tokens and the cost at the
/// catalogue's prices; a run no model answers is kept as failed and refused with a clear error.
/// </summary>
public sealed class RunningAiAgents
{
    private const string Secret = "sk-run-7c1e9b2d4f6a8c0e";

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_run_falls_over_to_the_next_model_and_is_costed_at_the_catalogues_prices(string provider)
    {
        await using var fake = await FakeProviderServer.StartAsync();
        await using var api = await WeftApi.StartAsync(provider);
        await SetUpAsync(api, fake);
        fake.ScriptFor("big-model", Reply.Fail(429));
        fake.ScriptFor("small-model", Reply.Text("Your order 1042 ships today.", inputTokens: 1_200, outputTokens: 300, cachedTokens: 200));

        var run = await api.OkAsync(HttpMethod.Post, "/api/v1/ai/agents/helper/runs", new { input = "Where is order 1042?" });

        run["state"]!.GetValue<string>().ShouldBe("answered");
        run["output"]!.GetValue<string>().ShouldBe("Your order 1042 ships today.");
        run["answeredBy"]!.GetValue<string>().ShouldBe("small");
        var calls = run["calls"]!.AsArray();
        calls.Select(c => (c!["model"]!.GetValue<string>(), c["outcome"]!.GetValue<string>(), c["reason"]?.GetValue<string>()))
            .ShouldBe([("big", "failed", "http_429"), ("small", "answered", null)]);
        run["usage"]!["input"]!.GetValue<long>().ShouldBe(1_200);
        run["usage"]!["cachedInput"]!.GetValue<long>().ShouldBe(200);
        // small: $1 in, $4 out, $0.10 cached per million: 1,000 × 1 + 200 × 0.10 + 300 × 4 = 1,000 + 20 + 1,200 = 2,220 → $0.00222.
        run["cost"]!.GetValue<decimal>().ShouldBe(0.00222m);

        // The provider got the key it was given; the run kept none of it.
        fake.Requests.ShouldAllBe(r => r.Header("Authorization") == "Bearer " + Secret);
        var id = run["id"]!.GetValue<long>();
        var again = await api.OkAsync(HttpMethod.Get, $"/api/v1/ai/runs/{id}");
        again["cost"]!.GetValue<decimal>().ShouldBe(0.00222m);
        again.ToJsonString().ShouldNotContain(Secret);
        (await api.OkAsync(HttpMethod.Get, "/api/v1/ai/runs?agent=helper"))["items"]!.AsArray().Single()!["id"]!.GetValue<long>().ShouldBe(id);

        // Rolled up per model: the failed call counts as a call, at no cost.
        var byModel = await api.OkAsync(HttpMethod.Get, "/api/v1/ai/costs?by=model");
        byModel["total"]!["cost"]!.GetValue<decimal>().ShouldBe(0.00222m);
        byModel["lines"]!.AsArray().Select(l => (l!["key"]!.GetValue<string>(), l["calls"]!.GetValue<int>(), l["cost"]!.GetValue<decimal>()))
            .ShouldBe([("small", 1, 0.00222m), ("big", 1, 0m)]);
        var byDay = await api.OkAsync(HttpMethod.Get, "/api/v1/ai/costs?by=day");
        byDay["lines"]!.AsArray().Single()!["runs"]!.GetValue<int>().ShouldBe(1);
        using var csv = await api.GetAsync("/api/v1/ai/costs.csv?by=agent");
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        (await csv.Content.ReadAsStringAsync()).ShouldBe(
            "agent,runs,calls,input_tokens,output_tokens,cached_input_tokens,cost_usd\r\nhelper,1,2,1200,300,200,0.00222\r\ntotal,1,2,1200,300,200,0.00222\r\n");
        (await api.GetAsync("/api/v1/ai/costs?by=week")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_run_no_model_answers_is_kept_as_failed_and_refused_with_the_reasons(string provider)
    {
        await using var fake = await FakeProviderServer.StartAsync();
        await using var api = await WeftApi.StartAsync(provider);
        await SetUpAsync(api, fake);
        fake.ScriptFor("big-model", Reply.Fail(500));
        fake.ScriptFor("small-model", Reply.Fail(503));

        using var response = await api.PostAsync("/api/v1/ai/agents/helper/runs", new { input = "Hello?" });
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, text);
        JsonNode.Parse(text)!["code"]!.GetValue<string>().ShouldBe("all_models_failed");

        var run = (await api.OkAsync(HttpMethod.Get, "/api/v1/ai/runs?agent=helper"))["items"]!.AsArray().Single()!;
        run["state"]!.GetValue<string>().ShouldBe("failed");
        run["errorCode"]!.GetValue<string>().ShouldBe("all_models_failed");
        run["calls"]!.AsArray().Select(c => c!["reason"]!.GetValue<string>()).ShouldBe(["http_500", "http_503"]);
        run["cost"]!.GetValue<decimal>().ShouldBe(0m);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task An_answer_that_cannot_be_read_moves_to_the_next_model_and_never_leaves_a_run_running(string provider)
    {
        await using var fake = await FakeProviderServer.StartAsync();
        await using var api = await WeftApi.StartAsync(provider);
        await SetUpAsync(api, fake);
        // A proxy's page instead of JSON is that model's failure: the next one is asked, and when none answers the run
        // still ends failed with the reasons (both models are one provider's: two failures leave its circuit closed).
        fake.ScriptFor("big-model", Reply.Garbage());
        fake.ScriptFor("small-model", Reply.Text("Here."));
        var recovered = await api.OkAsync(HttpMethod.Post, "/api/v1/ai/agents/helper/runs", new { input = "Hello?" });
        recovered["calls"]!.AsArray().Select(c => (c!["model"]!.GetValue<string>(), c["reason"]?.GetValue<string>())).ShouldBe([("big", "bad_response"), ("small", null)]);
        fake.ScriptFor("big-model", Reply.Garbage());
        fake.ScriptFor("small-model", Reply.Garbage());
        await (await api.PostAsync("/api/v1/ai/agents/helper/runs", new { input = "Hello?" })).ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "all_models_failed");
        (await api.OkAsync(HttpMethod.Get, "/api/v1/ai/runs?agent=helper"))["items"]!.AsArray().Select(r => r!["state"]!.GetValue<string>())
            .ShouldBe(["answered", "failed"], ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_run_its_host_stopped_in_the_middle_of_ends_failed_once_no_run_could_still_be_going(string provider)
    {
        await using var fake = await FakeProviderServer.StartAsync();
        await using var api = await WeftApi.StartAsync(provider);
        await SetUpAsync(api, fake);
        // Written and never completed: what a host killed while the models think leaves behind.
        var runs = api.Services.GetRequiredService<Weft.AI.Runs.AgentRuns>();
        var lost = await runs.PrepareAsync(1, "tests", "helper", new Weft.AI.Runs.RunRequest("Where is order 7?"), null, CancellationToken.None);
        var sweep = api.Services.GetRequiredService<Weft.AI.Runs.InterruptedRuns>();

        api.Clock.Advance(TimeSpan.FromMinutes(29));
        (await sweep.SweepAsync(CancellationToken.None)).ShouldBe(0);
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/ai/runs/{lost.Id}"))["state"]!.GetValue<string>().ShouldBe("running");
        var recent = await runs.PrepareAsync(1, "tests", "helper", new Weft.AI.Runs.RunRequest("And order 8?"), null, CancellationToken.None);

        api.Clock.Advance(TimeSpan.FromMinutes(2));
        (await sweep.SweepAsync(CancellationToken.None)).ShouldBe(1);
        var ended = await api.OkAsync(HttpMethod.Get, $"/api/v1/ai/runs/{lost.Id}");
        ended["state"]!.GetValue<string>().ShouldBe("failed");
        ended["errorCode"]!.GetValue<string>().ShouldBe("run_interrupted");
        ended["endedAt"].ShouldNotBeNull();
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/ai/runs/{recent.Id}"))["state"]!.GetValue<string>().ShouldBe("running");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Only_an_ai_agent_with_a_chain_of_chat_models_can_be_run(string provider)
    {
        await using var fake = await FakeProviderServer.StartAsync();
        await using var api = await WeftApi.StartAsync(provider);
        await SetUpAsync(api, fake);
        await api.OkAsync(HttpMethod.Post, "/api/v1/agents", new { key = "ana", name = "Ana", kind = "person" });

        await (await api.PostAsync("/api/v1/ai/agents", new { agent = "ana", models = new[] { "small" } })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "agent_not_ai");
        await api.OkAsync(HttpMethod.Post, "/api/v1/agents", new { key = "writer", name = "Writer", kind = "ai" });
        await (await api.PostAsync("/api/v1/ai/agents", new { agent = "writer", models = new[] { "text-embedding-3-small" } })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await api.PostAsync("/api/v1/ai/agents", new { agent = "writer", models = new[] { "small", "small" } })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await api.PostAsync("/api/v1/ai/agents", new { agent = "writer", models = new[] { "nope" }, temperature = 3 })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await api.PostAsync("/api/v1/ai/agents", new { agent = "helper", models = new[] { "small" } })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "ai_agent_exists");
        await (await api.PostAsync("/api/v1/ai/agents/ana/runs", new { input = "hi" })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "agent_not_ai");
        await (await api.PostAsync("/api/v1/ai/agents/writer/runs", new { input = "hi" })).ShouldBeProblemAsync(HttpStatusCode.NotFound, "ai_agent_not_found");
        await (await api.PostAsync("/api/v1/ai/agents/helper/runs", new { input = "" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        (await api.OkAsync(HttpMethod.Get, "/api/v1/ai/runs"))["items"]!.AsArray().ShouldBeEmpty();
        fake.Requests.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Budgets_cut_a_runs_answer_to_what_it_may_cost_and_refuse_runs_once_the_day_is_spent(string provider)
    {
        await using var fake = await FakeProviderServer.StartAsync();
        await using var api = await WeftApi.StartAsync(provider);
        await SetUpAsync(api, fake);
        await (await api.SendAsync(HttpMethod.Patch, "/api/v1/ai/agents/helper", new { budgetPerRun = -1 })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        // The dearest prices of the chain are big's: $5 in, $15 out per million. "Where is order 1042?" is 20 characters,
        // about 5 tokens: $0.000025; the $0.0003 left buy 0.000275 × 1,000,000 / 15 = 18.3 → 18 output tokens.
        await api.OkAsync(HttpMethod.Patch, "/api/v1/ai/agents/helper", new { budgetPerRun = 0.0003m, budgetPerDay = 0.003m });
        fake.ScriptFor("big-model", Reply.Text("Ships today.", inputTokens: 1_200, outputTokens: 300));

        var first = await api.OkAsync(HttpMethod.Post, "/api/v1/ai/agents/helper/runs", new { input = "Where is order 1042?" });
        var body = fake.LastRequest.Body!;
        (body["max_completion_tokens"] ?? body["max_tokens"])!.GetValue<int>().ShouldBe(18);
        // 1,200 × 5 + 300 × 15 = 6,000 + 4,500 = 10,500 per million: $0.0105, more than the day's $0.003.
        first["cost"]!.GetValue<decimal>().ShouldBe(0.0105m);

        var requests = fake.Requests.Count;
        await (await api.PostAsync("/api/v1/ai/agents/helper/runs", new { input = "And 1043?" })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "daily_budget_spent");
        fake.Requests.Count.ShouldBe(requests);

        // A new day (UTC), a new budget.
        api.Clock.Advance(TimeSpan.FromDays(1));
        fake.ScriptFor("big-model", Reply.Text("Tomorrow."));
        (await api.OkAsync(HttpMethod.Post, "/api/v1/ai/agents/helper/runs", new { input = "And 1043?" }))["output"]!.GetValue<string>().ShouldBe("Tomorrow.");

        // An input the run's budget cannot pay for is refused before any model is asked.
        await api.OkAsync(HttpMethod.Patch, "/api/v1/ai/agents/helper", new { budgetPerRun = 0.00001m });
        await (await api.PostAsync("/api/v1/ai/agents/helper/runs", new { input = new string('x', 400) })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "run_budget_too_small");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Runs_are_found_by_agent_state_and_day_and_each_days_cost_is_split_by_agent_or_model(string provider)
    {
        await using var fake = await FakeProviderServer.StartAsync();
        await using var api = await WeftApi.StartAsync(provider);
        await SetUpAsync(api, fake);
        await api.OkAsync(HttpMethod.Post, "/api/v1/agents", new { key = "writer", name = "Writer", kind = "ai" });
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/agents", new { agent = "writer", models = new[] { "small" } });
        var first = DateOnly.FromDateTime(api.Clock.GetUtcNow().UtcDateTime);
        var second = first.AddDays(1);

        // The first day: helper answers with big (1,000 × 5 + 100 × 15 = 6,500 per million: $0.0065), writer's only model fails.
        fake.ScriptFor("big-model", Reply.Text("Ships today.", inputTokens: 1_000, outputTokens: 100));
        var answered = (await api.OkAsync(HttpMethod.Post, "/api/v1/ai/agents/helper/runs", new { input = "Where is 1042?" }))["id"]!.GetValue<long>();
        fake.ScriptFor("small-model", Reply.Fail(500));
        await (await api.PostAsync("/api/v1/ai/agents/writer/runs", new { input = "Write a haiku." })).ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "all_models_failed");
        var failed = (await api.OkAsync(HttpMethod.Get, "/api/v1/ai/runs?agent=writer"))["items"]!.AsArray().Single()!["id"]!.GetValue<long>();
        // The next day: helper again (2,000 × 5 = 10,000 per million: $0.01).
        api.Clock.Advance(TimeSpan.FromDays(1));
        fake.ScriptFor("big-model", Reply.Text("Tomorrow.", inputTokens: 2_000, outputTokens: 0));
        var later = (await api.OkAsync(HttpMethod.Post, "/api/v1/ai/agents/helper/runs", new { input = "And 1043?" }))["id"]!.GetValue<long>();

        (await IdsAsync(api, "")).ShouldBe([later, failed, answered]);
        (await IdsAsync(api, "?state=answered")).ShouldBe([later, answered]);
        (await IdsAsync(api, "?state=failed")).ShouldBe([failed]);
        (await IdsAsync(api, "?state=failed&agent=helper")).ShouldBeEmpty();
        (await IdsAsync(api, "?state=running")).ShouldBeEmpty();
        (await IdsAsync(api, $"?from={second:yyyy-MM-dd}")).ShouldBe([later]);
        (await IdsAsync(api, $"?to={first:yyyy-MM-dd}")).ShouldBe([failed, answered]);
        (await IdsAsync(api, $"?agent=helper&from={first:yyyy-MM-dd}&to={first:yyyy-MM-dd}")).ShouldBe([answered]);
        // A filter pages like the whole list: the cursor carries on within it.
        var page = await api.OkAsync(HttpMethod.Get, "/api/v1/ai/runs?state=answered&limit=1");
        page["items"]!.AsArray().Single()!["id"]!.GetValue<long>().ShouldBe(later);
        var next = await api.OkAsync(HttpMethod.Get, $"/api/v1/ai/runs?state=answered&limit=1&cursor={Uri.EscapeDataString(page["nextCursor"]!.GetValue<string>())}");
        next["items"]!.AsArray().Single()!["id"]!.GetValue<long>().ShouldBe(answered);
        next["nextCursor"].ShouldBeNull();
        await (await api.GetAsync("/api/v1/ai/runs?state=done")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await api.GetAsync($"/api/v1/ai/runs?from={second:yyyy-MM-dd}&to={first:yyyy-MM-dd}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        (await api.GetAsync("/api/v1/ai/runs?from=yesterday")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // Each day's cost, one series per agent (dearest first), a figure for every day; writer's failed call cost nothing.
        var byAgent = await api.OkAsync(HttpMethod.Get, $"/api/v1/ai/costs/daily?from={first:yyyy-MM-dd}&to={second:yyyy-MM-dd}&by=agent");
        byAgent["days"]!.AsArray().Select(d => d!.GetValue<string>()).ShouldBe([$"{first:yyyy-MM-dd}", $"{second:yyyy-MM-dd}"]);
        Series(byAgent).ShouldBe(["helper: 0.0065 0.01", "writer: 0 0"]);
        var byModel = await api.OkAsync(HttpMethod.Get, $"/api/v1/ai/costs/daily?from={first:yyyy-MM-dd}&to={second:yyyy-MM-dd}&by=model");
        Series(byModel).ShouldBe(["big: 0.0065 0.01", "small: 0 0"]);
        // A day without runs has its zero; by default the last 30 days, split by agent.
        var month = await api.OkAsync(HttpMethod.Get, "/api/v1/ai/costs/daily");
        month["by"]!.GetValue<string>().ShouldBe("agent");
        month["days"]!.AsArray().Count.ShouldBe(30);
        Series(month)[0].ShouldEndWith(" 0 0.0065 0.01");
        await (await api.GetAsync("/api/v1/ai/costs/daily?by=day")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    private static async Task<List<long>> IdsAsync(WeftApi api, string query) =>
        [.. (await api.OkAsync(HttpMethod.Get, "/api/v1/ai/runs" + query))["items"]!.AsArray().Select(r => r!["id"]!.GetValue<long>())];

    /// <summary>Each series as "key: cost cost …", costs without trailing zeros.</summary>
    private static List<string> Series(JsonNode daily) =>
        [.. daily["series"]!.AsArray().Select(s => s!["key"]!.GetValue<string>() + ": " + string.Join(" ",
            s["costs"]!.AsArray().Select(c => c!.GetValue<decimal>().ToString("0.##########", System.Globalization.CultureInfo.InvariantCulture))))];

    /// <summary>A provider at the fake, two chat models it serves (big, then small) and the AI agent "helper" with that chain.</summary>
    private static async Task SetUpAsync(WeftApi api, FakeProviderServer fake)
    {
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/providers",
            new { key = "fake", name = "Fake", kind = "openai_compatible", baseUrl = fake.OpenAIBaseUrl.AbsoluteUri, apiKey = Secret, timeoutSeconds = 10 });
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/models", new
        {
            key = "big", kind = "openai_compatible", provider = "fake", providerModel = "big-model", purpose = "chat", contextWindow = 128_000,
            inputPrice = 5m, outputPrice = 15m, cachedInputPrice = 2.5m,
        });
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/models", new
        {
            key = "small", kind = "openai_compatible", provider = "fake", providerModel = "small-model", purpose = "chat", contextWindow = 32_000,
            inputPrice = 1m, outputPrice = 4m, cachedInputPrice = 0.1m,
        });
        await api.OkAsync(HttpMethod.Post, "/api/v1/agents", new { key = "helper", name = "Helper", kind = "ai" });
        var profile = await api.OkAsync(HttpMethod.Post, "/api/v1/ai/agents",
            new { agent = "helper", description = "Answers order questions.", models = new[] { "big", "small" }, maxOutputTokens = 500 });
        profile["models"]!.AsArray().Select(m => m!.GetValue<string>()).ShouldBe(["big", "small"]);
    }

}
