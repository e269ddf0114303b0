using Weft.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Weft.E2E.Infrastructure.Accessibility;
using static Weft.E2E.Infrastructure.LivePages;
using static Weft.E2E.Infrastructure.Screenshots;
using static Weft.E2E.Infrastructure.Sessions;

namespace Weft.E2E;

/// <summary>
/// A buyer opens the demo's closed lithium carbonate RFQ, compares its three quotes in dollars landed in Hamburg and
/// splits the award between the two cheapest suppliers; the supplier left out reads in its inbox that it was not awarded.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BuyingByRfq(SharedBrowser browser, WeftServer server) : IClassFixture<WeftServer>
{
    private const string Buyer = "buyer@weft.demo";
    private const string LosingSupplier = "sales2@weft.demo";

    [Fact]
    public async Task A_buyer_compares_quotes_in_landed_cost_and_splits_the_award()
    {
        await using var bea = await browser.PersonAsync(server);
        var page = bea.Page;
        await SignInAsync(page, Buyer, DemoPeople.Password);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "RFQs", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "RFQs", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);
        var main = page.GetByRole(AriaRole.Main);
        await main.GetByRole(AriaRole.Row).Filter(new() { HasText = "Lithium carbonate for Q2 2027" }).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Lithium carbonate for Q2 2027", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);

        // Side by side in dollars landed in Hamburg: the yuan quote (CIF) is cheapest, the FOB quote pays 95 $/t of freight.
        var line = main.GetByRole(AriaRole.Table).Filter(new() { HasText = "Line 1: 500 t of Lithium carbonate" });
        var rows = line.Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(rows.Nth(0)).ToContainTextAsync("Jiangxi Lithium Materials Co.");
        await Expect(rows.Nth(0)).ToContainTextAsync("10,920.00");
        await Expect(rows.Nth(0)).ToContainTextAsync("(cheapest)");
        await Expect(rows.Nth(1)).ToContainTextAsync("Atacama Lithium SpA");
        await Expect(rows.Nth(1)).ToContainTextAsync("95.00");
        await Expect(rows.Nth(1)).ToContainTextAsync("11,095.00");
        await Expect(rows.Nth(2)).ToContainTextAsync("Altiplano Litio SA");
        await ScreenshotAsync(page, "rfq-1-comparison");
        await ShouldHaveNoSeriousViolationsAsync(page, "an RFQ's comparison in landed cost");

        // Jiangxi offers 250 t: the rest of the 500 t goes to Atacama.
        await main.GetByLabel("Award to Jiangxi Lithium Materials Co., line 1").FillAsync("250");
        await main.GetByLabel("Award to Atacama Lithium SpA, line 1").FillAsync("250");
        await ScreenshotAsync(page, "rfq-2-split");
        await main.GetByRole(AriaRole.Button, new() { Name = "Award", Exact = true }).ClickAsync();
        var awarded = main.GetByRole(AriaRole.Table, new() { Name = "Awards" });
        await Expect(awarded.Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(awarded).ToContainTextAsync("Jiangxi Lithium Materials Co.");
        await Expect(awarded).ToContainTextAsync("Atacama Lithium SpA");
        await Expect(main.GetByLabel("Award to Atacama Lithium SpA, line 1")).ToHaveCountAsync(0);
        await Expect(rows.Nth(1)).ToContainTextAsync("250");
        await ScreenshotAsync(page, "rfq-3-awarded");

        // The supplier left out is told, in its inbox.
        await using var sol = await browser.PersonAsync(server);
        var inbox = sol.Page;
        await SignInAsync(inbox, LosingSupplier, DemoPeople.Password);
        await inbox.GotoAsync("/market/inbox");
        await WaitUntilInteractiveAsync(inbox);
        await Expect(inbox.GetByRole(AriaRole.Main).GetByRole(AriaRole.Table)).ToContainTextAsync("was awarded to another supplier");
        await ScreenshotAsync(inbox, "rfq-4-supplier-inbox");
        await ShouldHaveNoSeriousViolationsAsync(inbox, "a supplier's market inbox");
    }
}
