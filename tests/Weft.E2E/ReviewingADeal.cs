using Weft.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Weft.E2E.Infrastructure.Accessibility;
using static Weft.E2E.Infrastructure.LivePages;
using static Weft.E2E.Infrastructure.Screenshots;
using static Weft.E2E.Infrastructure.Sessions;

namespace Weft.E2E;

/// <summary>
/// The buyer confirms delivery of the demo auction's deal and reviews the winning supplier; the supplier's salesperson,
/// in a second browser, sees the review arrive live, reviews the buyer back, and the review shows on its directory profile.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReviewingADeal(SharedBrowser browser, WeftServer server) : IClassFixture<WeftServer>
{
    private const string Buyer = "buyer@weft.demo";
    private const string Winner = "sales@weft.demo"; // Atacama Lithium won the demo's finished auction
    private const string Comment = "Assays matched the certificate; two days late into Hamburg.";

    [Fact]
    public async Task After_delivery_the_buyer_and_the_supplier_review_each_other_and_the_directory_shows_it()
    {
        await using var bea = await browser.PersonAsync(server);
        var page = bea.Page;
        await SignInAsync(page, Buyer, DemoPeople.Password);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Deals and reviews", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Deals and reviews", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);
        var main = page.GetByRole(AriaRole.Main);
        await main.GetByRole(AriaRole.Row).Filter(new() { HasText = "Li2CO3 battery grade, 500 t, Q4 delivery" }).GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Li2CO3 battery grade, 500 t, Q4 delivery", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);
        var dealUrl = page.Url;
        await Expect(main.GetByTestId("deal-state")).ToHaveTextAsync("Awarded, awaiting delivery");
        await Expect(main).ToContainTextAsync("Reviews open once the buyer confirms delivery.");

        // The supplier opens the same deal and waits: it may not review before delivery.
        await using var sam = await browser.PersonAsync(server);
        var seller = sam.Page;
        await SignInAsync(seller, Winner, DemoPeople.Password);
        await seller.GotoAsync(dealUrl);
        await WaitUntilInteractiveAsync(seller);
        var sellerMain = seller.GetByRole(AriaRole.Main);
        await Expect(sellerMain.GetByRole(AriaRole.Button, new() { Name = "Confirm delivery" })).ToHaveCountAsync(0);
        await Expect(sellerMain.GetByRole(AriaRole.Button, new() { Name = "Publish review" })).ToHaveCountAsync(0);

        // The buyer confirms (twice: the question, then the answer), then reviews.
        await main.GetByRole(AriaRole.Button, new() { Name = "Confirm delivery" }).ClickAsync();
        await main.GetByRole(AriaRole.Button, new() { Name = "Yes, the goods arrived" }).ClickAsync();
        await Expect(main.GetByTestId("deal-state")).ToHaveTextAsync("Delivered");
        await ChooseAsync(page, main.GetByLabel("Quality", new() { Exact = true }), page.GetByRole(AriaRole.Option, new() { Name = "5, excellent" }));
        await ChooseAsync(page, main.GetByLabel("On time", new() { Exact = true }), page.GetByRole(AriaRole.Option, new() { Name = "3, fair" }));
        await ChooseAsync(page, main.GetByLabel("Communication", new() { Exact = true }), page.GetByRole(AriaRole.Option, new() { Name = "4, good" }));
        await main.GetByLabel("Comment").FillAsync(Comment);
        await ScreenshotAsync(page, "deal-1-buyer-reviews");
        await main.GetByRole(AriaRole.Button, new() { Name = "Publish review" }).ClickAsync();
        await Expect(main.Locator(".weft-reviews")).ToContainTextAsync(Comment);
        await Expect(main.GetByRole(AriaRole.Button, new() { Name = "Publish review" })).ToHaveCountAsync(0);

        // The supplier's page follows live: delivered, the buyer's review, and its own form.
        await Expect(sellerMain.GetByTestId("deal-state")).ToHaveTextAsync("Delivered");
        await Expect(sellerMain.Locator(".weft-reviews")).ToContainTextAsync("4.0 of 5");
        await ChooseAsync(seller, sellerMain.GetByLabel("Quality", new() { Exact = true }), seller.GetByRole(AriaRole.Option, new() { Name = "5, excellent" }));
        await ChooseAsync(seller, sellerMain.GetByLabel("On time", new() { Exact = true }), seller.GetByRole(AriaRole.Option, new() { Name = "5, excellent" }));
        await ChooseAsync(seller, sellerMain.GetByLabel("Communication", new() { Exact = true }), seller.GetByRole(AriaRole.Option, new() { Name = "4, good" }));
        await sellerMain.GetByRole(AriaRole.Button, new() { Name = "Publish review" }).ClickAsync();
        await Expect(sellerMain.Locator(".weft-reviews li")).ToHaveCountAsync(2);
        await ScreenshotAsync(seller, "deal-2-both-reviewed");
        await ShouldHaveNoSeriousViolationsAsync(seller, "a delivered deal with both reviews");

        // The review is the directory's: on the supplier's profile, for anyone in the marketplace.
        await main.GetByRole(AriaRole.Link, new() { Name = "Atacama Lithium SpA", Exact = true }).ClickAsync();
        await WaitUntilInteractiveAsync(page);
        await Expect(main.Locator(".weft-reviews")).ToContainTextAsync(Comment);
        await ScreenshotAsync(page, "deal-3-supplier-profile-reviews");
    }
}
