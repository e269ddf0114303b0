using System.Net.Http.Json;
using System.Text;
using Weft.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Weft.E2E.Infrastructure.Accessibility;
using static Weft.E2E.Infrastructure.LivePages;
using static Weft.E2E.Infrastructure.Screenshots;
using static Weft.E2E.Infrastructure.Sessions;

namespace Weft.E2E;

/// <summary>
/// A manager brings the catalog in from a spreadsheet: the first file has a wrong barcode, the page names its row and
/// column and imports nothing; the corrected file imports. She finds the products by tracking and by name, opens the
/// T-shirt with its stock per location and its moves, walks the main warehouse's location tree to the bin that holds it
/// and prints the warehouse's location labels. A viewer on a phone reads the tree and a label.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class KeepingTheCatalog(SharedBrowser browser, WeftServer server) : IClassFixture<WeftServer>
{
    private const string Header = "key,name,description,category,unit,tracking,shelfLifeDays,sku,barcode,weightGrams,dimensionsMm,cost,price,currency,attributes";

    private static string Catalog(string mediumBarcode) => string.Join("\r\n",
        Header,
        $$"""tee,T-shirt,Organic cotton,Apparel / T-shirts,unit,none,,TEE-M,{{mediumBarcode}},180,300x200x10,4.2,19.9,EUR,"{""size"":""M""}" """.TrimEnd(),
        """tee,T-shirt,Organic cotton,Apparel / T-shirts,unit,none,,TEE-L,,190,300x200x12,4.2,19.9,EUR,"{""size"":""L""}" """.TrimEnd(),
        "flour,Flour,,Bakery,kg,lot,365,FLOUR,,1000,,0.8,2.5,EUR,",
        "");

    [Fact]
    public async Task A_manager_imports_the_catalog_browses_it_and_prints_the_location_labels()
    {
        using var admin = await Programs.SignedInAsync(server, DemoPeople.Admin);
        await SetUpWarehouseAsync(admin);

        await using var mia = await browser.PersonAsync(server);
        var page = mia.Page;
        await SignInAsync(page, DemoPeople.Manager, DemoPeople.Password);
        var main = page.GetByRole(AriaRole.Main);

        await OpenFromNavigationAsync(page, "Catalog");
        await Expect(main.GetByRole(AriaRole.Status)).ToContainTextAsync("No products yet.");
        await ScreenshotAsync(page, "catalog-1-empty");

        // The first file has TEE-M's barcode with a wrong check digit: nothing imports, and the page says where.
        await main.GetByRole(AriaRole.Link, new() { Name = "Import CSV" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Import products", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);
        var file = page.GetByLabel("Choose a CSV file to import", new() { Exact = true });
        await file.SetInputFilesAsync(Csv("catalog.csv", Catalog("4006381333932")));
        await Expect(main.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Nothing was imported: 1 error in 1 row.");
        var errors = page.GetByRole(AriaRole.Table, new() { Name = "Errors in the file, by row" });
        await Expect(errors.GetByRole(AriaRole.Row)).ToHaveCountAsync(1 + 1);
        var error = errors.GetByRole(AriaRole.Row).Nth(1);
        await Expect(error.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync("2");
        await Expect(error).ToContainTextAsync("barcode");
        await Expect(error).ToContainTextAsync("'4006381333932' is not a GTIN");
        await ScreenshotAsync(page, "catalog-2-import-refused");
        await ShouldHaveNoSeriousViolationsAsync(page, "an import's errors");
        (await admin.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("/api/v1/commerce/products"))!["items"]!.AsArray().ShouldBeEmpty();

        // Corrected, it imports whole.
        await file.SetInputFilesAsync(Csv("catalog.csv", Catalog("4006381333931")));
        await Expect(main.GetByRole(AriaRole.Status)).ToContainTextAsync(
            "catalog.csv imported: 3 rows. Products: 2 created, 0 updated, 0 unchanged. SKUs: 3 created, 0 updated, 0 unchanged.");
        await Expect(errors).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "catalog-3-imported");

        // Stock arrives in bin A-01 (by the API, as a receiving scanner would send it).
        (await admin.PostAsJsonAsync("/api/v1/commerce/moves", new
        {
            reason = "receipt", reference = "PO-7", lines = new[] { new { sku = "TEE-M", quantity = 12, to = "main/A/A-01", unitCost = 4m } },
        })).EnsureSuccessStatusCode();

        // The catalog, filtered by tracking, then searched by name.
        await main.GetByRole(AriaRole.Link, new() { Name = "See the catalog" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Catalog", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);
        var products = page.GetByRole(AriaRole.Table, new() { Name = "Products" });
        await Expect(products.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync(["T-shirt", "Flour"]);
        await ChooseAsync(page, main.GetByLabel("Tracking"), page.GetByRole(AriaRole.Option, new() { Name = "By lot" }));
        await Expect(products.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync(["Flour"]);
        await ChooseAsync(page, main.GetByLabel("Tracking"), page.GetByRole(AriaRole.Option, new() { Name = "Any tracking" }));
        var search = main.GetByLabel("Search", new() { Exact = true });
        await search.FillAsync("shirt");
        await search.PressAsync("Enter");
        await Expect(products.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync(["T-shirt"]);
        await Expect(products.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("TEE-M, TEE-L");
        await Expect(products.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("12");
        await ScreenshotAsync(page, "catalog-4-search");
        await ShouldHaveNoSeriousViolationsAsync(page, "the catalog, searched");

        // The T-shirt: its variants, where its stock is, and the receipt that brought it.
        await products.GetByRole(AriaRole.Link, new() { Name = "T-shirt" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "T-shirt", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);
        var variants = page.GetByRole(AriaRole.Table, new() { Name = "Variants of T-shirt" });
        await Expect(variants.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync(["TEE-M", "TEE-L"]);
        await Expect(variants.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("4006381333931");
        await Expect(variants.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("size: M");
        await Expect(variants.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("300 × 200 × 10");
        var stock = page.GetByRole(AriaRole.Table, new() { Name = "Stock of T-shirt per location" });
        await Expect(stock.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync(["main/A/A-01"]);
        await Expect(stock.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("12");
        var moves = page.GetByRole(AriaRole.Table, new() { Name = "The latest moves of T-shirt, newest first" });
        await Expect(moves.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("virtual/supplier");
        await Expect(moves.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("PO-7");
        await ScreenshotAsync(page, "catalog-5-product");
        await ShouldHaveNoSeriousViolationsAsync(page, "a product's page");

        // The main warehouse's tree: zone A opens on A-01, which holds the twelve T-shirts.
        await OpenFromNavigationAsync(page, "Warehouses");
        await main.GetByRole(AriaRole.Link, new() { Name = "Main warehouse" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Main warehouse", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);
        var tree = main.GetByRole(AriaRole.List, new() { Name = "Locations of Main warehouse" });
        var zone = tree.GetByRole(AriaRole.Button, new() { Name = "Open main/A" });
        await Expect(zone).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(tree.GetByRole(AriaRole.List, new() { Name = "What main/A/A-01 holds" })).ToHaveCountAsync(0);
        await zone.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(tree.GetByRole(AriaRole.Button, new() { Name = "Close main/A" })).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(tree.GetByRole(AriaRole.List, new() { Name = "What main/A/A-01 holds" })).ToHaveTextAsync("TEE-M: 12");
        await Expect(tree).ToContainTextAsync("12 of 100 units");
        await ScreenshotAsync(page, "catalog-6-locations");
        await ShouldHaveNoSeriousViolationsAsync(page, "a warehouse's location tree");

        // Every location that holds stock has its label, the barcode of its path.
        await main.GetByRole(AriaRole.Link, new() { Name = "Print labels" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Labels of main", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);
        var labels = main.GetByRole(AriaRole.List, new() { Name = "Location labels" }).GetByRole(AriaRole.Listitem);
        await Expect(labels).ToHaveCountAsync(3);
        await Expect(main.GetByRole(AriaRole.Img, new() { Name = "Code 128 barcode of main/A/A-01" })).ToBeVisibleAsync();
        await Expect(main.GetByRole(AriaRole.Img, new() { Name = "Code 128 barcode of main/R" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "catalog-7-labels");
        await ShouldHaveNoSeriousViolationsAsync(page, "a warehouse's labels");
        // On paper: the labels without the menus.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Print" })).ToBeHiddenAsync();
        await Expect(labels.First).ToBeVisibleAsync();
        await ScreenshotAsync(page, "catalog-8-labels-printed");
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        // A viewer on a phone reads the tree and one bin's label, and nothing scrolls sideways.
        await using var vic = await browser.PersonAsync(server, 390, 844);
        var phone = vic.Page;
        await SignInAsync(phone, DemoPeople.Viewer, DemoPeople.Password);
        await phone.GotoAsync("/commerce/warehouses/main");
        await WaitUntilInteractiveAsync(phone);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Open main/A" }).ClickAsync();
        await Expect(phone.GetByRole(AriaRole.List, new() { Name = "What main/A/A-01 holds" })).ToHaveTextAsync("TEE-M: 12");
        await ShouldNotScrollSidewaysAsync(phone, "the location tree on a phone");
        await ScreenshotAsync(phone, "catalog-9-phone-locations");
        await phone.GetByRole(AriaRole.Link, new() { Name = "Label of main/A/A-01" }).ClickAsync();
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Labels of main/A/A-01", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(phone);
        await Expect(phone.GetByRole(AriaRole.List, new() { Name = "Location labels" }).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);
        await ShouldNotScrollSidewaysAsync(phone, "a label on a phone");
        await ScreenshotAsync(phone, "catalog-10-phone-label");
        await phone.GotoAsync("/commerce/products/import");
        await Expect(phone.GetByRole(AriaRole.Main)).ToContainTextAsync("Your role does not allow this page.");
    }

    /// <summary>The main warehouse: receiving bay R, zone A with storage bin A-01 (100 units at most) and picking bin A-02.</summary>
    private static async Task SetUpWarehouseAsync(HttpClient admin)
    {
        (await admin.PostAsJsonAsync("/api/v1/commerce/warehouses", new { key = "main", name = "Main warehouse" })).EnsureSuccessStatusCode();
        foreach (var location in new object[]
        {
            new { code = "R", type = "receiving", name = "Receiving bay" },
            new { code = "A", type = "view", name = "Zone A" },
            new { code = "A-01", type = "storage", parent = "main/A", capacity = 100 },
            new { code = "A-02", type = "picking", parent = "main/A" },
        })
            (await admin.PostAsJsonAsync("/api/v1/commerce/warehouses/main/locations", location)).EnsureSuccessStatusCode();
    }

    private static FilePayload Csv(string name, string text) => new() { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(text) };

    private static async Task ShouldNotScrollSidewaysAsync(IPage page, string what)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        overflow.ShouldBeLessThanOrEqualTo(0, $"{what} should not scroll sideways");
    }

    private static async Task OpenFromNavigationAsync(IPage page, string entry)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = entry, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = entry, Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);
    }
}
