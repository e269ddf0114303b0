using System.Net.Http.Json;
using Weft.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Weft.E2E.Infrastructure.Accessibility;
using static Weft.E2E.Infrastructure.LivePages;
using static Weft.E2E.Infrastructure.Screenshots;
using static Weft.E2E.Infrastructure.Sessions;

namespace Weft.E2E;

/// <summary>
/// A buyer plans replenishment from the board: two T-shirt sizes are below their reorder levels, the medium furthest. She
/// opens the medium's explanation and reads how its quantity was worked out (the reorder point with its safety stock, the
/// EOQ, the supplier's packs and price break), approves fewer than suggested, turns the approved suggestion into a
/// purchase order, and lands on the order with its line and total; she records it as sent by phone and adds a supplier. A viewer on a phone
/// sees the board and the supplier's scorecard, without the buyer's buttons.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReplenishingFromTheBoard(SharedBrowser browser, WeftServer server) : IClassFixture<WeftServer>
{
    [Fact]
    public async Task A_buyer_reads_a_suggestions_explanation_approves_it_and_turns_it_into_a_purchase_order()
    {
        using var admin = await Programs.SignedInAsync(server, DemoPeople.Admin);
        await SetUpAsync(admin);

        await using var bea = await browser.PersonAsync(server);
        var page = bea.Page;
        await SignInAsync(page, DemoPeople.Manager, DemoPeople.Password);
        var main = page.GetByRole(AriaRole.Main);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Replenishment", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Replenishment", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);
        await Expect(main.GetByRole(AriaRole.Status)).ToContainTextAsync("Nothing to buy");

        // A planning run: TEE-M is 4 below its reorder point of 34, TEE-L 2 below its min of 10; the furthest below comes first.
        await main.GetByRole(AriaRole.Button, new() { Name = "Plan now" }).ClickAsync();
        await Expect(main.GetByRole(AriaRole.Status).Filter(new() { HasText = "Planning run" })).ToContainTextAsync("looked at 2 rules: 2 suggestions for 1,896.00 EUR in all, 0 skipped.");
        var board = main.GetByRole(AriaRole.Table, new() { Name = "Suggestions, furthest below the reorder level first" });
        await Expect(board.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync(["TEE-M", "TEE-L"]);
        var medium = board.GetByRole(AriaRole.Row).Nth(1);
        foreach (var shown in new[] { "T-shirt", "main", "acme", "30", "34", "480", "1,680.00 EUR", "proposed" })
            await Expect(medium).ToContainTextAsync(shown);
        await ScreenshotAsync(page, "replenishment-1-board");
        await ShouldHaveNoSeriousViolationsAsync(page, "the replenishment board");

        // Its explanation, opened with the keyboard: the reorder point with safety stock, the EOQ, and why the supplier's terms raised it to 480.
        var explain = board.GetByRole(AriaRole.Button, new() { Name = "Explain TEE-M" });
        await Expect(explain).ToHaveAttributeAsync("aria-expanded", "false");
        await explain.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(board.GetByRole(AriaRole.Button, new() { Name = "Hide TEE-M" })).ToHaveAttributeAsync("aria-expanded", "true");
        var rop = main.GetByRole(AriaRole.Table, new() { Name = "Reorder point with safety stock for TEE-M: steps" });
        await Expect(rop.GetByRole(AriaRole.Row).Filter(new() { HasText = "Safety stock" })).ToContainTextAsync("1.6449 × 3.5355");
        await Expect(rop.GetByRole(AriaRole.Row).Filter(new() { HasText = "Safety stock" })).ToContainTextAsync("5.8154");
        var reorderPoint = rop.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "Reorder point", Exact = true }) });
        await Expect(reorderPoint).ToContainTextAsync("ROP = d × L + SS");
        await Expect(reorderPoint).ToContainTextAsync("27.5 + 5.8154");
        await Expect(reorderPoint).ToContainTextAsync("33.3154");
        await Expect(main.GetByRole(AriaRole.List, new() { Name = "Reorder point with safety stock for TEE-M: why rounded" }))
            .ToContainTextAsync("Rounded up from 33.3154 to 34");
        var inputs = main.GetByRole(AriaRole.Table, new() { Name = "Reorder point with safety stock for TEE-M: inputs" });
        await Expect(inputs.GetByRole(AriaRole.Row).Filter(new() { HasText = "mean daily demand, set by hand" })).ToContainTextAsync("5.5");
        var eoq = main.GetByRole(AriaRole.Table, new() { Name = "Economic order quantity for TEE-M: steps" });
        await Expect(eoq.GetByRole(AriaRole.Row).Filter(new() { HasText = "EOQ = √(2·D·S / H)" })).ToContainTextAsync("448.0513");
        var terms = main.GetByRole(AriaRole.List, new() { Name = "Acme Textiles's terms for TEE-M: why rounded" });
        await Expect(terms).ToContainTextAsync("packs of 12");
        await Expect(terms).ToContainTextAsync("480");
        await ScreenshotAsync(page, "replenishment-2-explanation");
        await ShouldHaveNoSeriousViolationsAsync(page, "a suggestion's explanation");

        // The buyer approves 240 rather than 480: at the 100+ price of 3.50 that is 840.00.
        var decide = main.GetByRole(AriaRole.Group, new() { Name = "Decide on TEE-M" });
        var quantity = decide.GetByLabel("Quantity of TEE-M to order");
        await Expect(quantity).ToHaveValueAsync("480");
        await quantity.FillAsync("240");
        await quantity.PressAsync("Tab");
        await decide.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Expect(medium).ToContainTextAsync("approved");
        await Expect(medium).ToContainTextAsync("840.00 EUR");
        await Expect(main.GetByRole(AriaRole.Group, new() { Name = "Decide on TEE-M" })).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "replenishment-3-approved");

        // The approved suggestion becomes a purchase order to acme, linked from the board.
        await main.GetByRole(AriaRole.Button, new() { Name = "Create purchase orders" }).ClickAsync();
        var created = main.GetByRole(AriaRole.List, new() { Name = "Purchase orders created" });
        await Expect(created.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);
        await Expect(created).ToContainTextAsync("Acme Textiles for 840.00 EUR");
        await Expect(board.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync(["TEE-L"]);
        await created.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new("^Purchase order PO-"), Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);
        var lines = main.GetByRole(AriaRole.Table, new() { NameRegex = new("^Lines of PO-") });
        await Expect(lines.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync(["TEE-M", "Total"]);
        var line = lines.GetByRole(AriaRole.Row).Nth(1);
        foreach (var shown in new[] { "AC-TEE-M", "240", "3.50 EUR", "840.00 EUR" })
            await Expect(line).ToContainTextAsync(shown);
        await Expect(lines.GetByRole(AriaRole.Row).Last).ToContainTextAsync("840.00 EUR");
        await Expect(main).ToContainTextAsync("approved");
        await ScreenshotAsync(page, "replenishment-4-purchase-order");
        await ShouldHaveNoSeriousViolationsAsync(page, "a purchase order");

        // Its PDF downloads for the signed-in buyer.
        var href = await main.GetByRole(AriaRole.Link, new() { Name = "Download PDF" }).GetAttributeAsync("href");
        var pdf = await page.APIRequest.GetAsync(href!);
        pdf.Status.ShouldBe(200);
        pdf.Headers["content-type"].ShouldBe("application/pdf");
        (await pdf.BodyAsync()).Take(4).ShouldBe("%PDF"u8.ToArray());

        // Phoned through to the supplier: recorded as sent without email; only cancelling is left.
        await main.GetByRole(AriaRole.Button, new() { Name = "Mark as sent without email" }).ClickAsync();
        await Expect(main).ToContainTextAsync("without email");
        await Expect(main.GetByRole(AriaRole.Button, new() { Name = "Send by email" })).ToHaveCountAsync(0);
        await Expect(main.GetByRole(AriaRole.Button, new() { Name = "Cancel order" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "replenishment-5-sent");

        // A second supplier, added by the buyer.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Suppliers", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Suppliers", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);
        await main.GetByRole(AriaRole.Button, new() { Name = "Add supplier" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Key", new() { Exact = true }).FillAsync("knit");
        await dialog.GetByLabel("Name", new() { Exact = true }).FillAsync("Knit & Co");
        await dialog.GetByLabel("Email for purchase orders", new() { Exact = true }).FillAsync("buy@knit.test");
        await dialog.GetByLabel("Lead time in days, as promised", new() { Exact = true }).FillAsync("12");
        await ShouldHaveNoSeriousViolationsAsync(page, "the Add supplier dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add supplier", Exact = true }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        var suppliers = main.GetByRole(AriaRole.Table, new() { Name = "Suppliers" });
        await Expect(suppliers.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync(["Acme Textiles", "Knit & Co"]);
        await Expect(suppliers.GetByRole(AriaRole.Row).Filter(new() { HasText = "Knit & Co" })).ToContainTextAsync("12 days promised");
        await ScreenshotAsync(page, "replenishment-6-suppliers");

        // A viewer on a phone: the board without the buyer's buttons, and the supplier's scorecard, nothing scrolling sideways.
        await using var vic = await browser.PersonAsync(server, 390, 844);
        var phone = vic.Page;
        await SignInAsync(phone, DemoPeople.Viewer, DemoPeople.Password);
        await phone.GotoAsync("/commerce/replenishment");
        await WaitUntilInteractiveAsync(phone);
        var phoneMain = phone.GetByRole(AriaRole.Main);
        await Expect(phoneMain.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync(["TEE-L"]);
        await Expect(phoneMain.GetByRole(AriaRole.Button, new() { Name = "Plan now" })).ToHaveCountAsync(0);
        await phoneMain.GetByRole(AriaRole.Button, new() { Name = "Explain TEE-L" }).ClickAsync();
        await Expect(phoneMain.GetByRole(AriaRole.List, new() { Name = "Min/max rule for TEE-L: why rounded" })).ToContainTextAsync("Rounded up from 42 to 48");
        await Expect(phoneMain.GetByRole(AriaRole.Group, new() { Name = "Decide on TEE-L" })).ToHaveCountAsync(0);
        await ScreenshotAsync(phone, "replenishment-7-phone-board");
        await ShouldNotScrollSidewaysAsync(phone, "the board on a phone");
        await phone.GotoAsync("/commerce/suppliers/acme");
        await WaitUntilInteractiveAsync(phone);
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Acme Textiles", Level = 1 })).ToBeVisibleAsync();
        await Expect(phoneMain.GetByRole(AriaRole.Table, new() { Name = "What Acme Textiles sells" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "AC-TEE-M" }))
            .ToContainTextAsync("from 100: 3.50 EUR");
        await Expect(phoneMain.GetByRole(AriaRole.Region, new() { Name = "Scorecard" })).ToContainTextAsync("QC pass rate");
        await ScreenshotAsync(phone, "replenishment-8-phone-supplier");
        await ShouldNotScrollSidewaysAsync(phone, "a supplier on a phone");
    }

    /// <summary>
    /// Two T-shirt sizes at the main warehouse, bought from acme: the medium in packs of 12 (20 at least, 3.50 from 100), with
    /// demand set by hand at 5.5 a day (σ √2.5) and 30 in stock; the large on a min/max rule (10 to 50, multiples of 12) with 8.
    /// </summary>
    private static async Task SetUpAsync(HttpClient admin)
    {
        foreach (var (method, url, body) in new (HttpMethod, string, object)[]
        {
            (HttpMethod.Post, "/api/v1/commerce/products", new
            {
                key = "tee", name = "T-shirt", unit = "unit", category = "Apparel",
                variants = new object[] { new { sku = "TEE-M", cost = 4m, price = 19.9m }, new { sku = "TEE-L", cost = 4m, price = 19.9m } },
            }),
            (HttpMethod.Post, "/api/v1/commerce/warehouses", new { key = "main", name = "Main warehouse", address = "1 Dock Road" }),
            (HttpMethod.Post, "/api/v1/commerce/warehouses/main/locations", new { code = "A", type = "storage", name = "Zone A" }),
            (HttpMethod.Post, "/api/v1/commerce/suppliers",
                new { key = "acme", name = "Acme Textiles", email = "orders@acme.test", contactName = "Ada", currency = "EUR", leadTimeDays = 5 }),
            (HttpMethod.Put, "/api/v1/commerce/suppliers/acme/products", new
            {
                sku = "TEE-M", supplierSku = "AC-TEE-M", unitPrice = 4.00m, minimumOrder = 20, packSize = 12,
                priceBreaks = new[] { new { fromQuantity = 100m, unitPrice = 3.50m } },
            }),
            (HttpMethod.Put, "/api/v1/commerce/suppliers/acme/products", new { sku = "TEE-L", supplierSku = "AC-TEE-L", unitPrice = 4.50m }),
            (HttpMethod.Put, "/api/v1/commerce/replenishment/rules", new
            {
                sku = "TEE-M", warehouse = "main", policy = "reorder_point", serviceLevel = 0.95, demandMean = 5.5, demandDeviation = Math.Sqrt(2.5),
                orderingCost = 50, holdingRate = 0.25,
            }),
            (HttpMethod.Put, "/api/v1/commerce/replenishment/rules", new { sku = "TEE-L", warehouse = "main", policy = "min_max", min = 10, max = 50, multiple = 12 }),
            (HttpMethod.Post, "/api/v1/commerce/moves", new
            {
                reason = "receipt", reference = "opening",
                lines = new[] { new { sku = "TEE-M", quantity = 30, to = "main/A", unitCost = 4m }, new { sku = "TEE-L", quantity = 8, to = "main/A", unitCost = 4m } },
            }),
        })
        {
            using var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
            using var response = await admin.SendAsync(request);
            response.IsSuccessStatusCode.ShouldBeTrue($"{method} {url}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task ShouldNotScrollSidewaysAsync(IPage page, string what)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        var widest = await page.EvaluateAsync<string>(
            "() => [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)" +
            ".slice(0, 5).map(e => `${e.tagName}.${e.className}`).join(', ')");
        overflow.ShouldBeLessThanOrEqualTo(0, $"{what} should not scroll sideways (wider than the screen: {widest})");
    }
}
