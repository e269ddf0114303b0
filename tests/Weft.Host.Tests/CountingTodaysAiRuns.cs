using Microsoft.Extensions.DependencyInjection;
using Weft.AI.Costs;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;
using Weft.Testing.FakeProviders;

namespace Weft.Host.Tests;

/// <summary>The AI agents' registry shows each agent's runs since midnight UTC and their cost, read for all agents at once.</summary>
public sealed class CountingTodaysAiRuns
{
    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Each_agent_counts_its_runs_and_cost_since_midnight_and_no_earlier(string provider)
    {
        await using var fake = await FakeProviderServer.StartAsync();
        await using var api = await WeftApi.StartAsync(provider);
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/providers", new { key = "fake", name = "Fake", kind = "openai_compatible", baseUrl = fake.OpenAIBaseUrl.AbsoluteUri });
        // $1 in and $2 out per million tokens: 1,000 in and 500 out cost $0.002.
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/models", new { key = "m", kind = "openai_compatible", provider = "fake", purpose = "chat", contextWindow = 8192, inputPrice = 1m, outputPrice = 2m });
        foreach (var key in new[] { "ada", "bo", "cy" })
            await api.OkAsync(HttpMethod.Post, "/api/v1/ai/agents", new { models = new[] { "m" }, newAgent = new { key, name = key } });
        var reports = api.Services.GetRequiredService<CostReports>();

        // Yesterday, late (the clock starts at 08:00 UTC): ada runs once.
        api.Clock.Advance(TimeSpan.FromHours(15.5));
        fake.Script(Reply.Text("Yes.", inputTokens: 1_000, outputTokens: 500));
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/agents/ada/runs", new { input = "Late question" });
        // Today: ada twice (one of which no model answers), bo once; cy not at all.
        api.Clock.Advance(TimeSpan.FromHours(9));
        fake.Script(Reply.Text("Yes.", inputTokens: 1_000, outputTokens: 500), Reply.Fail(500), Reply.Text("No.", inputTokens: 1_000, outputTokens: 500));
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/agents/ada/runs", new { input = "First" });
        (await api.PostAsync("/api/v1/ai/agents/ada/runs", new { input = "Second" })).IsSuccessStatusCode.ShouldBeFalse();
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/agents/bo/runs", new { input = "Third" });

        var today = await reports.TodayByAgentAsync(1);

        today.Keys.Order().ShouldBe(["ada", "bo"]);
        today["ada"].ShouldBe(new AgentDay("ada", 2, 0.002m));
        today["bo"].ShouldBe(new AgentDay("bo", 1, 0.002m));
    }
}
