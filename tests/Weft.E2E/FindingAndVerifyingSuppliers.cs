using System.Text.RegularExpressions;
using Weft.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Weft.E2E.Infrastructure.Accessibility;
using static Weft.E2E.Infrastructure.LivePages;
using static Weft.E2E.Infrastructure.Screenshots;
using static Weft.E2E.Infrastructure.Sessions;

namespace Weft.E2E;

/// <summary>
/// A buyer searches the demo marketplace's supplier directory by a facet and opens a supplier's profile; the operator's
/// manager reviews a waiting application in the verification queue (documents, then decision) and the supplier shows verified.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class FindingAndVerifyingSuppliers(SharedBrowser browser, WeftServer server) : IClassFixture<WeftServer>
{
    [Fact]
    public async Task A_buyer_finds_spodumene_suppliers_and_the_staff_verify_a_waiting_one()
    {
        await using var bea = await browser.PersonAsync(server);
        var page = bea.Page;
        await SignInAsync(page, "buyer@weft.demo", DemoPeople.Password);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Supplier directory", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Supplier directory", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);
        var main = page.GetByRole(AriaRole.Main);
        await Expect(main.GetByRole(AriaRole.Status).First).ToHaveTextAsync("30 suppliers.");

        await main.GetByRole(AriaRole.Checkbox, new() { NameRegex = Spodumene() }).CheckAsync();
        await Expect(main.GetByRole(AriaRole.Status).First).ToHaveTextAsync("7 suppliers.");
        var results = main.GetByRole(AriaRole.Table, new() { Name = "Suppliers found" });
        await Expect(results.GetByRole(AriaRole.Link, new() { Name = "Pilbara Spodumene Pty Ltd" })).ToBeVisibleAsync();
        await Expect(results.GetByRole(AriaRole.Link, new() { Name = "Atacama Lithium SpA" })).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "directory-1-spodumene-facet");
        await ShouldHaveNoSeriousViolationsAsync(page, "the supplier directory filtered by a facet");

        await results.GetByRole(AriaRole.Link, new() { Name = "Pilbara Spodumene Pty Ltd" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pilbara Spodumene Pty Ltd", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);
        await Expect(main.GetByText("Verified supplier")).ToBeVisibleAsync();
        var products = main.GetByRole(AriaRole.Table, new() { Name = "Products and grades" });
        await Expect(products.GetByRole(AriaRole.Row, new() { NameRegex = new Regex("Spodumene concentrate") }).First).ToContainTextAsync("SC6");
        await Expect(main.GetByRole(AriaRole.Table, new() { Name = "Certificates" }).GetByRole(AriaRole.Row, new() { NameRegex = new Regex("^ISO 9001") })).ToBeVisibleAsync();
        await Expect(main.GetByRole(AriaRole.Link, new() { Name = "specifications.pdf" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "directory-2-profile");
        await ShouldHaveNoSeriousViolationsAsync(page, "a supplier's profile");

        // The operator's manager works the verification queue: Copiapó Refining's application waits there.
        await using var mia = await browser.PersonAsync(server);
        var staff = mia.Page;
        await SignInAsync(staff, DemoPeople.Manager, DemoPeople.Password);
        await staff.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Supplier verification", Exact = true }).ClickAsync();
        await Expect(staff.GetByRole(AriaRole.Heading, new() { Name = "Verification queue", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(staff);
        var queue = staff.GetByRole(AriaRole.Main).GetByRole(AriaRole.Table, new() { Name = "Applications" });
        var row = queue.GetByRole(AriaRole.Row, new() { NameRegex = new Regex("Copiapó Refining") });
        await Expect(row).ToContainTextAsync("Check documents");
        await ScreenshotAsync(staff, "directory-3-verification-queue");
        await ShouldHaveNoSeriousViolationsAsync(staff, "the verification queue");

        await row.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Review") }).ClickAsync();
        var review = staff.GetByRole(AriaRole.Region, new() { Name = "Review of Copiapó Refining" });
        await Expect(review.GetByRole(AriaRole.Link, new() { Name = "company-registration.pdf" })).ToBeVisibleAsync();
        await review.GetByLabel("Note to the supplier").FillAsync("Registration and certificates checked against the issuers' registers.");
        await review.GetByRole(AriaRole.Button, new() { Name = "Documents in order" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Decide");
        await ScreenshotAsync(staff, "directory-4-decide");
        await review.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Expect(queue.GetByRole(AriaRole.Row, new() { NameRegex = new Regex("Copiapó Refining") })).ToHaveCountAsync(0);

        await staff.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Supplier directory", Exact = true }).ClickAsync();
        await WaitUntilInteractiveAsync(staff);
        var staffMain = staff.GetByRole(AriaRole.Main);
        await staffMain.GetByLabel("Search suppliers").FillAsync("Copiapó");
        await staffMain.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await staffMain.GetByRole(AriaRole.Table, new() { Name = "Suppliers found" }).GetByRole(AriaRole.Link, new() { Name = "Copiapó Refining" }).ClickAsync();
        await Expect(staff.GetByRole(AriaRole.Heading, new() { Name = "Copiapó Refining", Level = 1 })).ToBeVisibleAsync();
        await Expect(staffMain.GetByText("Verified supplier")).ToBeVisibleAsync();
        await ScreenshotAsync(staff, "directory-5-verified");

        // The staff's list of the marketplace's organizations with their people.
        await staff.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Market organizations", Exact = true }).ClickAsync();
        await Expect(staff.GetByRole(AriaRole.Heading, new() { Name = "Market organizations", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(staff);
        await Expect(staffMain.GetByRole(AriaRole.Table, new() { Name = "Organizations and their members" })
            .GetByRole(AriaRole.Row, new() { NameRegex = new Regex("^Lumen Cathodes GmbH") })).ToContainTextAsync("buyer@weft.demo");
        await ScreenshotAsync(staff, "directory-6-organizations");
        await ShouldHaveNoSeriousViolationsAsync(staff, "the market's organizations");

        // A supplier's admin keeps their profile.
        await using var sam = await browser.PersonAsync(server);
        var seller = sam.Page;
        await SignInAsync(seller, "sales@weft.demo", DemoPeople.Password);
        await seller.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Our supplier profile", Exact = true }).ClickAsync();
        await Expect(seller.GetByRole(AriaRole.Heading, new() { Name = "Our supplier profile", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(seller);
        var own = seller.GetByRole(AriaRole.Main);
        await own.GetByLabel("Lead time (days)").FillAsync("35");
        await own.GetByRole(AriaRole.Button, new() { Name = "Save terms" }).ClickAsync();
        await Expect(own.GetByText("35 days")).ToBeVisibleAsync();
        await ScreenshotAsync(seller, "directory-7-own-profile");
        await ShouldHaveNoSeriousViolationsAsync(seller, "a supplier's own profile");
    }

    [GeneratedRegex("^Spodumene concentrate \\(\\d+\\)$")]
    private static partial Regex Spodumene();
}
