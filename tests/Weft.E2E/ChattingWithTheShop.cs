using System.Net.Http.Headers;
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
/// A customer chats through the widget on the demo shop's page: the AI agent answers from the store's policies, citing
/// them; the customer asks for a person; Alice, on the team, has the conversation open in a second browser and sees the
/// handover arrive live with the AI's summary, replies (the customer sees it at once), and solves it; the customer is
/// asked how it went and rates it, which Alice sees too. The AI's model is a local fake speaking OpenAI's protocol.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ChattingWithTheShop(SharedBrowser browser, WeftServer server) : IClassFixture<WeftServer>
{
    private const string Policies = """
        # Store policies

        ## Refunds

        Refunds are paid within 30 days to the card used for the order.

        ## Shipping

        Parcels leave the workshop within 2 working days of the order.
        """;

    [Fact]
    public async Task The_AI_answers_the_customer_asks_for_a_person_and_an_agent_takes_over_live()
    {
        await using var fake = await FakeProviderServer.StartAsync();
        using (var admin = await Programs.SignedInAsync(server, DemoPeople.Admin)) await SetUpAnswererAsync(admin, fake);
        fake.ScriptFor("answer-model", Reply.Text(new JsonObject
        {
            ["reply"] = "Refunds are paid within 30 days to the card you paid with [1].", ["confidence"] = 0.91,
            ["summary"] = "Ines asked how long a refund for her saddle bag takes; the AI told her 30 days to her card.", ["needsPerson"] = false,
        }.ToJsonString()));

        // The customer, on the shop's site, opens the chat and asks.
        await using var ines = await browser.PersonAsync(server);
        var shop = ines.Page;
        await shop.GotoAsync("/support/demo-shop?tenant=demo");
        await Expect(shop.GetByRole(AriaRole.Heading, new() { Name = "Atelier Lumen" })).ToBeVisibleAsync();
        await shop.GetByRole(AriaRole.Button, new() { Name = "Chat with Atelier Lumen" }).ClickAsync();
        var chat = shop.GetByRole(AriaRole.Dialog, new() { Name = "Chat with Atelier Lumen" });
        await chat.GetByLabel("Your name").FillAsync("Ines Duarte");
        await chat.GetByLabel("Your email").FillAsync("ines.widget@example.com");
        await chat.GetByLabel("How can we help?").FillAsync("How long does a refund for my saddle bag take?");
        await chat.GetByRole(AriaRole.Button, new() { Name = "Start chat" }).ClickAsync();
        var log = chat.GetByRole(AriaRole.Log, new() { Name = "Conversation" });
        await Expect(log).ToContainTextAsync("How long does a refund for my saddle bag take?");
        await Expect(log).ToContainTextAsync("Refunds are paid within 30 days to the card you paid with [1].", new() { Timeout = 60_000 });
        await Expect(log.GetByRole(AriaRole.List, new() { Name = "Sources" })).ToContainTextAsync("Store policies › Refunds");
        await ScreenshotAsync(shop, "support-1-widget-ai-answer");
        await ShouldHaveNoSeriousViolationsAsync(shop, "the demo shop with the chat open");

        // Alice, on the team, opens the conversation in her own browser.
        await using var alice = await browser.PersonAsync(server);
        var desk = alice.Page;
        await SignInAsync(desk, DemoPeople.Operator, DemoPeople.Password);
        await desk.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Conversations", Exact = true }).ClickAsync();
        await Expect(desk.GetByRole(AriaRole.Heading, new() { Name = "Conversations", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(desk);
        var views = desk.GetByRole(AriaRole.Navigation, new() { Name = "Conversation views" });
        await views.GetByRole(AriaRole.Link, new() { NameRegex = new("^All open") }).ClickAsync();
        await desk.GetByRole(AriaRole.Link, new() { NameRegex = new("Ines Duarte How long does a refund") }).ClickAsync();
        var main = desk.GetByRole(AriaRole.Main);
        await Expect(main.GetByRole(AriaRole.Heading, new() { Level = 2, NameRegex = new("How long does a refund") })).ToBeVisibleAsync();
        await Expect(main.GetByRole(AriaRole.Log, new() { Name = "Messages" })).ToContainTextAsync("Refunds are paid within 30 days");
        await Expect(main.GetByLabel("Handover")).ToHaveCountAsync(0);

        // The customer asks for a person: Alice's screen shows the handover and the AI's summary without a reload.
        await chat.GetByRole(AriaRole.Button, new() { Name = "Talk to a person" }).ClickAsync();
        await Expect(log).ToContainTextAsync("A person from our team will take it from here", new() { Timeout = 60_000 });
        var handover = main.GetByLabel("Handover");
        await Expect(handover).ToContainTextAsync("Handed over: the customer asked for a person.", new() { Timeout = 60_000 });
        await Expect(handover).ToContainTextAsync("Ines asked how long a refund for her saddle bag takes; the AI told her 30 days to her card.");
        await ScreenshotAsync(desk, "support-2-agent-sees-handover");
        await ShouldHaveNoSeriousViolationsAsync(desk, "the workspace with a handed-over conversation");

        // Alice replies; the customer reads it at once.
        await main.GetByLabel("Your message").FillAsync("Hello Ines, I'm Alice. I have started your refund: it reaches your card within 5 days.");
        await main.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await Expect(main.GetByLabel("Your message")).ToHaveValueAsync("");
        await Expect(main.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await Expect(log).ToContainTextAsync("I have started your refund: it reaches your card within 5 days.");
        await ScreenshotAsync(shop, "support-3-customer-reads-the-reply");

        // Solved: the customer is asked how it went and answers; Alice sees the rating.
        await main.GetByRole(AriaRole.Button, new() { Name = "Solve" }).ClickAsync();
        var survey = chat.GetByRole(AriaRole.Group, new() { Name = "How did we do?" });
        await Expect(survey).ToBeVisibleAsync();
        await survey.GetByRole(AriaRole.Button, new() { Name = "5 of 5" }).ClickAsync();
        await chat.GetByLabel("Anything to add?").FillAsync("Alice was lovely.");
        await ScreenshotAsync(shop, "support-4-csat-question");
        await chat.GetByRole(AriaRole.Button, new() { Name = "Send rating" }).ClickAsync();
        await Expect(log).ToContainTextAsync("Thank you for your rating!");
        await Expect(main.Locator("dl.weft-facts")).ToContainTextAsync("5 of 5: “Alice was lovely.”");
        await ScreenshotAsync(desk, "support-5-agent-sees-rating");
    }

    /// <summary>The demo's AI agent that answers customers, with the store's policies as its knowledge, on the fake provider.</summary>
    private static async Task SetUpAnswererAsync(HttpClient admin, FakeProviderServer fake)
    {
        await OkAsync(admin.PostAsJsonAsync("/api/v1/ai/providers",
            new { key = "lab", name = "Lab", kind = "openai_compatible", baseUrl = fake.OpenAIBaseUrl.AbsoluteUri, timeoutSeconds = 30 }));
        await OkAsync(admin.PostAsJsonAsync("/api/v1/ai/models", new
        {
            key = "answer", kind = "openai_compatible", provider = "lab", providerModel = "answer-model", purpose = "chat", contextWindow = 128_000,
            inputPrice = 2.5m, outputPrice = 10m,
        }));
        await OkAsync(admin.PostAsJsonAsync("/api/v1/ai/knowledge", new { key = "shop-policies", name = "Store policies" }));
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(Policies));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/markdown");
        form.Add(file, "file", "policies.md");
        await OkAsync(admin.PostAsync("/api/v1/ai/knowledge/shop-policies/documents", form));
        await OkAsync(admin.PostAsJsonAsync("/api/v1/agents",
            new { key = "shop-answerer", name = "Shop answerer", kind = "ai", capabilities = new[] { new { name = "support-answering", level = 1 } }, wipLimit = 5 }));
        await OkAsync(admin.PostAsJsonAsync("/api/v1/ai/agents",
            new { agent = "shop-answerer", models = new[] { "answer" }, knowledge = new[] { "shop-policies" }, maxToolRounds = 0 }));
    }

    private static async Task OkAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
    }
}
