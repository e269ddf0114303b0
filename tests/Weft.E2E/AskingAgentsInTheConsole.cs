using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Weft.E2E.Infrastructure;
using Weft.Testing.FakeProviders;
using static Microsoft.Playwright.Assertions;
using static Weft.E2E.Infrastructure.Accessibility;
using static Weft.E2E.Infrastructure.LivePages;
using static Weft.E2E.Infrastructure.Screenshots;
using static Weft.E2E.Infrastructure.Sessions;

namespace Weft.E2E;

/// <summary>
/// An operator asks an AI agent in the console: the answer streams in from a local fake provider, with the model that
/// answered, its tokens and what it cost; a failing primary hands over to the fallback, and a hung one is stopped. The
/// runs, their details and their costs are then found in the AI runs and AI costs pages, and the costs as a CSV.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AskingAgentsInTheConsole(SharedBrowser browser, WeftServer server) : IClassFixture<WeftServer>
{
    [Fact]
    public async Task An_operator_asks_an_agent_sees_the_answer_stream_in_with_its_cost_and_finds_the_runs_and_costs_after()
    {
        await using var fake = await FakeProviderServer.StartAsync();
        using var admin = await Programs.SignedInAsync(server, DemoPeople.Admin);
        await SetUpConciergeAsync(admin, fake);

        await using var olga = await browser.PersonAsync(server);
        var page = olga.Page;
        await SignInAsync(page, DemoPeople.Operator, DemoPeople.Password);
        await OpenFromNavigationAsync(page, "AI console");
        var main = page.GetByRole(AriaRole.Main);
        await Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Agent", Exact = true })).ToHaveTextAsync("Concierge (concierge)");
        await Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Persona", Exact = true })).ToHaveTextAsync("Active (version 1)");
        await Expect(main).ToContainTextAsync("Needs {{shop.name}} in the variables.");
        await Expect(main).ToContainTextAsync("This agent answers from no knowledge base: its answers come from the model alone.");

        // The persona names the shop: without it, the run is refused before any model is asked.
        await page.GetByLabel("Input", new() { Exact = true }).FillAsync("Where is order 1042?");
        await AskAsync(page);
        await Expect(main.GetByRole(AriaRole.Alert)).ToContainTextAsync("The persona needs values for {{shop.name}}");
        fake.Requests.ShouldBeEmpty();
        await ScreenshotAsync(page, "ai-console-1-variables-missing");

        // Variables that are not a JSON object are caught in the page, with what is wrong.
        var variables = page.GetByLabel("Variables (JSON object, optional)", new() { Exact = true });
        await variables.FillAsync("""{"shop": """);
        await AskAsync(page);
        await Expect(main).ToContainTextAsync("The variables are not valid JSON");
        await variables.FillAsync("""["Atelier Nord"]""");
        await AskAsync(page);
        await Expect(main).ToContainTextAsync("The variables must be a JSON object, like {\"customer\": {\"name\": \"Ada\"}}, not a list.");
        await ScreenshotAsync(page, "ai-console-2-variables-invalid");
        fake.Requests.ShouldBeEmpty();

        // Streamed, piece by piece, by the primary model.
        await variables.FillAsync("""{"shop": {"name": "Atelier Nord"}}""");
        fake.ScriptFor("swift-model", Reply.Stream("Order 1042 ", "left our workshop ", "this morning.") with { InputTokens = 1_200, OutputTokens = 300, CachedTokens = 200 });
        await AskAsync(page);
        var answer = page.GetByRole(AriaRole.Region, new() { Name = "The agent's answer" });
        await Expect(answer).ToHaveTextAsync("Order 1042 left our workshop this morning.");
        await Expect(main).ToContainTextAsync("swift (lab-a)");
        await Expect(main).ToContainTextAsync("1,200 in (200 cached) · 300 out");
        // swift: $2.50 in, $10 out, $1.25 cached per million: 1,000 × 2.50 + 200 × 1.25 + 300 × 10 = 2,500 + 250 + 3,000 = 5,750 → $0.00575.
        await Expect(Fact(page, "Cost")).ToHaveTextAsync("$0.00575");
        await Expect(Fact(page, "Latency")).ToContainTextAsync("on this page");
        await Expect(Fact(page, "Latency")).ToContainTextAsync("at swift");
        await Expect(CallRow(page, "swift")).ToContainTextAsync("answered");
        fake.LastRequest.Body!["stream"]!.GetValue<bool>().ShouldBeTrue();
        fake.LastRequest.Body!["messages"]![0]!["content"]!.ToJsonString().ShouldContain("Atelier Nord");
        await ScreenshotAsync(page, "ai-console-3-answered");
        await ShouldHaveNoSeriousViolationsAsync(page, "the AI console with an answer");

        // The primary fails with a 500: the fallback answers, and the page says why the primary did not.
        fake.ScriptFor("swift-model", Reply.Fail(500));
        fake.ScriptFor("steady-model", Reply.Stream("Your parcel ", "is with the carrier.") with { InputTokens = 800, OutputTokens = 100 });
        await page.GetByLabel("Input", new() { Exact = true }).FillAsync("Where is my parcel?");
        await AskAsync(page);
        await Expect(answer).ToHaveTextAsync("Your parcel is with the carrier.");
        await Expect(main).ToContainTextAsync("steady (lab-b)");
        await Expect(CallRow(page, "swift")).ToContainTextAsync("failed");
        await Expect(CallRow(page, "swift")).ToContainTextAsync("HTTP 500 (server error)");
        await Expect(CallRow(page, "steady")).ToContainTextAsync("answered");
        // steady: $1 in, $4 out per million: 800 × 1 + 100 × 4 = 1,200 → $0.0012; the failed call cost nothing.
        await Expect(Fact(page, "Cost")).ToHaveTextAsync("$0.0012");
        await ScreenshotAsync(page, "ai-console-4-failover");

        // A model that never answers is stopped from the page; the run is kept as cancelled.
        fake.ScriptFor("swift-model", Reply.Hang());
        await page.GetByLabel("Input", new() { Exact = true }).FillAsync("Are you there?");
        await AskAsync(page);
        await Expect(main.GetByRole(AriaRole.Status).Filter(new() { HasText = "Waiting for the first words" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "ai-console-5-waiting");
        await page.GetByRole(AriaRole.Button, new() { Name = "Stop", Exact = true }).ClickAsync();
        await Expect(main).ToContainTextAsync("is recorded as cancelled.");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Stop", Exact = true })).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "ai-console-6-stopped");

        // No model answers: the page says so as the API does, with every model tried and why.
        fake.ScriptFor("swift-model", Reply.Fail(500));
        fake.ScriptFor("steady-model", Reply.Fail(503));
        await page.GetByLabel("Input", new() { Exact = true }).FillAsync("Hello?");
        await AskAsync(page);
        await Expect(main.GetByRole(AriaRole.Alert)).ToContainTextAsync("No model of the chain answered");
        await Expect(CallRow(page, "swift")).ToContainTextAsync("HTTP 500 (server error)");
        await Expect(CallRow(page, "steady")).ToContainTextAsync("HTTP 503 (server error)");
        await ScreenshotAsync(page, "ai-console-7-all-failed");

        var runs = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/ai/runs?agent=concierge"))!["items"]!.AsArray();
        var (unanswered, stopped, failover, streamed) = (Id(runs[0]), Id(runs[1]), Id(runs[2]), Id(runs[3]));
        runs[0]!["errorCode"]!.GetValue<string>().ShouldBe("all_models_failed");
        runs[1]!["errorCode"]!.GetValue<string>().ShouldBe("cancelled");
        var day = runs[3]!["startedAt"]!.GetValue<DateTime>().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        // The runs, newest first, and narrowed to the failed one.
        await OpenFromNavigationAsync(page, "AI runs");
        await Expect(RunRow(page, unanswered)).ToContainTextAsync("failed");
        await Expect(RunRow(page, stopped)).ToContainTextAsync("cancelled");
        var first = RunRow(page, streamed);
        await Expect(first).ToContainTextAsync("answered");
        await Expect(first).ToContainTextAsync("swift");
        await Expect(first).ToContainTextAsync("1,200 / 300");
        await Expect(first).ToContainTextAsync("$0.00575");
        await Expect(RunRow(page, failover)).ToContainTextAsync("steady");
        await ScreenshotAsync(page, "ai-console-8-runs");
        await ChooseAsync(page, page.GetByLabel("State", new() { Exact = true }), page.GetByRole(AriaRole.Option, new() { Name = "Failed" }));
        await Expect(first).ToHaveCountAsync(0);
        await Expect(RunRow(page, stopped)).ToHaveCountAsync(1);
        await Expect(RunRow(page, unanswered)).ToHaveCountAsync(1);
        await ChooseAsync(page, page.GetByLabel("State", new() { Exact = true }), page.GetByRole(AriaRole.Option, new() { Name = "All states" }));

        // A run's whole story: what was asked and answered, with which persona, by whom, and every model tried.
        await first.GetByRole(AriaRole.Link, new() { Name = $"#{streamed}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"AI run #{streamed}", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);
        await Expect(Fact(page, "Persona")).ToHaveTextAsync("version 1");
        await Expect(Fact(page, "Asked by")).ToHaveTextAsync(DemoPeople.Operator);
        await Expect(Fact(page, "Cost")).ToHaveTextAsync("$0.00575");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Input" })).ToContainTextAsync("Where is order 1042?");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Output" })).ToContainTextAsync("Order 1042 left our workshop this morning.");
        await Expect(CallRow(page, "swift")).ToContainTextAsync("1,200");
        await ScreenshotAsync(page, "ai-console-9-run");
        await ShouldHaveNoSeriousViolationsAsync(page, "an AI run");
        await page.GotoAsync($"/ai/runs/{failover}");
        await WaitUntilInteractiveAsync(page);
        await Expect(CallRow(page, "swift")).ToContainTextAsync("HTTP 500 (server error)");
        await Expect(CallRow(page, "steady")).ToContainTextAsync("$0.0012");
        await ScreenshotAsync(page, "ai-console-10-failover-run");

        // The costs of the period: a chart per day, the agent's and each model's rows, 0.00575 + 0.0012 = 0.00695. The
        // stopped run called no model to its end and counts nowhere; the unanswered one counts its two calls, at no cost.
        await OpenFromNavigationAsync(page, "AI costs");
        await Expect(main).ToContainTextAsync("$0.00695 in all");
        var chart = page.GetByRole(AriaRole.Img, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Cost per day") });
        await Expect(chart).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex(@"\$0\.00695 in all"));
        await Expect(chart.Locator("svg path").First).ToBeAttachedAsync();
        var concierge = CostRow(page, "Costs per agent, dearest first", "concierge");
        await Expect(concierge).ToContainTextAsync("$0.00695");
        await Expect(concierge.GetByRole(AriaRole.Cell).Nth(0)).ToHaveTextAsync("3");
        await Expect(concierge.GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync("5");
        await Expect(CostRow(page, "Costs per model, dearest first", "swift")).ToContainTextAsync("$0.00575");
        await Expect(CostRow(page, "Costs per model, dearest first", "steady")).ToContainTextAsync("$0.0012");
        await ScreenshotAsync(page, "ai-console-11-costs");
        await ShouldHaveNoSeriousViolationsAsync(page, "the AI costs with a chart");
        await SwitchThemeAsync(page, "dark");
        await Expect(chart.Locator("svg path").First).ToBeAttachedAsync();
        await ScreenshotAsync(page, "ai-console-11-costs-dark");
        await ShouldHaveNoSeriousViolationsAsync(page, "the AI costs with a chart, in the dark theme");

        // The CSV of the same period, downloaded by the signed-in browser (its session cookie, no token).
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" }).ClickAsync());
        download.SuggestedFilename.ShouldStartWith("weft-ai-costs-day-");
        var file = Path.Combine(Path.GetTempPath(), $"weft-costs-{Guid.NewGuid():N}.csv");
        try
        {
            await download.SaveAsAsync(file);
            (await File.ReadAllTextAsync(file)).ShouldBe(
                "day,runs,calls,input_tokens,output_tokens,cached_input_tokens,cost_usd\r\n" +
                $"{day},3,5,2000,400,200,0.00695\r\n" +
                "total,3,5,2000,400,200,0.00695\r\n");
        }
        finally
        {
            File.Delete(file);
        }

        // Fifty more runs over the API: the list shows the newest fifty, and the older ones on "Load more".
        for (var i = 1; i <= 50; i++)
        {
            await OkAsync(admin.PostAsJsonAsync("/api/v1/ai/agents/concierge/runs",
                new { input = $"Question {i}", variables = new { shop = new { name = "Atelier Nord" } } }));
        }
        await OpenFromNavigationAsync(page, "AI runs");
        var rows = page.GetByRole(AriaRole.Table, new() { Name = "AI runs, newest first" }).GetByRole(AriaRole.Row);
        await Expect(rows).ToHaveCountAsync(1 + 50);
        await Expect(RunRow(page, streamed)).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Load more" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(1 + 54);
        await Expect(RunRow(page, streamed)).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Load more" })).ToHaveCountAsync(0);

        // A viewer reads the runs and the costs, and has no console: asking costs money.
        await using var vic = await browser.PersonAsync(server);
        await SignInAsync(vic.Page, DemoPeople.Viewer, DemoPeople.Password);
        var nav = vic.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "AI runs", Exact = true })).ToBeVisibleAsync();
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "AI costs", Exact = true })).ToBeVisibleAsync();
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "AI console", Exact = true })).ToHaveCountAsync(0);
        await vic.Page.GotoAsync("/ai/console");
        await Expect(vic.Page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed", Level = 1 })).ToBeVisibleAsync();

        // On a phone the three pages fit the screen's width; their tables scroll within themselves.
        await using var pia = await browser.PersonAsync(server, 390, 844);
        await SignInAsync(pia.Page, DemoPeople.Operator, DemoPeople.Password);
        foreach (var (path, name) in new[] { ("/ai/console", "console"), ("/ai/runs", "runs"), ("/ai/costs", "costs") })
        {
            await pia.Page.GotoAsync(path);
            await WaitUntilInteractiveAsync(pia.Page);
            await ScreenshotAsync(pia.Page, $"ai-console-12-phone-{name}");
            var overflow = await pia.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            overflow.ShouldBeLessThanOrEqualTo(0, $"{path} should not scroll sideways on a phone");
        }
    }

    /// <summary>Two providers at the fake (so that one failing does not open the other's circuit), a model on each, and "concierge" with both.</summary>
    private static async Task SetUpConciergeAsync(HttpClient admin, FakeProviderServer fake)
    {
        foreach (var key in new[] { "lab-a", "lab-b" })
        {
            await OkAsync(admin.PostAsJsonAsync("/api/v1/ai/providers",
                new { key, name = $"Lab {key[^1..].ToUpperInvariant()}", kind = "openai_compatible", baseUrl = fake.OpenAIBaseUrl.AbsoluteUri, timeoutSeconds = 30 }));
        }
        await OkAsync(admin.PostAsJsonAsync("/api/v1/ai/models", new
        {
            key = "swift", kind = "openai_compatible", provider = "lab-a", providerModel = "swift-model", purpose = "chat", contextWindow = 128_000,
            inputPrice = 2.5m, outputPrice = 10m, cachedInputPrice = 1.25m,
        }));
        await OkAsync(admin.PostAsJsonAsync("/api/v1/ai/models", new
        {
            key = "steady", kind = "openai_compatible", provider = "lab-b", providerModel = "steady-model", purpose = "chat", contextWindow = 32_000,
            inputPrice = 1m, outputPrice = 4m, cachedInputPrice = 0.1m,
        }));
        await OkAsync(admin.PostAsJsonAsync("/api/v1/agents", new { key = "concierge", name = "Concierge", kind = "ai" }));
        await OkAsync(admin.PostAsJsonAsync("/api/v1/ai/agents",
            new { agent = "concierge", description = "Answers customers' questions.", models = new[] { "swift", "steady" }, maxOutputTokens = 400 }));
        await OkAsync(admin.PutAsJsonAsync("/api/v1/ai/agents/concierge/persona/draft",
            new { instructions = "You are the concierge of {{shop.name}}. Answer in one sentence." }));
        await OkAsync(admin.PostAsJsonAsync("/api/v1/ai/agents/concierge/persona/publish", new { note = "First words." }));
    }

    private static async Task OkAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
    }

    private static long Id(JsonNode? run) => run!["id"]!.GetValue<long>();

    private static async Task AskAsync(IPage page) => await page.GetByRole(AriaRole.Button, new() { Name = "Ask", Exact = true }).ClickAsync();

    /// <summary>The value of a fact of the page's list (the term's next sibling).</summary>
    private static ILocator Fact(IPage page, string term) =>
        page.Locator("dl.weft-facts dt").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^{term}$") }).Locator("xpath=following-sibling::dd[1]");

    private static ILocator CallRow(IPage page, string model) =>
        page.GetByRole(AriaRole.Table, new() { Name = "Models tried, in order" }).GetByRole(AriaRole.Row)
            .Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = model, Exact = true }) });

    private static ILocator RunRow(IPage page, long id) =>
        page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = $"#{id}", Exact = true }) });

    private static ILocator CostRow(IPage page, string table, string key) =>
        page.GetByRole(AriaRole.Table, new() { Name = table }).GetByRole(AriaRole.Row)
            .Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = key, Exact = true }) });

    private static async Task OpenFromNavigationAsync(IPage page, string entry)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = entry, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = entry, Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);
    }
}
