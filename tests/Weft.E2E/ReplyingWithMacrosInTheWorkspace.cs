using Weft.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Weft.E2E.Infrastructure.Accessibility;
using static Weft.E2E.Infrastructure.LivePages;
using static Weft.E2E.Infrastructure.Screenshots;
using static Weft.E2E.Infrastructure.Sessions;

namespace Weft.E2E;

/// <summary>
/// Mona, the support manager, adds a macro on the settings page (a misspelt variable is refused first); she and Alice open
/// the same conversation, and each sees the other there, and Mona sees Alice writing; Alice previews the macro for Tom's
/// conversation, applies it (the reply goes out, the conversation becomes pending and high), and tags it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReplyingWithMacrosInTheWorkspace(SharedBrowser browser, WeftServer server) : IClassFixture<WeftServer>
{
    [Fact]
    public async Task A_manager_adds_a_macro_and_an_agent_seen_by_her_applies_it()
    {
        await using var mona = await browser.PersonAsync(server);
        var settings = mona.Page;
        await SignInAsync(settings, DemoPeople.Manager, DemoPeople.Password);
        await settings.GotoAsync("/support/settings");
        await Expect(settings.GetByRole(AriaRole.Heading, new() { Name = "Support settings", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(settings);
        var main = settings.GetByRole(AriaRole.Main);
        await main.GetByRole(AriaRole.Button, new() { Name = "Add macro" }).ClickAsync();
        var dialog = settings.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Title", new() { Exact = true }).FillAsync("Late parcel");
        await dialog.GetByLabel("Message", new() { Exact = true }).FillAsync("Sorry, {{customer.firstname}}! Order news for #{{conversation.number}} today. {{agent.name}}");
        await ChooseAsync(settings, dialog.GetByLabel("Status", new() { Exact = true }), settings.GetByRole(AriaRole.Option, new() { Name = "pending" }));
        await ChooseAsync(settings, dialog.GetByLabel("Priority", new() { Exact = true }), settings.GetByRole(AriaRole.Option, new() { Name = "high" }));
        await dialog.GetByLabel("Add tags", new() { Exact = true }).FillAsync("Late, courier");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add macro" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("{{customer.firstname}}");
        await ScreenshotAsync(settings, "support-macros-1-unknown-variable");
        await dialog.GetByLabel("Message", new() { Exact = true }).FillAsync("Sorry, {{customer.first_name}}! Order news for #{{conversation.number}} today. {{agent.name}}");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add macro" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        var macros = main.GetByRole(AriaRole.Table, new() { Name = "Macros" });
        await Expect(macros.GetByRole(AriaRole.Row, new() { Name = "Late parcel" })).ToContainTextAsync("status pending; priority high; +late +courier");
        await ShouldHaveNoSeriousViolationsAsync(settings, "the support settings with a macro");

        // Alice opens Tom's conversation; Mona opens it too, and each sees the other.
        await using var alice = await browser.PersonAsync(server);
        var desk = alice.Page;
        await SignInAsync(desk, DemoPeople.Operator, DemoPeople.Password);
        await desk.GotoAsync("/support/conversations?view=open");
        await WaitUntilInteractiveAsync(desk);
        await desk.GetByRole(AriaRole.Link, new() { NameRegex = new("Tom Becker Where is my order 1042") }).ClickAsync();
        var work = desk.GetByRole(AriaRole.Main);
        await Expect(work.GetByRole(AriaRole.Heading, new() { Level = 2, NameRegex = new("Where is my order 1042") })).ToBeVisibleAsync();
        var url = desk.Url;
        await settings.GotoAsync(url);
        await WaitUntilInteractiveAsync(settings);
        var monasView = settings.GetByRole(AriaRole.Main);
        await Expect(monasView.GetByRole(AriaRole.Status, new() { Name = "Who else is here" })).ToContainTextAsync("Alice Martin has this conversation open.");
        await Expect(work.GetByRole(AriaRole.Status, new() { Name = "Who else is here" })).ToContainTextAsync("has this conversation open.");
        await work.GetByLabel("Your message").PressSequentiallyAsync("Hello Tom,");
        await Expect(monasView.GetByRole(AriaRole.Status, new() { Name = "Who else is here" })).ToContainTextAsync("Alice Martin is writing a reply.");
        await ScreenshotAsync(settings, "support-macros-2-mona-sees-alice-writing");
        await work.GetByLabel("Your message").FillAsync("");

        // Alice previews the macro for this conversation, then applies it.
        await ChooseAsync(desk, work.GetByLabel("Macro", new() { Exact = true }), desk.GetByRole(AriaRole.Option, new() { Name = "Late parcel" }));
        var preview = work.GetByRole(AriaRole.Region, new() { Name = "Macro preview" });
        await Expect(preview).ToContainTextAsync("Sorry, Tom! Order news for #");
        await Expect(preview).ToContainTextAsync("Alice Martin");
        await Expect(preview).ToContainTextAsync("Then: status pending; priority high; add tags late, courier.");
        await ScreenshotAsync(desk, "support-macros-3-preview");
        await ShouldHaveNoSeriousViolationsAsync(desk, "the workspace with a macro previewed");
        await preview.GetByRole(AriaRole.Button, new() { Name = "Apply macro" }).ClickAsync();
        await Expect(work.GetByRole(AriaRole.Log, new() { Name = "Messages" })).ToContainTextAsync("Sorry, Tom! Order news for #");
        var facts = work.Locator("dl.weft-facts");
        await Expect(facts).ToContainTextAsync("pending");
        await Expect(facts).ToContainTextAsync("late, courier");
        await Expect(monasView.GetByRole(AriaRole.Log, new() { Name = "Messages" })).ToContainTextAsync("Sorry, Tom! Order news for #");

        // A tag by hand, lower-cased; one taken away.
        await work.GetByLabel("New tag", new() { Exact = true }).FillAsync("VIP");
        await work.GetByRole(AriaRole.Button, new() { Name = "Add tag" }).ClickAsync();
        await Expect(work.GetByRole(AriaRole.List, new() { Name = "Tags" })).ToContainTextAsync("vip");
        await work.GetByRole(AriaRole.Button, new() { Name = "Remove tag courier" }).ClickAsync();
        await Expect(facts).ToContainTextAsync("late, vip");
        await Expect(work.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await ScreenshotAsync(desk, "support-macros-4-applied-and-tagged");
    }
}
