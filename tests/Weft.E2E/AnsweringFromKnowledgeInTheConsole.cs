using System.Net.Http.Json;
using System.Text;
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
/// An admin makes a knowledge base of the store's policies in the browser: uploads the Markdown file (a second version
/// replaces the first, a spreadsheet is refused), reads its chunks, tries a question on it and sees the right chunk come
/// first, then gives it to an agent. Asked in the console, the agent answers from it, streamed from a local fake provider,
/// citing [1], which links to the chunk it was given; the run's page keeps the sources and the thread. A viewer on a phone
/// reads the knowledge without a button to change it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AnsweringFromKnowledgeInTheConsole(SharedBrowser browser, WeftServer server) : IClassFixture<WeftServer>
{
    private const string FirstPolicies = """
        # Store policies

        ## Refunds

        Refunds are paid within 14 days to the card used for the order.

        ## Shipping

        Parcels leave the warehouse within 2 working days of the order.
        """;

    private static readonly string Policies = FirstPolicies.Replace("14 days", "30 days", StringComparison.Ordinal);

    [Fact]
    public async Task An_admin_builds_a_knowledge_base_and_the_agent_answers_from_it_citing_the_chunk_it_used()
    {
        await using var fake = await FakeProviderServer.StartAsync();
        using var admin = await Programs.SignedInAsync(server, DemoPeople.Admin);
        await admin.WithoutDemoKnowledgeAsync();
        await SetUpConciergeAsync(admin, fake);

        await using var ada = await browser.PersonAsync(server);
        var page = ada.Page;
        await SignInAsync(page, DemoPeople.Admin, DemoPeople.Password);
        var main = page.GetByRole(AriaRole.Main);

        // No knowledge yet: the page says what a knowledge base is and invites the first.
        await OpenFromNavigationAsync(page, "AI knowledge");
        await Expect(main).ToContainTextAsync("No knowledge bases yet");
        await ScreenshotAsync(page, "ai-knowledge-1-empty");
        await ShouldHaveNoSeriousViolationsAsync(page, "the empty AI knowledge page");

        // Created with the embeddings model the fake serves: searched by words and by meaning.
        await main.GetByRole(AriaRole.Button, new() { Name = "Create the first knowledge base" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Key", new() { Exact = true }).FillAsync("policies");
        await dialog.GetByLabel("Name", new() { Exact = true }).FillAsync("Store policies");
        await dialog.GetByLabel("Description", new() { Exact = true }).FillAsync("Refunds and shipping, as customers are told them.");
        await ChooseAsync(page, dialog.GetByLabel("Embeddings model", new() { Exact = true }), page.GetByRole(AriaRole.Option, new() { Name = "embed · OpenAI-compatible" }));
        await ScreenshotAsync(page, "ai-knowledge-2-create");
        await ShouldHaveNoSeriousViolationsAsync(page, "the new knowledge base dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        var row = BaseRow(page, "Store policies");
        await Expect(row).ToContainTextAsync("policies");
        await Expect(row).ToContainTextAsync("embed");

        await row.GetByRole(AriaRole.Link, new() { Name = "Store policies" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Store policies", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);
        await Expect(Fact(page, "Searched")).ToHaveTextAsync("by words and by meaning with embed (hybrid)");
        await Expect(main).ToContainTextAsync("No documents yet.");

        // Three files at once: two are read and indexed, the spreadsheet is refused with the reason, before it is sent.
        var upload = page.GetByLabel("Upload documents", new() { Exact = true });
        await upload.SetInputFilesAsync(
        [
            File("policies.md", "text/markdown", FirstPolicies),
            File("old-faq.txt", "text/plain", "Questions customers asked in 2019, kept for the record."),
            File("prices.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "a,b"),
        ]);
        var uploads = page.GetByRole(AriaRole.List, new() { Name = "Files uploaded" });
        await Expect(main.GetByRole(AriaRole.Status).Filter(new() { HasText = "2 created, 1 refused." })).ToBeVisibleAsync();
        await Expect(Uploaded(uploads, "policies.md")).ToContainTextAsync("created");
        await Expect(Uploaded(uploads, "policies.md")).ToContainTextAsync("2 chunks");
        await Expect(Uploaded(uploads, "prices.xlsx")).ToContainTextAsync("refused");
        await Expect(Uploaded(uploads, "prices.xlsx")).ToContainTextAsync("'prices.xlsx' is not a type Weft can read.");
        var document = DocumentRow(page, "policies.md");
        await Expect(document).ToContainTextAsync("markdown");
        await Expect(document).ToContainTextAsync(DemoPeople.Admin);
        await Expect(DocumentRow(page, "old-faq.txt")).ToBeVisibleAsync();
        await Expect(DocumentRow(page, "prices.xlsx")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "ai-knowledge-3-uploaded");
        await ShouldHaveNoSeriousViolationsAsync(page, "a knowledge base's documents after an upload");

        // The corrected policies replace the first version; the same file again changes nothing.
        await upload.SetInputFilesAsync(File("policies.md", "text/markdown", Policies));
        await Expect(Uploaded(uploads, "policies.md")).ToContainTextAsync("replaced");
        await Expect(Uploaded(uploads, "policies.md")).ToContainTextAsync("revision 2");
        await Expect(document.GetByRole(AriaRole.Cell).Nth(3)).ToHaveTextAsync("2");
        await upload.SetInputFilesAsync(File("policies.md", "text/markdown", Policies));
        await Expect(Uploaded(uploads, "policies.md")).ToContainTextAsync("unchanged");
        await Expect(main.GetByRole(AriaRole.Status).Filter(new() { HasText = "1 unchanged." })).ToBeVisibleAsync();

        // An outdated document goes, after the admin confirms what leaves with it.
        await DocumentRow(page, "old-faq.txt").GetByRole(AriaRole.Button, new() { Name = "Delete old-faq.txt" }).ClickAsync();
        dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("“old-faq.txt” and its 1 chunk leave the knowledge base");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(DocumentRow(page, "old-faq.txt")).ToHaveCountAsync(0);
        await Expect(Fact(page, "Holds")).ToHaveTextAsync("1 document in 2 chunks");

        // The chunks, cut by heading, each with its vector.
        await document.GetByRole(AriaRole.Button, new() { Name = "Chunks of policies.md" }).ClickAsync();
        dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByRole(AriaRole.Heading, new() { Level = 3 })).ToHaveTextAsync(["Store policies › Refunds", "Store policies › Shipping"]);
        await Expect(dialog).ToContainTextAsync("Refunds are paid within 30 days");
        await Expect(dialog.GetByText("embedded", new() { Exact = true })).ToHaveCountAsync(2);
        await ScreenshotAsync(page, "ai-knowledge-4-chunks");
        await ShouldHaveNoSeriousViolationsAsync(page, "a document's chunks");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true }).Last.ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        // The retrieval test: the refunds chunk comes first, found by its words and its meaning.
        await main.GetByRole(AriaRole.Tab, new() { Name = "Test retrieval" }).ClickAsync();
        await page.GetByLabel("Query", new() { Exact = true }).FillAsync("How long do refunds take?");
        await main.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Expect(main.GetByRole(AriaRole.Status).Filter(new() { HasText = "found for “How long do refunds take?”" })).ToContainTextAsync("(hybrid)");
        var found = page.GetByRole(AriaRole.Table, new() { Name = "Chunks found, best first" }).GetByRole(AriaRole.Row);
        await Expect(found.Nth(1)).ToContainTextAsync("Store policies › Refunds");
        await Expect(found.Nth(1).GetByRole(AriaRole.Rowheader)).ToHaveTextAsync("1");
        await Expect(found.Nth(1)).ToContainTextAsync("30 days");
        await ScreenshotAsync(page, "ai-knowledge-5-retrieval");
        await ShouldHaveNoSeriousViolationsAsync(page, "a knowledge base's retrieval test");

        // The agent is given the base, and one more search of its own per run.
        await page.GotoAsync("/ai/agents/concierge");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Concierge", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);
        await Expect(Fact(page, "Knowledge")).ToHaveTextAsync("none");
        await main.GetByRole(AriaRole.Tab, new() { Name = "Knowledge" }).ClickAsync();
        await main.GetByRole(AriaRole.Checkbox, new() { Name = "Store policies (policies)" }).CheckAsync();
        await page.GetByLabel("Max tool rounds", new() { Exact = true }).FillAsync("1");
        await main.GetByRole(AriaRole.Button, new() { Name = "Save knowledge" }).ClickAsync();
        await Expect(main.GetByRole(AriaRole.Status).Filter(new() { HasText = "Knowledge saved." })).ToBeVisibleAsync();
        await Expect(Fact(page, "Knowledge")).ToHaveTextAsync("Store policies · up to 1 more search per run");
        var profile = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/ai/agents/concierge"))!;
        profile["knowledge"]!.AsArray().Select(k => k!.GetValue<string>()).ShouldBe(["policies"]);
        profile["maxToolRounds"]!.GetValue<int>().ShouldBe(1);
        await ScreenshotAsync(page, "ai-knowledge-6-agent");
        await ShouldHaveNoSeriousViolationsAsync(page, "an AI agent's knowledge");

        // Asked in the console: the answer streams in from the fake, citing the chunk it was given as [1].
        await OpenFromNavigationAsync(page, "AI console");
        await Expect(main).ToContainTextAsync("The chunks found in policies for the question show here once the agent has answered");
        fake.ScriptFor("swift-model", Reply.Stream("Refunds are paid ", "within 30 days [1].") with { InputTokens = 1_000, OutputTokens = 200 });
        await page.GetByLabel("Input", new() { Exact = true }).FillAsync("How long do refunds take?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ask", Exact = true }).ClickAsync();
        var answer = page.GetByRole(AriaRole.Region, new() { Name = "The agent's answer" });
        await Expect(answer).ToHaveTextAsync("Refunds are paid within 30 days [1].");
        var chat = fake.Requests.Last(r => r.Path == "/v1/chat/completions");
        var prompt = string.Join("\n", chat.Body!["messages"]!.AsArray().Select(m => m!["content"]!.ToString()));
        prompt.ShouldContain("[1] policies.md › Store policies › Refunds");
        prompt.ShouldContain("Refunds are paid within 30 days to the card used for the order.");
        chat.Body!["tools"]!.AsArray().Single()!["function"]!["name"]!.GetValue<string>().ShouldBe("search_knowledge");
        // The question's embedding is the run's first call: embed, $0.02 per million, 5 words → $0.0000001. Then swift: $2.50 in,
        // $10 out per million: 1,000 × 2.50 + 200 × 10 = 4,500 → $0.0045.
        await Expect(CallRow(page, "embed")).ToContainTextAsync("$0.0000001");
        await Expect(CallRow(page, "swift")).ToContainTextAsync("$0.0045");
        await Expect(Fact(page, "Cost")).ToHaveTextAsync("$0.0045001");

        var retrieved = page.GetByRole(AriaRole.Table, new() { Name = "Retrieved chunks, numbered as the answer cites them" });
        var cited = SourceRow(retrieved, 1);
        await Expect(cited).ToContainTextAsync("Store policies › Refunds");
        await Expect(cited).ToContainTextAsync("cited");
        await Expect(SourceRow(retrieved, 2)).ToContainTextAsync("not cited");
        var mark = answer.GetByRole(AriaRole.Link, new() { Name = "[1]", Exact = true });
        await Expect(mark).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("/ai/console(\\?[^#]*)?#source-1$"));
        await mark.ClickAsync();
        await Expect(cited).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("weft-source-target"));
        await Expect(cited).ToBeInViewportAsync();
        await Expect(answer).ToHaveTextAsync("Refunds are paid within 30 days [1].");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#source-1$"));
        // The page is pictured from its top, where the app bar stays.
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await ScreenshotAsync(page, "ai-knowledge-7-console");
        await ShouldHaveNoSeriousViolationsAsync(page, "the AI console with sources");

        // The run's page keeps the sources as they were given, and the thread the question started.
        await main.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Run #\\d+$") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new System.Text.RegularExpressions.Regex("^AI run #\\d+$"), Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);
        await Expect(Fact(page, "Sources")).ToHaveTextAsync("2 chunks, 1 cited");
        var sources = page.GetByRole(AriaRole.Table, new() { Name = "Knowledge given to the run, numbered as the answer cites it" });
        await Expect(SourceRow(sources, 1)).ToContainTextAsync("cited");
        await Expect(SourceRow(sources, 1)).ToContainTextAsync("policies.md");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Output" }).GetByRole(AriaRole.Link, new() { Name = "[1]", Exact = true })).ToBeVisibleAsync();
        var thread = page.GetByRole(AriaRole.Region, new() { Name = "Thread" });
        await Expect(thread).ToContainTextAsync("“How long do refunds take?”, a conversation with concierge");
        await Expect(thread.GetByRole(AriaRole.Row)).ToHaveCountAsync(1 + 2);
        await ScreenshotAsync(page, "ai-knowledge-8-run");
        await ShouldHaveNoSeriousViolationsAsync(page, "an AI run with sources and its thread");

        // A viewer on a phone reads the knowledge without a button to change it, and nothing scrolls sideways.
        await using var vic = await browser.PersonAsync(server, 390, 844);
        var phone = vic.Page;
        await SignInAsync(phone, DemoPeople.Viewer, DemoPeople.Password);
        await phone.GotoAsync("/ai/knowledge");
        await WaitUntilInteractiveAsync(phone);
        await Expect(BaseRow(phone, "Store policies")).ToContainTextAsync("policies");
        await Expect(phone.GetByRole(AriaRole.Button, new() { Name = "New knowledge base" })).ToHaveCountAsync(0);
        await Expect(phone.GetByRole(AriaRole.Button, new() { Name = "Delete policies" })).ToHaveCountAsync(0);
        await ScreenshotAsync(phone, "ai-knowledge-9-phone-list");
        await ShouldNotScrollSidewaysAsync(phone, "the AI knowledge page on a phone");
        await phone.GotoAsync("/ai/knowledge/policies");
        await WaitUntilInteractiveAsync(phone);
        await Expect(DocumentRow(phone, "policies.md")).ToBeVisibleAsync();
        await Expect(phone.GetByLabel("Upload documents", new() { Exact = true })).ToHaveCountAsync(0);
        await Expect(phone.GetByRole(AriaRole.Button, new() { Name = "Delete policies.md" })).ToHaveCountAsync(0);
        await ScreenshotAsync(phone, "ai-knowledge-10-phone-base");
        await ShouldNotScrollSidewaysAsync(phone, "a knowledge base's page on a phone");
        await ShouldHaveNoSeriousViolationsAsync(phone, "a knowledge base's page, for a viewer on a phone");

        // Deleting the base says what goes with it; the agent stops answering from it.
        await OpenFromNavigationAsync(page, "AI knowledge");
        await BaseRow(page, "Store policies").GetByRole(AriaRole.Button, new() { Name = "Delete policies" }).ClickAsync();
        dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("“policies” goes with its 1 document and 2 chunks, for good");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(main).ToContainTextAsync("No knowledge bases yet");
        (await admin.GetFromJsonAsync<JsonObject>("/api/v1/ai/agents/concierge"))!["knowledge"]!.AsArray().ShouldBeEmpty();
    }

    /// <summary>A provider at the fake, a chat model and an embeddings model on it, and "concierge" with the chat model.</summary>
    private static async Task SetUpConciergeAsync(HttpClient admin, FakeProviderServer fake)
    {
        await OkAsync(admin.PostAsJsonAsync("/api/v1/ai/providers",
            new { key = "lab", name = "Lab", kind = "openai_compatible", baseUrl = fake.OpenAIBaseUrl.AbsoluteUri, timeoutSeconds = 30 }));
        await OkAsync(admin.PostAsJsonAsync("/api/v1/ai/models", new
        {
            key = "swift", kind = "openai_compatible", provider = "lab", providerModel = "swift-model", purpose = "chat", contextWindow = 128_000,
            inputPrice = 2.5m, outputPrice = 10m, cachedInputPrice = 1.25m,
        }));
        await OkAsync(admin.PostAsJsonAsync("/api/v1/ai/models", new
        {
            key = "embed", kind = "openai_compatible", provider = "lab", providerModel = "fake-embedding", purpose = "embeddings", contextWindow = 8_000,
            inputPrice = 0.02m, outputPrice = 0m,
        }));
        await OkAsync(admin.PostAsJsonAsync("/api/v1/agents", new { key = "concierge", name = "Concierge", kind = "ai" }));
        await OkAsync(admin.PostAsJsonAsync("/api/v1/ai/agents",
            new { agent = "concierge", description = "Answers customers' questions.", models = new[] { "swift" }, maxOutputTokens = 400, maxToolRounds = 0 }));
    }

    private static FilePayload File(string name, string type, string text) =>
        new() { Name = name, MimeType = type, Buffer = Encoding.UTF8.GetBytes(text) };

    private static async Task OkAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The value of a fact of the page's list (the term's next sibling).</summary>
    private static ILocator Fact(IPage page, string term) =>
        page.Locator("dl.weft-facts dt").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^{term}$") }).Locator("xpath=following-sibling::dd[1]");

    private static ILocator CallRow(IPage page, string model) =>
        page.GetByRole(AriaRole.Table, new() { Name = "Models tried, in order" }).GetByRole(AriaRole.Row)
            .Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = model, Exact = true }) });

    private static ILocator BaseRow(IPage page, string name) =>
        page.GetByRole(AriaRole.Table, new() { Name = "Knowledge bases" }).GetByRole(AriaRole.Row)
            .Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = name, Exact = true }) });

    private static ILocator DocumentRow(IPage page, string name) =>
        page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { NameRegex = new System.Text.RegularExpressions.Regex($"^{System.Text.RegularExpressions.Regex.Escape(name)}") }) });

    private static ILocator Uploaded(ILocator uploads, string name) => uploads.GetByRole(AriaRole.Listitem).Filter(new() { HasText = name });

    private static ILocator SourceRow(ILocator table, int rank) =>
        table.GetByRole(AriaRole.Row).Filter(new() { Has = table.Page.GetByRole(AriaRole.Rowheader, new() { Name = $"[{rank}]", Exact = true }) });

    private static async Task ShouldNotScrollSidewaysAsync(IPage page, string what)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        overflow.ShouldBeLessThanOrEqualTo(0, $"{what} should not scroll sideways");
    }

    private static async Task OpenFromNavigationAsync(IPage page, string entry)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = entry, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = entry, Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);
    }
}
