using Weft.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Weft.E2E.Infrastructure.Accessibility;
using static Weft.E2E.Infrastructure.LivePages;
using static Weft.E2E.Infrastructure.Screenshots;
using static Weft.E2E.Infrastructure.Sessions;

namespace Weft.E2E;

/// <summary>
/// An admin makes an AI agent with the wizard (a refusal sends them back to the step it is about, and leaves no agent
/// behind), then versions its instructions: a draft, a second version, the diff between the two, and a rollback to the
/// first. A viewer on a phone reads the registry and the agent without a button to press.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CreatingAiAgents(SharedBrowser browser, WeftServer server) : IClassFixture<WeftServer>
{
    private const string FirstInstructions = "You answer {{customer.name}}'s questions about their orders.\nBe brief.";
    private const string SecondInstructions = "You answer {{customer.name}}'s questions about their orders.\nBe brief and warm.\nOffer to track the parcel.";

    [Fact]
    public async Task An_admin_creates_an_agent_with_the_wizard_publishes_a_second_persona_and_rolls_back_to_the_first()
    {
        using (var admin = await Programs.SignedInAsync(server, DemoPeople.Admin))
            await admin.WithoutDemoKnowledgeAsync();
        await using var ada = await browser.PersonAsync(server);
        var page = ada.Page;
        await SignInAsync(page, DemoPeople.Admin, DemoPeople.Password);
        await ConnectAModelServerAsync(page);
        var main = page.GetByRole(AriaRole.Main);

        // No agent yet: the registry invites the first.
        await OpenFromNavigationAsync(page, "AI agents");
        await Expect(main).ToContainTextAsync("No AI agents yet");
        await ScreenshotAsync(page, "ai-agents-1-empty");
        await ShouldHaveNoSeriousViolationsAsync(page, "the empty AI agents registry");
        await main.GetByRole(AriaRole.Link, new() { Name = "Create the first agent" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New AI agent", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);

        // Who it is in the flow.
        await Expect(StepHeading(page, "1. Identity")).ToBeVisibleAsync();
        await page.GetByLabel("Key", new() { Exact = true }).FillAsync("concierge");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Concierge");
        await page.GetByLabel("Description", new() { Exact = true }).FillAsync("Answers customers about their orders, in their language.");
        await page.GetByLabel("Capabilities", new() { Exact = true }).FillAsync("answer:2, triage");
        await page.GetByLabel("WIP limit", new() { Exact = true }).FillAsync("3");
        await ScreenshotAsync(page, "ai-agents-2-identity");
        await ShouldHaveNoSeriousViolationsAsync(page, "the wizard's identity step");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).ClickAsync();

        // The models it asks: the workshop's Llama first, gpt-4o-mini when it fails; a temperature out of range.
        await Expect(StepHeading(page, "2. Model chain")).ToBeVisibleAsync();
        await ChooseAsync(page, page.GetByLabel("Primary model", new() { Exact = true }), page.GetByRole(AriaRole.Option, new() { Name = "llama3.1-8b ·" }));
        await ChooseAsync(page, page.GetByLabel("Add a fallback", new() { Exact = true }), page.GetByRole(AriaRole.Option, new() { Name = "gpt-4o-mini ·" }));
        var chain = main.GetByRole(AriaRole.Table).Filter(new() { HasText = "Primary" });
        await Expect(ChainRow(chain, "Primary")).ToContainTextAsync("llama3.1-8b");
        await Expect(ChainRow(chain, "Primary")).ToContainTextAsync("131,072");
        await Expect(ChainRow(chain, "Fallback 1")).ToContainTextAsync("gpt-4o-mini");
        await Expect(ChainRow(chain, "Fallback 1")).ToContainTextAsync("$0.60");
        await Expect(ChainRow(chain, "Fallback 1")).ToContainTextAsync("no OpenAI provider yet");
        await page.GetByLabel("Temperature", new() { Exact = true }).FillAsync("3");
        await page.GetByLabel("Budget per day (US dollars)", new() { Exact = true }).FillAsync("5");
        await ScreenshotAsync(page, "ai-agents-3-model-chain");
        await ShouldHaveNoSeriousViolationsAsync(page, "the wizard's model chain step");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).ClickAsync();

        await Expect(StepHeading(page, "3. Persona")).ToBeVisibleAsync();
        await page.GetByLabel("Instructions", new() { Exact = true }).FillAsync(FirstInstructions);
        await page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).ClickAsync();
        await Expect(StepHeading(page, "4. Review")).ToBeVisibleAsync();
        await Expect(main).ToContainTextAsync("llama3.1-8b (OpenAI-compatible, 131,072 tokens");
        await Expect(main).ToContainTextAsync("answer:2, triage");
        await Expect(main).ToContainTextAsync("2 lines, published as version 1");
        await ScreenshotAsync(page, "ai-agents-4-review");
        await ShouldHaveNoSeriousViolationsAsync(page, "the wizard's review step");

        // Refused as the API refuses it: back at the step the rule is about, the field marked.
        await page.GetByRole(AriaRole.Button, new() { Name = "Create agent" }).ClickAsync();
        await Expect(StepHeading(page, "2. Model chain")).ToBeVisibleAsync();
        await Expect(main.GetByRole(AriaRole.Alert).First).ToContainTextAsync("'temperature' must be between 0 and 2.");
        await Expect(Steps(page).GetByRole(AriaRole.Button, new() { Name = "Model chain (needs a change)" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "ai-agents-5-refused");
        await page.GetByLabel("Temperature", new() { Exact = true }).FillAsync("0.3");
        await Steps(page).GetByRole(AriaRole.Button, new() { Name = "Review" }).ClickAsync();

        // Meanwhile gpt-4o-mini leaves the catalogue: the engine had registered the agent when the chain was refused, and
        // nothing of it is left.
        var other = await ada.Context.NewPageAsync();
        await other.GotoAsync("/ai/models");
        await WaitUntilInteractiveAsync(other);
        await ModelRow(other, "gpt-4o-mini").GetByRole(AriaRole.Button, new() { Name = "Delete gpt-4o-mini" }).ClickAsync();
        await other.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(ModelRow(other, "gpt-4o-mini")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create agent" }).ClickAsync();
        await Expect(StepHeading(page, "2. Model chain")).ToBeVisibleAsync();
        await Expect(main.GetByRole(AriaRole.Alert).First).ToContainTextAsync("There is no model 'gpt-4o-mini' in the catalogue.");
        await Expect(ChainRow(chain, "Fallback 1")).ToContainTextAsync("not a chat model of the catalogue");
        await other.GotoAsync("/agents");
        await WaitUntilInteractiveAsync(other);
        await Expect(other.GetByRole(AriaRole.Main)).ToContainTextAsync("Agents");
        await Expect(other.GetByRole(AriaRole.Cell, new() { Name = "Concierge" })).ToHaveCountAsync(0);
        await other.GotoAsync("/ai/agents");
        await WaitUntilInteractiveAsync(other);
        await Expect(other.GetByRole(AriaRole.Main)).ToContainTextAsync("No AI agents yet");
        await other.CloseAsync();

        // Another fallback, and the agent is made: its page shows its first version active.
        await main.GetByRole(AriaRole.Button, new() { Name = "Remove gpt-4o-mini" }).ClickAsync();
        await ChooseAsync(page, page.GetByLabel("Add a fallback", new() { Exact = true }), page.GetByRole(AriaRole.Option, new() { Name = "claude-haiku-4-5 ·" }));
        await Expect(ChainRow(chain, "Fallback 1")).ToContainTextAsync("claude-haiku-4-5");
        await Steps(page).GetByRole(AriaRole.Button, new() { Name = "Review" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create agent" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/ai/agents/concierge");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Concierge", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);
        await Expect(main).ToContainTextAsync("available");
        await Expect(main).ToContainTextAsync("answer:2, triage");
        await Expect(main).ToContainTextAsync("version 1 active");
        await Expect(main.GetByRole(AriaRole.Link, new() { Name = "Open in console" })).ToHaveAttributeAsync("href", "/ai/console?agent=concierge");
        await Expect(main.GetByRole(AriaRole.Link, new() { Name = "Runs", Exact = true })).ToHaveAttributeAsync("href", "/ai/runs?agent=concierge");
        var draft = page.GetByLabel("Draft instructions", new() { Exact = true });
        await Expect(draft).ToHaveValueAsync(FirstInstructions);
        await ScreenshotAsync(page, "ai-agents-6-agent");
        await ShouldHaveNoSeriousViolationsAsync(page, "an AI agent's page");

        // A new draft, saved, then published as version 2 with a note.
        await draft.FillAsync(SecondInstructions);
        await Expect(main).ToContainTextAsync("Unsaved changes");
        await main.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(main.GetByRole(AriaRole.Status).Filter(new() { HasText = "Draft saved." })).ToBeVisibleAsync();
        await Expect(DiffLines(page, "ins")).ToContainTextAsync(["Be brief and warm.", "Offer to track the parcel."]);
        await page.GetByLabel("What changed (optional)", new() { Exact = true }).FillAsync("Warmer, and offers tracking");
        await main.GetByRole(AriaRole.Button, new() { Name = "Publish as new version" }).ClickAsync();
        await Expect(main.GetByRole(AriaRole.Status).Filter(new() { HasText = "Version 2 published; runs use it now." })).ToBeVisibleAsync();
        var versions = main.GetByRole(AriaRole.Table).Filter(new() { HasText = "Published by" });
        await Expect(VersionRow(versions, 2)).ToContainTextAsync("Warmer, and offers tracking");
        await Expect(VersionRow(versions, 2)).ToContainTextAsync(DemoPeople.Admin);
        await Expect(VersionRow(versions, 2)).ToContainTextAsync("active");
        await Expect(VersionRow(versions, 1)).Not.ToContainTextAsync("active");

        // The diff of the two versions: the changed line removed, the new ones added, marked in words as well as colour.
        await Expect(main).ToContainTextAsync("From version 1 to version 2: 2 lines added, 1 line removed.");
        await Expect(DiffLines(page, "del")).ToHaveTextAsync(["−Removed: Be brief."]);
        await Expect(DiffLines(page, "ins")).ToHaveTextAsync(["+Added: Be brief and warm.", "+Added: Offer to track the parcel."]);
        await ScreenshotAsync(page, "ai-agents-7-second-version-and-diff");
        await ShouldHaveNoSeriousViolationsAsync(page, "an AI agent's versions and diff");

        // Rolled back: version 1 is active again, for the page and the API alike; version 2 stays.
        await versions.GetByRole(AriaRole.Button, new() { Name = "Activate version 1" }).ClickAsync();
        await Expect(main.GetByRole(AriaRole.Status).Filter(new() { HasText = "Version 1 is active; runs use it now." })).ToBeVisibleAsync();
        await Expect(VersionRow(versions, 1)).ToContainTextAsync("active");
        await Expect(VersionRow(versions, 2)).Not.ToContainTextAsync("active");
        await Expect(main).ToContainTextAsync("version 1 active");
        var persona = (await (await page.APIRequest.GetAsync("/api/v1/ai/agents/concierge/persona")).JsonAsync())!.Value;
        persona.GetProperty("active").GetInt32().ShouldBe(1);
        persona.GetProperty("versions").GetArrayLength().ShouldBe(2);
        await ScreenshotAsync(page, "ai-agents-8-rolled-back");

        // The chain reordered: the Claude fallback becomes the primary.
        await main.GetByRole(AriaRole.Tab, new() { Name = "Model chain" }).ClickAsync();
        var savedChain = main.GetByRole(AriaRole.Table).Filter(new() { HasText = "Primary" });
        await savedChain.GetByRole(AriaRole.Button, new() { Name = "Move claude-haiku-4-5 up" }).ClickAsync();
        await main.GetByRole(AriaRole.Button, new() { Name = "Save model chain" }).ClickAsync();
        await Expect(main.GetByRole(AriaRole.Status).Filter(new() { HasText = "Model chain saved." })).ToBeVisibleAsync();
        await Expect(ChainRow(savedChain, "Primary")).ToContainTextAsync("claude-haiku-4-5");
        await ScreenshotAsync(page, "ai-agents-9-model-chain");
        await ShouldHaveNoSeriousViolationsAsync(page, "an AI agent's model chain");

        // Limits: the temperature given in the wizard, and a cap on answers' length.
        await main.GetByRole(AriaRole.Tab, new() { Name = "Limits" }).ClickAsync();
        await Expect(page.GetByLabel("Temperature", new() { Exact = true })).ToHaveValueAsync("0.3");
        await page.GetByLabel("Max output tokens", new() { Exact = true }).FillAsync("800");
        await main.GetByRole(AriaRole.Button, new() { Name = "Save limits" }).ClickAsync();
        await Expect(main.GetByRole(AriaRole.Status).Filter(new() { HasText = "Limits saved." })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "ai-agents-10-limits");
        await ShouldHaveNoSeriousViolationsAsync(page, "an AI agent's limits");
        await main.GetByRole(AriaRole.Tab, new() { Name = "Knowledge" }).ClickAsync();
        await Expect(main).ToContainTextAsync("There are no knowledge bases yet.");
        await Expect(main.GetByRole(AriaRole.Link, new() { Name = "Create one on the AI knowledge page" })).ToHaveAttributeAsync("href", "/ai/knowledge");

        // The registry's card.
        await OpenFromNavigationAsync(page, "AI agents");
        var card = main.Locator(".weft-agent-card").Filter(new() { HasText = "Concierge" });
        await Expect(card).ToContainTextAsync("concierge");
        await Expect(card).ToContainTextAsync("available");
        await Expect(card).ToContainTextAsync("claude-haiku-4-5 + 1 fallback");
        await Expect(card).ToContainTextAsync("0 runs · $0.00 of $5.00");
        await ScreenshotAsync(page, "ai-agents-11-registry");
        await ShouldHaveNoSeriousViolationsAsync(page, "the AI agents registry");

        // The agent's page in the dark theme: the diff's colours and the chips keep their contrast.
        await card.GetByRole(AriaRole.Link, new() { Name = "Concierge" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Concierge", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);
        await SwitchThemeAsync(page, "dark");
        await Expect(DiffLines(page, "ins")).ToHaveCountAsync(2);
        await ScreenshotAsync(page, "ai-agents-12-dark-agent");
        await ShouldHaveNoSeriousViolationsAsync(page, "an AI agent's page in the dark theme");

        // A viewer on a phone: the same, readable without scrolling sideways, and nothing to change.
        await using var vic = await browser.PersonAsync(server, 390, 844);
        var phone = vic.Page;
        await SignInAsync(phone, DemoPeople.Viewer, DemoPeople.Password);
        await phone.GotoAsync("/ai/agents");
        await WaitUntilInteractiveAsync(phone);
        await Expect(phone.GetByRole(AriaRole.Main).Locator(".weft-agent-card")).ToContainTextAsync("Concierge");
        await Expect(phone.GetByRole(AriaRole.Link, new() { Name = "New agent" })).ToHaveCountAsync(0);
        await ScreenshotAsync(phone, "ai-agents-13-phone-registry");
        await ShouldNotScrollSidewaysAsync(phone, "the AI agents registry on a phone");
        await phone.GetByRole(AriaRole.Link, new() { Name = "Concierge" }).ClickAsync();
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Concierge", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(phone);
        await Expect(phone.GetByLabel("Draft instructions", new() { Exact = true })).ToHaveValueAsync(SecondInstructions);
        await Expect(phone.GetByRole(AriaRole.Button, new() { Name = "Publish as new version" })).ToHaveCountAsync(0);
        await Expect(phone.GetByRole(AriaRole.Button, new() { Name = "Activate version 2" })).ToHaveCountAsync(0);
        await ScreenshotAsync(phone, "ai-agents-14-phone-agent");
        await ShouldNotScrollSidewaysAsync(phone, "an AI agent's page on a phone");
        await ShouldHaveNoSeriousViolationsAsync(phone, "an AI agent's page, for a viewer on a phone");
    }

    /// <summary>A server in the workshop speaking OpenAI's protocol, and the Llama model it serves.</summary>
    private static async Task ConnectAModelServerAsync(IPage page)
    {
        await OpenFromNavigationAsync(page, "AI providers");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add provider" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Key", new() { Exact = true }).FillAsync("workshop");
        await dialog.GetByLabel("Name", new() { Exact = true }).FillAsync("Workshop server");
        await ChooseAsync(page, dialog.GetByLabel("Kind", new() { Exact = true }), page.GetByRole(AriaRole.Option, new() { Name = "OpenAI-compatible" }));
        await dialog.GetByLabel("Base URL", new() { Exact = true }).FillAsync("http://127.0.0.1:11434/v1");
        await dialog.GetByLabel("API key", new() { Exact = true }).FillAsync("sk-workshop-3b8e1f");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        await OpenFromNavigationAsync(page, "AI models");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add model" }).ClickAsync();
        dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Key", new() { Exact = true }).FillAsync("llama3.1-8b");
        await ChooseAsync(page, dialog.GetByLabel("Kind", new() { Exact = true }), page.GetByRole(AriaRole.Option, new() { Name = "OpenAI-compatible" }));
        await ChooseAsync(page, dialog.GetByLabel("Provider", new() { Exact = true }), page.GetByRole(AriaRole.Option, new() { Name = "Workshop server (workshop)" }));
        await dialog.GetByLabel("Name at the provider", new() { Exact = true }).FillAsync("llama3.1:8b");
        await dialog.GetByLabel("Context window in tokens", new() { Exact = true }).FillAsync("131072");
        await dialog.GetByLabel("Input price", new() { Exact = true }).FillAsync("0");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(ModelRow(page, "llama3.1-8b")).ToContainTextAsync("131,072");
    }

    private static ILocator StepHeading(IPage page, string name) =>
        page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Heading, new() { Name = name, Level = 2 });

    private static ILocator Steps(IPage page) => page.GetByRole(AriaRole.List, new() { Name = "Steps" });

    private static ILocator ChainRow(ILocator chain, string order) =>
        chain.GetByRole(AriaRole.Row).Filter(new() { Has = chain.Page.GetByRole(AriaRole.Cell, new() { Name = order, Exact = true }) });

    private static ILocator VersionRow(ILocator versions, int number) =>
        versions.GetByRole(AriaRole.Row).Filter(new() { Has = versions.Page.GetByRole(AriaRole.Cell, new() { Name = $"Version {number}", Exact = true }) });

    private static ILocator DiffLines(IPage page, string kind) => page.Locator($".weft-diff > {kind}");

    private static ILocator ModelRow(IPage page, string key) =>
        page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Cell, new() { Name = key, Exact = true }) });

    private static async Task ShouldNotScrollSidewaysAsync(IPage page, string what)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        // The innermost elements reaching past the screen's edge, to say what to fix.
        var wide = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)" +
            ".filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > document.documentElement.clientWidth + 1))" +
            ".slice(0, 5).map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} (${Math.round(e.getBoundingClientRect().right)} px)`)");
        overflow.ShouldBeLessThanOrEqualTo(0, $"{what} should not scroll sideways; past the edge: {string.Join(", ", wide)}");
    }

    private static async Task OpenFromNavigationAsync(IPage page, string entry)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = entry, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = entry, Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);
    }
}
