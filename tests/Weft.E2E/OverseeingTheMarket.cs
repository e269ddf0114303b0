using Weft.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Weft.E2E.Infrastructure.Accessibility;
using static Weft.E2E.Infrastructure.LivePages;
using static Weft.E2E.Infrastructure.Screenshots;
using static Weft.E2E.Infrastructure.Sessions;

namespace Weft.E2E;

/// <summary>
/// The demo's admin opens the market overview from the navigation: the demo's open and closed RFQs, its scheduled and
/// finished auctions and the suppliers waiting for verification, each row a link to its page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OverseeingTheMarket(SharedBrowser browser, WeftServer server) : IClassFixture<WeftServer>
{
    [Fact]
    public async Task The_admin_sees_the_demos_rfqs_auctions_and_verification_backlog()
    {
        await using var admin = await browser.PersonAsync(server);
        var page = admin.Page;
        await SignInAsync(page, DemoPeople.Admin, DemoPeople.Password);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Market overview", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Market overview", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);
        var main = page.GetByRole(AriaRole.Main);

        await Expect(main.GetByRole(AriaRole.Table, new() { Name = "Open RFQs, closing soonest first" })).ToContainTextAsync("Lithium hydroxide, H2 2027");
        await Expect(main.GetByRole(AriaRole.Table, new() { Name = "Closed RFQs awaiting the buyer's award, longest waiting first" }))
            .ToContainTextAsync("Lithium carbonate for Q2 2027");
        // The auction the demo sets five minutes after the start: scheduled, or live by now on a slow machine.
        await Expect(main.GetByRole(AriaRole.Region, new() { Name = "Auctions" })).ToContainTextAsync("Li2CO3 battery grade, 300 t, Q1 delivery");
        await Expect(main.GetByRole(AriaRole.Table, new() { Name = "Closed in the last 7 days" })).ToContainTextAsync("Li2CO3 battery grade, 500 t, Q4 delivery");
        await Expect(main.GetByRole(AriaRole.Table, new() { Name = "Applications for the badge waiting, oldest first" })).ToContainTextAsync("Copiapó Refining");
        await ScreenshotAsync(page, "market-overview-1");
        await ShouldHaveNoSeriousViolationsAsync(page, "the market overview");

        // A row opens its page.
        await main.GetByRole(AriaRole.Link, new() { Name = "Lithium carbonate for Q2 2027" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Lithium carbonate for Q2 2027", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);
        // Its history: each supplier quoted once, so a quote is submitted, never revised.
        var history = page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Table, new() { Name = "What happened to the RFQ, oldest first" });
        await Expect(history).ToContainTextAsync("Jiangxi Lithium Materials Co. submitted quote");
        await Expect(history).Not.ToContainTextAsync("revised");
        await ScreenshotAsync(page, "market-overview-2-rfq");
    }
}
