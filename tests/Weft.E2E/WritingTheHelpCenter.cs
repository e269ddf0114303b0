using Weft.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Weft.E2E.Infrastructure.Accessibility;
using static Weft.E2E.Infrastructure.LivePages;
using static Weft.E2E.Infrastructure.Screenshots;
using static Weft.E2E.Infrastructure.Sessions;

namespace Weft.E2E;

/// <summary>
/// A support manager writes a help center article in Markdown with its preview beside it and publishes it; a visitor of
/// the public help center finds it by searching and reads it, with the chat a click away.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WritingTheHelpCenter(SharedBrowser browser, WeftServer server) : IClassFixture<WeftServer>
{
    [Fact]
    public async Task A_manager_publishes_an_article_and_a_visitor_finds_it()
    {
        await using var mia = await browser.PersonAsync(server);
        var page = mia.Page;
        await SignInAsync(page, DemoPeople.Manager, DemoPeople.Password);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Help center", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Help center", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);
        var main = page.GetByRole(AriaRole.Main);
        var table = main.GetByRole(AriaRole.Table, new() { Name = "Help center articles" });
        await Expect(table.GetByRole(AriaRole.Row, new() { Name = "Caring for shell cordovan" })).ToContainTextAsync("Draft");
        await Expect(table.GetByRole(AriaRole.Row, new() { Name = "Where is my order?" })).ToContainTextAsync("Published");

        await main.GetByRole(AriaRole.Button, new() { Name = "New article" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Title", new() { Exact = true }).FillAsync("Gift wrapping");
        await dialog.GetByLabel("Category", new() { Exact = true }).FillAsync("Orders and delivery");
        await dialog.GetByLabel("Text (Markdown)", new() { Exact = true }).FillAsync("Every order can be **gift wrapped** in our linen cloth for € 8.\n\n- Add a card with your message.");
        var preview = dialog.GetByRole(AriaRole.Region, new() { Name = "Preview" });
        await Expect(preview.Locator("strong")).ToHaveTextAsync("gift wrapped");
        await Expect(preview.GetByRole(AriaRole.Listitem)).ToHaveTextAsync(["Add a card with your message."]);
        await ScreenshotAsync(page, "help-center-1-writing");
        await ShouldHaveNoSeriousViolationsAsync(page, "the article editor with its preview");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save and publish" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        var row = table.GetByRole(AriaRole.Row, new() { Name = "Gift wrapping" });
        await Expect(row).ToContainTextAsync("Published");
        await Expect(row).ToContainTextAsync("gift-wrapping");

        // A visitor, not signed in, searches the public help center and reads the article.
        await using var visitor = await browser.PersonAsync(server);
        var help = visitor.Page;
        await help.GotoAsync("/help/demo");
        await Expect(help.GetByRole(AriaRole.Link, new() { Name = "Where is my order?" })).ToBeVisibleAsync();
        await Expect(help.GetByRole(AriaRole.Link, new() { Name = "Caring for shell cordovan" })).ToHaveCountAsync(0);
        await help.GetByLabel("Search the help center").FillAsync("linen wrapped");
        await help.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(help.GetByRole(AriaRole.Status)).ToHaveTextAsync("1 article found for “linen wrapped”.");
        await ScreenshotAsync(help, "help-center-2-search");
        await ShouldHaveNoSeriousViolationsAsync(help, "the public help center's search");
        await help.GetByRole(AriaRole.Link, new() { Name = "Gift wrapping" }).ClickAsync();
        await Expect(help.GetByRole(AriaRole.Heading, new() { Name = "Gift wrapping", Level = 1 })).ToBeVisibleAsync();
        await Expect(help.Locator("article strong")).ToHaveTextAsync("gift wrapped");
        await Expect(help.GetByRole(AriaRole.Button, new() { Name = "Chat with Weft demo" })).ToBeVisibleAsync();
        await ScreenshotAsync(help, "help-center-3-article");
        await ShouldHaveNoSeriousViolationsAsync(help, "a public help center article");
    }
}
