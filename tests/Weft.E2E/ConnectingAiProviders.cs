using Weft.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Weft.E2E.Infrastructure.Accessibility;
using static Weft.E2E.Infrastructure.LivePages;
using static Weft.E2E.Infrastructure.Screenshots;
using static Weft.E2E.Infrastructure.Sessions;

namespace Weft.E2E;

/// <summary>An admin connects the tenant to a model server of its own and prices the models; a viewer reads both lists and changes nothing.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConnectingAiProviders(SharedBrowser browser, WeftServer server) : IClassFixture<WeftServer>
{
    private const string WorkshopKey = "sk-workshop-7f3a9c2e5b1d48a6";

    [Fact]
    public async Task An_admin_connects_a_model_server_reprices_a_model_and_adds_one_it_serves_while_a_viewer_only_reads()
    {
        await using var ada = await browser.PersonAsync(server);
        var page = ada.Page;
        await SignInAsync(page, DemoPeople.Admin, DemoPeople.Password);

        // A server in the workshop that speaks OpenAI's protocol, reached with a key that goes in and never comes back out.
        await OpenFromNavigationAsync(page, "AI providers");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("No providers yet.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add provider" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Key", new() { Exact = true }).FillAsync("workshop");
        await dialog.GetByLabel("Name", new() { Exact = true }).FillAsync("Workshop server");
        await ChooseAsync(page, dialog.GetByLabel("Kind", new() { Exact = true }), page.GetByRole(AriaRole.Option, new() { Name = "OpenAI-compatible" }));
        await Expect(dialog).ToContainTextAsync("Ollama, vLLM, LM Studio, a LiteLLM proxy");
        await dialog.GetByLabel("Base URL", new() { Exact = true }).FillAsync("http://127.0.0.1:11434/v1");
        await dialog.GetByLabel("API key", new() { Exact = true }).FillAsync(WorkshopKey);
        await dialog.GetByLabel("Timeout in seconds", new() { Exact = true }).FillAsync("30");
        await ScreenshotAsync(page, "ai-1-add-provider");
        await ShouldHaveNoSeriousViolationsAsync(page, "the Add provider dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        var workshop = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Cell, new() { Name = "workshop", Exact = true }) });
        await Expect(workshop).ToContainTextAsync("Workshop server");
        await Expect(workshop).ToContainTextAsync("OpenAI-compatible");
        await Expect(workshop).ToContainTextAsync("http://127.0.0.1:11434/v1");
        await Expect(workshop).ToContainTextAsync("API key set");
        await Expect(workshop).ToContainTextAsync("30 s");
        (await page.ContentAsync()).ShouldNotContain(WorkshopKey, customMessage: "an API key goes in and is never shown again");
        await ScreenshotAsync(page, "ai-2-provider-listed");

        // A new name; the empty key field keeps the stored key.
        await workshop.GetByRole(AriaRole.Button, new() { Name = "Edit workshop" }).ClickAsync();
        dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByLabel("API key", new() { Exact = true })).ToHaveValueAsync("");
        await Expect(dialog.GetByRole(AriaRole.Checkbox, new() { Name = "Remove the API key" })).Not.ToBeCheckedAsync();
        await dialog.GetByLabel("Name", new() { Exact = true }).FillAsync("Workshop Llama server");
        await ScreenshotAsync(page, "ai-3-edit-provider");
        await ShouldHaveNoSeriousViolationsAsync(page, "the Edit provider dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(workshop).ToContainTextAsync("Workshop Llama server");
        await Expect(workshop).ToContainTextAsync("API key set");
        (await page.ContentAsync()).ShouldNotContain(WorkshopKey);

        // The catalogue comes with the vendors' models at their list prices.
        await OpenFromNavigationAsync(page, "AI models");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("US dollars per million tokens");
        var mini = ModelRow(page, "gpt-4o-mini");
        await Expect(mini).ToContainTextAsync("OpenAI");
        await Expect(mini).ToContainTextAsync("first OpenAI provider");
        await Expect(mini).ToContainTextAsync("128,000");
        await Expect(mini).ToContainTextAsync("$0.15");
        await Expect(mini).ToContainTextAsync("$0.60");
        await Expect(mini).ToContainTextAsync("$0.075");
        await ScreenshotAsync(page, "ai-4-models");

        // Filtered to Gemini's embeddings, the chat models and OpenAI's embeddings leave the table.
        await ChooseAsync(page, page.GetByLabel("Purpose", new() { Exact = true }), page.GetByRole(AriaRole.Option, new() { Name = "Embeddings" }));
        await Expect(ModelRow(page, "text-embedding-3-small")).ToContainTextAsync("8,191");
        await Expect(mini).ToHaveCountAsync(0);
        await ChooseAsync(page, page.GetByLabel("Kind", new() { Exact = true }), page.GetByRole(AriaRole.Option, new() { Name = "Google Gemini" }));
        await Expect(ModelRow(page, "gemini-embedding-001")).ToContainTextAsync("2,048");
        await Expect(ModelRow(page, "text-embedding-3-small")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "ai-5-gemini-embeddings");
        await ChooseAsync(page, page.GetByLabel("Purpose", new() { Exact = true }), page.GetByRole(AriaRole.Option, new() { Name = "All purposes" }));
        await ChooseAsync(page, page.GetByLabel("Kind", new() { Exact = true }), page.GetByRole(AriaRole.Option, new() { Name = "All kinds" }));

        // The tenant pays a different price for gpt-4o-mini.
        await mini.GetByRole(AriaRole.Button, new() { Name = "Edit gpt-4o-mini" }).ClickAsync();
        dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByLabel("Input price", new() { Exact = true })).ToHaveValueAsync("0.15");
        await dialog.GetByLabel("Input price", new() { Exact = true }).FillAsync("0.165");
        await ScreenshotAsync(page, "ai-6-edit-model");
        await ShouldHaveNoSeriousViolationsAsync(page, "the Edit model dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(mini).ToContainTextAsync("$0.165");
        await Expect(mini).ToContainTextAsync("$0.60");

        // A model the workshop server runs.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add model" }).ClickAsync();
        dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Key", new() { Exact = true }).FillAsync("llama3.1-8b");
        await ChooseAsync(page, dialog.GetByLabel("Kind", new() { Exact = true }), page.GetByRole(AriaRole.Option, new() { Name = "OpenAI-compatible" }));
        await ChooseAsync(page, dialog.GetByLabel("Provider", new() { Exact = true }),
            page.GetByRole(AriaRole.Option, new() { Name = "Workshop Llama server (workshop)" }));
        await dialog.GetByLabel("Name at the provider", new() { Exact = true }).FillAsync("llama3.1:8b");
        await dialog.GetByLabel("Context window in tokens", new() { Exact = true }).FillAsync("131072");
        await dialog.GetByLabel("Input price", new() { Exact = true }).FillAsync("0");
        await ScreenshotAsync(page, "ai-7-add-model");
        await ShouldHaveNoSeriousViolationsAsync(page, "the Add model dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        var llama = ModelRow(page, "llama3.1-8b");
        await Expect(llama).ToContainTextAsync("workshop");
        await Expect(llama).ToContainTextAsync("llama3.1:8b");
        await Expect(llama).ToContainTextAsync("131,072");
        await Expect(llama).ToContainTextAsync("$0.00");
        await ScreenshotAsync(page, "ai-8-model-added");

        // The server cannot be removed while a model names it; the refusal says which.
        await OpenFromNavigationAsync(page, "AI providers");
        await workshop.GetByRole(AriaRole.Button, new() { Name = "Delete workshop" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Alert)).ToContainTextAsync("llama3.1-8b");
        await Expect(workshop).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "ai-9-provider-in-use");

        // A viewer reads both pages, with nothing to press.
        await using var vic = await browser.PersonAsync(server);
        var viewer = vic.Page;
        await SignInAsync(viewer, DemoPeople.Viewer, DemoPeople.Password);
        await OpenFromNavigationAsync(viewer, "AI providers");
        await Expect(viewer.GetByRole(AriaRole.Row).Filter(new() { HasText = "Workshop Llama server" })).ToContainTextAsync("API key set");
        await Expect(viewer.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        (await viewer.ContentAsync()).ShouldNotContain(WorkshopKey);
        await ScreenshotAsync(viewer, "ai-10-viewer-providers");
        await OpenFromNavigationAsync(viewer, "AI models");
        await Expect(ModelRow(viewer, "gpt-4o-mini")).ToContainTextAsync("$0.165");
        await Expect(viewer.GetByRole(AriaRole.Button, new() { Name = "Add model" })).ToHaveCountAsync(0);
        await Expect(viewer.GetByRole(AriaRole.Button, new() { Name = "Edit gpt-4o-mini" })).ToHaveCountAsync(0);
        await Expect(viewer.GetByRole(AriaRole.Button, new() { Name = "Delete gpt-4o-mini" })).ToHaveCountAsync(0);
        await ScreenshotAsync(viewer, "ai-11-viewer-models");
    }

    private static ILocator ModelRow(IPage page, string key) =>
        page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Cell, new() { Name = key, Exact = true }) });

    private static async Task OpenFromNavigationAsync(IPage page, string entry)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = entry, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = entry, Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);
    }
}
