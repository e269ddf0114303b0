using Weft.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Weft.E2E.Infrastructure.Accessibility;
using static Weft.E2E.Infrastructure.LivePages;
using static Weft.E2E.Infrastructure.Screenshots;
using static Weft.E2E.Infrastructure.Sessions;

namespace Weft.E2E;

/// <summary>
/// A support manager sees who is in each team and which languages they speak (the demo's alice, in billing, speaks English
/// and Portuguese), adds a returns team, puts alice in it and routes the intent 'return' to it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RoutingConversationsByTeam(SharedBrowser browser, WeftServer server) : IClassFixture<WeftServer>
{
    [Fact]
    public async Task A_manager_adds_a_team_puts_a_person_in_it_and_routes_an_intent_to_it()
    {
        await using var mia = await browser.PersonAsync(server);
        var page = mia.Page;
        await SignInAsync(page, DemoPeople.Manager, DemoPeople.Password);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Support settings", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Support settings", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);
        var main = page.GetByRole(AriaRole.Main);
        var teams = main.GetByRole(AriaRole.Table, new() { Name = "Support teams and their members" });
        var rules = main.GetByRole(AriaRole.Table, new() { Name = "Routing rules: intent to team" });
        await Expect(teams.GetByRole(AriaRole.Row, new() { Name = "Billing" })).ToContainTextAsync("Alice Martin (en, pt)");
        await Expect(rules.GetByRole(AriaRole.Row, new() { Name = "refund" })).ToContainTextAsync("Billing");

        await main.GetByLabel("New team's key", new() { Exact = true }).FillAsync("returns");
        await main.GetByLabel("New team's name", new() { Exact = true }).FillAsync("Returns");
        await main.GetByRole(AriaRole.Button, new() { Name = "Add team" }).ClickAsync();
        var returns = teams.GetByRole(AriaRole.Row, new() { Name = "Returns" });
        await Expect(returns).ToContainTextAsync("nobody yet");

        await ChooseAsync(page, returns.GetByLabel("Person to add to Returns"), page.GetByRole(AriaRole.Option, new() { Name = "Alice Martin" }));
        await returns.GetByRole(AriaRole.Button, new() { Name = "Add to Returns" }).ClickAsync();
        await Expect(returns.GetByRole(AriaRole.List, new() { Name = "Members of Returns" })).ToContainTextAsync("Alice Martin (en, pt)");

        await main.GetByLabel("Intent to route", new() { Exact = true }).FillAsync("return");
        await ChooseAsync(page, main.GetByLabel("Team it goes to", new() { Exact = true }), page.GetByRole(AriaRole.Option, new() { Name = "Returns" }));
        await main.GetByRole(AriaRole.Button, new() { Name = "Save rule" }).ClickAsync();
        await Expect(rules.GetByRole(AriaRole.Row, new() { Name = "return", Exact = false }).Last).ToContainTextAsync("Returns");
        await Expect(returns).ToContainTextAsync("return");
        await ScreenshotAsync(page, "support-routing-1-teams");
        await ShouldHaveNoSeriousViolationsAsync(page, "the support settings' teams and routing rules");
    }
}
