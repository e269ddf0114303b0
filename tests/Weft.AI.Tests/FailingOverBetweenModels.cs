using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Weft.AI.Providers;
using Weft.AI.Runs;
using Weft.Platform.Errors;
using Weft.Testing;
using Weft.Testing.FakeProviders;

namespace Weft.AI.Tests;

/// <summary>
/// A chain of models asked in turn over real HTTP (a local fake provider): a timeout, a 429, a 5xx or a refused
/// connection moves to the next model; a provider that keeps failing is skipped for a while (its circuit opens) and
/// tried again after; any other refusal ends the run. Every model tried is recorded with why.
/// </summary>
public sealed class FailingOverBetweenModels : IAsyncLifetime
{
    private const long Tenant = 1;
    private static readonly ModelPrices PrimaryPrices = new(2m, 8m, 0.5m);
    private static readonly ModelPrices FallbackPrices = new(0.15m, 0.60m, 0.075m);

    private readonly ManualClock clock = new();
    private readonly ServiceProvider services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
    private FakeProviderServer server = null!;
    private ModelChain chain = null!;

    public async Task InitializeAsync()
    {
        server = await FakeProviderServer.StartAsync();
        chain = new ModelChain(new ProviderCircuits(clock), services.GetRequiredService<IHttpClientFactory>());
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await services.DisposeAsync();
    }

    private ChainLink Link(string model, string provider, ModelPrices prices, double timeoutSeconds = 30, Uri? baseUrl = null) =>
        new(model, provider, new ProviderConnection(ProviderKinds.OpenAICompatible, baseUrl ?? server.OpenAIBaseUrl, "sk-fake"), model, prices,
            TimeSpan.FromSeconds(timeoutSeconds));

    private Task<ChainAnswer> AskAsync(params ChainLink[] links) =>
        chain.AnswerAsync(Tenant, links, [new ChatMessage(ChatRole.User, "Where is my order 1042?")], null, CancellationToken.None);

    private int CallsTo(string model) => server.Requests.Count(r => r.Model == model);

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task A_busy_or_failing_primary_hands_the_question_to_the_fallback(int status)
    {
        server.ScriptFor("primary", Reply.Fail(status));
        server.ScriptFor("fallback", Reply.Text("It ships today.", inputTokens: 1_000, outputTokens: 200, cachedTokens: 400));

        var answer = await AskAsync(Link("primary", "p1", PrimaryPrices), Link("fallback", "p2", FallbackPrices));

        answer.Response.Text.ShouldBe("It ships today.");
        answer.AnsweredBy.Model.ShouldBe("fallback");
        answer.Attempts.Select(a => (a.Model, a.Outcome, a.Reason))
            .ShouldBe([("primary", CallOutcomes.Failed, CallOutcomes.Http(status)), ("fallback", CallOutcomes.Answered, null)]);
        answer.Usage.ShouldBe(new TokenUsage(1_000, 200, 400));
        // 600 × 0.15 + 400 × 0.075 + 200 × 0.60 = 90 + 30 + 120 = 240 per million → $0.00024.
        answer.Cost.ShouldBe(0.00024m);
    }

    [Fact]
    public async Task A_primary_that_does_not_answer_in_time_is_left_for_the_fallback()
    {
        server.ScriptFor("primary", Reply.Hang());
        server.ScriptFor("fallback", Reply.Text("Here it is."));

        var answer = await AskAsync(Link("primary", "p1", PrimaryPrices, timeoutSeconds: 1), Link("fallback", "p2", FallbackPrices));

        answer.Response.Text.ShouldBe("Here it is.");
        answer.Attempts[0].Reason.ShouldBe(CallOutcomes.Timeout);
    }

    [Fact]
    public async Task A_provider_nobody_listens_at_is_passed_over()
    {
        var closed = new Uri($"http://127.0.0.1:{FreePort()}/v1");
        server.ScriptFor("fallback", Reply.Text("Answered."));

        var answer = await AskAsync(Link("primary", "p1", PrimaryPrices, baseUrl: closed), Link("fallback", "p2", FallbackPrices));

        answer.Attempts.Select(a => a.Reason).ShouldBe([CallOutcomes.ConnectionFailed, null]);
    }

    [Fact]
    public async Task A_provider_that_keeps_failing_is_skipped_until_its_break_is_over_then_tried_again()
    {
        var primary = Link("primary", "p1", PrimaryPrices);
        var fallback = Link("fallback", "p2", FallbackPrices);
        server.ScriptFor("primary", Reply.Fail(500), Reply.Fail(500), Reply.Fail(500));
        for (var i = 0; i < ProviderCircuits.MinimumCalls; i++) (await AskAsync(primary, fallback)).AnsweredBy.Model.ShouldBe("fallback");
        CallsTo("primary").ShouldBe(3);

        // Open: the primary is not called at all.
        var skipped = await AskAsync(primary, fallback);
        skipped.Attempts[0].ShouldSatisfyAllConditions(
            a => a.Outcome.ShouldBe(CallOutcomes.Skipped),
            a => a.Reason.ShouldBe(CallOutcomes.CircuitOpen));
        CallsTo("primary").ShouldBe(3);

        // After the break one call tries it; it answers, and the circuit closes.
        clock.Advance(ProviderCircuits.BreakFor + TimeSpan.FromSeconds(1));
        (await AskAsync(primary, fallback)).AnsweredBy.Model.ShouldBe("primary");
        (await AskAsync(primary, fallback)).AnsweredBy.Model.ShouldBe("primary");
        CallsTo("primary").ShouldBe(5);
    }

    [Fact]
    public async Task A_refusal_another_model_would_not_mend_ends_the_run_without_the_fallback()
    {
        server.ScriptFor("primary", Reply.Fail(401));

        var failed = await Should.ThrowAsync<ChainFailed>(() => AskAsync(Link("primary", "p1", PrimaryPrices), Link("fallback", "p2", FallbackPrices)));

        failed.Refusal.Code.ShouldBe("provider_refused");
        failed.Refusal.Kind.ShouldBe(ErrorKind.Unavailable);
        failed.Attempts.Single().Reason.ShouldBe(CallOutcomes.Http(401));
        CallsTo("fallback").ShouldBe(0);
    }

    [Fact]
    public async Task When_no_model_answers_the_run_says_why_for_each()
    {
        server.ScriptFor("primary", Reply.Fail(429));
        server.ScriptFor("fallback", Reply.Fail(502));

        var failed = await Should.ThrowAsync<ChainFailed>(() => AskAsync(Link("primary", "p1", PrimaryPrices), Link("fallback", "p2", FallbackPrices)));

        failed.Refusal.Code.ShouldBe("all_models_failed");
        failed.Refusal.Message.ShouldContain("primary http_429");
        failed.Refusal.Message.ShouldContain("fallback http_502");
        failed.Attempts.ShouldAllBe(a => a.Outcome == CallOutcomes.Failed && a.Cost == 0m);
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
