using System.Net.Http.Json;
using Weft.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Weft.E2E.Infrastructure.Accessibility;
using static Weft.E2E.Infrastructure.LivePages;
using static Weft.E2E.Infrastructure.Screenshots;
using static Weft.E2E.Infrastructure.Sessions;

namespace Weft.E2E;

/// <summary>
/// Ines wrote to the shop twice, the second time from another address. Alice, on the team, finds her among the
/// customers by searching, adds her phone, tier and tags, then finds the second record by its email and merges it
/// into Ines: both conversations are hers now, and the list shows one Ines.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LookingAfterCustomers(SharedBrowser browser, WeftServer server) : IClassFixture<WeftServer>
{
    private const string SecondEmail = "ines.d@correio.example";

    [Fact]
    public async Task An_agent_finds_a_customer_edits_her_and_merges_her_duplicate()
    {
        using (var api = await Programs.SignedInAsync(server, DemoPeople.Admin))
        {
            using var started = await api.PostAsJsonAsync("/api/v1/support/conversations", new
            {
                customer = new { name = "Inês D.", email = SecondEmail }, channel = "email", subject = "Repair of my saddle bag",
                message = "Did you receive the bag I sent back for the repair?",
            });
            started.IsSuccessStatusCode.ShouldBeTrue(await started.Content.ReadAsStringAsync());
        }

        await using var alice = await browser.PersonAsync(server);
        var page = alice.Page;
        await SignInAsync(page, DemoPeople.Operator, DemoPeople.Password);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Customers", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Customers", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);
        var main = page.GetByRole(AriaRole.Main);
        var customers = main.GetByRole(AriaRole.Table, new() { Name = "Customers" });
        await Expect(customers.GetByRole(AriaRole.Rowheader)).ToContainTextAsync(["Ines Duarte", "Tom Becker", "Sofia Alves", "Inês D."]);
        await ScreenshotAsync(page, "support-customers-1-list");
        await ShouldHaveNoSeriousViolationsAsync(page, "the list of customers");

        // Found by part of her email.
        await main.GetByLabel("Name or email", new() { Exact = true }).FillAsync("ines.duarte");
        await main.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Expect(customers.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync(["Ines Duarte"]);
        await Expect(customers.GetByRole(AriaRole.Row, new() { Name = "Ines Duarte" })).ToContainTextAsync("ines.duarte@example.com");
        await Expect(main).ToContainTextAsync("1 customer matches “ines.duarte”.");
        await ScreenshotAsync(page, "support-customers-2-found");
        await customers.GetByRole(AriaRole.Link, new() { Name = "Ines Duarte" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ines Duarte", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);
        var conversations = main.GetByRole(AriaRole.Table, new() { Name = "Conversations of Ines Duarte" });
        await Expect(conversations.GetByRole(AriaRole.Rowheader)).ToHaveCountAsync(1);

        // Her phone, tier, language and tags.
        await main.GetByRole(AriaRole.Button, new() { Name = "Edit customer" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("Ines Duarte");
        await dialog.GetByLabel("Phone", new() { Exact = true }).FillAsync("+351 912 345 678");
        await dialog.GetByLabel("Language", new() { Exact = true }).FillAsync("pt");
        await dialog.GetByLabel("Tier", new() { Exact = true }).FillAsync("gold");
        await dialog.GetByLabel("Tags", new() { Exact = true }).FillAsync("saddle bag, repair");
        await ScreenshotAsync(page, "support-customers-3-edit");
        await ShouldHaveNoSeriousViolationsAsync(page, "the customer dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save customer" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        var facts = main.Locator("dl.weft-facts");
        await Expect(facts).ToContainTextAsync("+351 912 345 678");
        await Expect(facts).ToContainTextAsync("gold");
        await Expect(main.GetByRole(AriaRole.List, new() { Name = "Tags" }).GetByRole(AriaRole.Listitem)).ToHaveTextAsync(["saddle bag", "repair"]);

        // The second record, found by its email, merged into Ines.
        await main.GetByLabel("Email of the duplicate", new() { Exact = true }).FillAsync(SecondEmail);
        await main.GetByRole(AriaRole.Button, new() { Name = "Find", Exact = true }).ClickAsync();
        var found = main.GetByRole(AriaRole.Group, new() { Name = "The duplicate found" });
        await Expect(found).ToContainTextAsync($"Found Inês D. ({SecondEmail}), with 1 conversation.");
        await ScreenshotAsync(page, "support-customers-4-duplicate-found");
        await ShouldHaveNoSeriousViolationsAsync(page, "a customer's page with a duplicate found");
        await found.GetByRole(AriaRole.Button, new() { Name = "Merge Inês D. into Ines Duarte" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Merge", Exact = true }).ClickAsync();
        await Expect(main.GetByRole(AriaRole.Status).Filter(new() { HasText = "was merged" })).ToHaveTextAsync("Inês D. was merged into Ines Duarte.");
        await Expect(conversations.GetByRole(AriaRole.Rowheader)).ToHaveCountAsync(2);
        await Expect(conversations.GetByRole(AriaRole.Link, new() { NameRegex = new("Repair of my saddle bag") })).ToBeVisibleAsync();
        await Expect(main.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "support-customers-5-merged");
        await ShouldHaveNoSeriousViolationsAsync(page, "a customer's page after a merge");

        // One Ines in the list now; her conversation opens in the workspace.
        await main.GetByRole(AriaRole.Link, new() { Name = "All customers" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Customers", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);
        await main.GetByLabel("Name or email", new() { Exact = true }).FillAsync("ines");
        await main.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Expect(customers.GetByRole(AriaRole.Row, new() { Name = "Ines Duarte" }).GetByRole(AriaRole.Cell).Last).ToHaveTextAsync("2");
        await Expect(customers.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync(["Ines Duarte"]);
    }
}
