using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Weft.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Weft.E2E.Infrastructure.Accessibility;
using static Weft.E2E.Infrastructure.KeyboardFocus;
using static Weft.E2E.Infrastructure.LivePages;
using static Weft.E2E.Infrastructure.Screenshots;
using static Weft.E2E.Infrastructure.Sessions;

namespace Weft.E2E;

/// <summary>
/// Rita, a receiving clerk with a handheld scanner (a keyboard to the browser), receives a notice of four T-shirts and two
/// kilos of flour in lot L1 without touching the mouse: she scans the shirts by barcode and by SKU, marks one damaged, has
/// an unknown code refused, types the flour's lot and weight, and finishes. She inspects the flour the flow's software agent
/// sampled, and once it has planned the putaway, she takes each putaway to its bin and scans it; the wrong bin first is refused and moves nothing.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReceivingWithAScanner(SharedBrowser browser, WeftServer server) : IClassFixture<WeftServer>
{
    private const string Rita = "rita@weft.demo";
    private const string Scan = "Scan or type a SKU, barcode or quantity";

    [Fact]
    public async Task A_clerk_receives_a_notice_and_puts_it_away_with_the_keyboard_alone()
    {
        using var admin = await Programs.SignedInAsync(server, DemoPeople.Admin);
        await SetUpAsync(admin);
        var notice = await InboundNotices.AnnounceAsync(admin, "acme", "main", ("TEE-M", 4, null), ("FLOUR", 2, "L1"));
        var (id, number) = (notice["id"]!.GetValue<long>(), notice["number"]!.GetValue<string>());

        await using var rita = await browser.PersonAsync(server);
        var page = rita.Page;
        await SignInAsync(page, Rita, DemoPeople.Password);
        var main = page.GetByRole(AriaRole.Main);

        // From here on, the keyboard alone. The inbound list shows the notice waiting to be received.
        await page.GotoAsync("/commerce/inbound");
        await WaitUntilInteractiveAsync(page);
        var notices = main.GetByRole(AriaRole.Table, new() { Name = "Notices not yet put away, soonest expected first" });
        await Expect(notices.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync($"{number}");
        await Expect(notices.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("waiting to be received");
        await ScreenshotAsync(page, "receiving-1-inbound");
        await PressUntilFocusedAsync(page, "Tab", main.GetByRole(AriaRole.Link, new() { Name = $"Receive {number}" }), 80);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Receive {number}", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);

        // The scan field has the focus: the shirts by barcode, twice by SKU, then the last one marked damaged.
        var scan = page.GetByLabel(Scan, new() { Exact = true });
        var result = main.GetByRole(AriaRole.Status);
        await Expect(scan).ToBeFocusedAsync();
        await ScanAsync(page, "4006381333931");
        await ShouldSayAsync(page, result, "ok", "TEE-M: 1 good of 4 expected.");
        await ScanAsync(page, "TEE-M");
        await ScanAsync(page, "tee-m");
        await ShouldSayAsync(page, result, "ok", "TEE-M: 3 good of 4 expected.");
        await page.Keyboard.PressAsync("F2");
        await ShouldSayAsync(page, result, "ok", "One TEE-M marked damaged: 2 good, 1 damaged.");

        // An unknown code is refused with the error tone and counts nothing; so is the flour without its lot.
        var tally = main.GetByRole(AriaRole.Table, new() { Name = $"Counted against {number}" });
        await ScanAsync(page, "BOGUS-1");
        await ShouldSayAsync(page, result, "error", $"'BOGUS-1' is not on {number}: no SKU or barcode of its lines. Nothing was counted.");
        await Expect(tally.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("short 1, 1 damaged");
        await ScreenshotAsync(page, "receiving-2-unknown-code");
        await ScanAsync(page, "FLOUR");
        await ShouldSayAsync(page, result, "error", "FLOUR is tracked by lot: type its lot in the Lot field, then scan it again. Nothing was counted.");

        // Tab to the lot, Enter back to the scan field; the flour's first scan, then its weight typed.
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Lot (for products tracked by lot)")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("L1");
        await page.Keyboard.PressAsync("Enter");
        await Expect(scan).ToBeFocusedAsync();
        await ScanAsync(page, "FLOUR");
        await ShouldSayAsync(page, result, "ok", "FLOUR lot L1: 1 good of 2 expected.");
        await ScanAsync(page, "2");
        await ShouldSayAsync(page, result, "ok", "FLOUR lot L1: 2 good of 2 expected.");
        await Expect(tally.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync(["TEE-M", "FLOUR"]);
        await Expect(tally.GetByRole(AriaRole.Row).Nth(2)).ToContainTextAsync("none");
        await ScreenshotAsync(page, "receiving-3-counted");
        await ShouldHaveNoSeriousViolationsAsync(page, "the receiving screen");

        // F9 posts the receipt, and the API has it: the shirts short and damaged, the flour in full.
        await page.Keyboard.PressAsync("F9");
        await ShouldSayAsync(page, result, "ok", $"{number} received: 4 good, 1 damaged; TEE-M short and damaged.");
        (await page.EvaluateAsync<string[]>("() => window.weftScannerTones"))
            .ShouldBe(["ok", "ok", "ok", "ok", "error", "error", "ok", "ok", "ok"], "every result should be heard: high for ok, low for a refusal");
        var received = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/commerce/asns/{id}"))!;
        received["state"]!.GetValue<string>().ShouldBe("received");
        received["receivedBy"]!.GetValue<string>().ShouldBe(Rita);
        received["receipt"]!.AsArray().Select(l => (l!["sku"]!.GetValue<string>(), l["lot"]!.GetValue<string>(), l["expected"]!.GetValue<decimal>(),
                l["received"]!.GetValue<decimal>(), l["damaged"]!.GetValue<decimal>(), string.Join(",", l["discrepancies"]!.AsArray().Select(d => d!.GetValue<string>()))))
            .ShouldBe([("TEE-M", "", 4m, 2m, 1m, "short,damaged"), ("FLOUR", "L1", 2m, 2m, 0m, "")]);
        received["returns"]!.AsArray().Single()!["reason"]!.GetValue<string>().ShouldBe("damaged");

        // The flow's software agent samples the flour for inspection; the screen offers it as soon as it is ready.
        var inspect = main.GetByRole(AriaRole.Link, new() { Name = $"Inspect {number}" });
        await Expect(inspect).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await ScreenshotAsync(page, "receiving-4-received");
        await PressUntilFocusedAsync(page, "Tab", inspect, 80);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Inspect {number}", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);

        // The moisture measured within 14 ± 1 %, the seal switched to passed, and the inspection recorded.
        var moisture = main.GetByLabel("FLOUR lot L1: moisture (14 ± 1 %)");
        await PressUntilFocusedAsync(page, "Tab", moisture, 80);
        await page.Keyboard.TypeAsync("14.4");
        var seal = main.GetByLabel("FLOUR lot L1: seal intact passed");
        await PressUntilFocusedAsync(page, "Tab", seal, 5);
        await page.Keyboard.PressAsync("Space");
        await Expect(seal).ToBeCheckedAsync();
        await ScreenshotAsync(page, "receiving-5-inspection");
        await ShouldHaveNoSeriousViolationsAsync(page, "the inspection form");
        await PressUntilFocusedAsync(page, "Tab", main.GetByRole(AriaRole.Button, new() { Name = "Record the inspection" }), 5);
        await page.Keyboard.PressAsync("Enter");
        await Expect(main.GetByRole(AriaRole.Status)).ToHaveTextAsync("Inspection recorded: 1 passed, 0 failed.");
        var flour = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/commerce/asns/{id}"))!["receipt"]!.AsArray().Single(l => l!["sku"]!.GetValue<string>() == "FLOUR")!;
        flour["qc"]!.GetValue<string>().ShouldBe("passed");
        flour["results"]!.AsArray().Select(r => r!["why"]!.GetValue<string>()).ShouldBe(["14.4 is 0.4 from 14, within the tolerance of 1", "passed"]);

        // Then the putaway, planned by the software agent.
        var putAway = main.GetByRole(AriaRole.Link, new() { Name = $"Put away {number}" });
        await Expect(putAway).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await PressUntilFocusedAsync(page, "Tab", putAway, 80);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Put away {number}", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);
        var tasks = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/commerce/asns/{id}"))!["putaway"]!.AsArray()
            .Select(t => (Sku: t!["sku"]!.GetValue<string>(), To: t["to"]!.GetValue<string>())).ToList();
        tasks.Select(t => t.Sku).ShouldBe(["TEE-M", "FLOUR"]);
        tasks[0].To.ShouldBe("main/A/A-01", "the shirts go to their category's zone");

        // The wrong bin is refused and nothing moves; then each right bin, in turn.
        var bin = page.GetByLabel("Scan the bin's barcode", new() { Exact = true });
        await Expect(bin).ToBeFocusedAsync();
        await Expect(main.GetByRole(AriaRole.Region, new() { Name = "Putaway 1 of 2" })).ToContainTextAsync("Take it to main/A/A-01");
        await ScreenshotAsync(page, "receiving-6-putaway");
        await ScanAsync(page, "main/A/A-02");
        await ShouldSayAsync(page, result, "error", "You scanned main/A/A-02; this putaway of 2 TEE-M goes to main/A/A-01. Nothing moved.");
        (await StockAsync(admin)).ShouldNotContainKey("TEE-M @ main/A/A-02");
        await ScreenshotAsync(page, "receiving-7-wrong-bin");
        await ShouldHaveNoSeriousViolationsAsync(page, "the putaway screen, a wrong bin refused");
        await ScanAsync(page, tasks[0].To);
        await ShouldSayAsync(page, result, "ok", $"2 × TEE-M put in main/A/A-01. Next: FLOUR to {tasks[1].To}.");
        await ScanAsync(page, tasks[1].To);
        await ShouldSayAsync(page, result, "ok", $"2 × FLOUR lot L1 put in {tasks[1].To}. {number} is put away.");
        await ScreenshotAsync(page, "receiving-8-put-away");

        var stored = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/commerce/asns/{id}"))!;
        stored["state"]!.GetValue<string>().ShouldBe("put_away");
        (await StockAsync(admin)).ShouldBe(new Dictionary<string, decimal>
        {
            ["TEE-M @ main/A/A-01"] = 2, ["TEE-M @ main/Q"] = 1, [$"FLOUR L1 @ {tasks[1].To}"] = 2,
        }, ignoreOrder: true);

        // The notice's page tells the whole story.
        var see = main.GetByRole(AriaRole.Link, new() { Name = $"See {number}" });
        await PressUntilFocusedAsync(page, "Tab", see, 80);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = number, Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);
        await Expect(main.GetByRole(AriaRole.Table, new() { Name = "What arrived, with its discrepancies and quality control" }).GetByRole(AriaRole.Row).Nth(1))
            .ToContainTextAsync("short, damaged");
        await Expect(main.GetByRole(AriaRole.Table, new() { Name = "Goods going back to Acme Supplies" })).ToContainTextAsync("damaged");
        await ScreenshotAsync(page, "receiving-9-notice");
        await ShouldHaveNoSeriousViolationsAsync(page, "a stored notice's page");
    }

    /// <summary>Shirts (by barcode too) and flour tracked by lot, inspected on every receipt; the main warehouse with receiving, quarantine and zone A; Rita, a clerk linked to her agent.</summary>
    private static async Task SetUpAsync(HttpClient admin)
    {
        foreach (var (url, body) in new (string, object)[]
        {
            ("/api/v1/commerce/products", new
            {
                key = "tee", name = "T-shirt", unit = "unit", category = "Apparel", variants = new[] { new { sku = "TEE-M", barcode = "4006381333931", cost = 4m } },
            }),
            ("/api/v1/commerce/products", new { key = "flour", name = "Flour", unit = "kg", category = "Bakery", tracking = "lot", variants = new[] { new { sku = "FLOUR", cost = 0.8m } } }),
            ("/api/v1/commerce/warehouses", new { key = "main", name = "Main warehouse" }),
            ("/api/v1/commerce/warehouses/main/locations", new { code = "R", type = "receiving" }),
            ("/api/v1/commerce/warehouses/main/locations", new { code = "Q", type = "quarantine" }),
            ("/api/v1/commerce/warehouses/main/locations", new { code = "A", type = "view" }),
            ("/api/v1/commerce/warehouses/main/locations", new { code = "A-01", type = "storage", parent = "main/A", capacity = 100 }),
            ("/api/v1/commerce/warehouses/main/locations", new { code = "A-02", type = "storage", parent = "main/A", capacity = 100 }),
            ("/api/v1/agents", new
            {
                key = "rita", name = "Rita", kind = "person", wipLimit = 5,
                capabilities = new[] { new { name = "receiving", level = 1 }, new { name = "quality", level = 1 }, new { name = "putaway", level = 1 } },
            }),
            ("/api/v1/users", new { email = Rita, name = "Rita", role = "operator", password = DemoPeople.Password, agent = "rita" }),
        })
        {
            using var response = await admin.PostAsJsonAsync(url, body);
            if (!response.IsSuccessStatusCode) Assert.Fail($"POST {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        using var rule = await admin.PutAsJsonAsync("/api/v1/commerce/putaway-rules", new { kind = "category_zone", category = "Apparel", location = "main/A" });
        rule.EnsureSuccessStatusCode();
        using var qc = await admin.PutAsJsonAsync("/api/v1/commerce/products/flour/qc-rule", new
        {
            rule = "every_nth", every = 1, sampleSize = 1,
            checks = new object[] { new { name = "moisture", kind = "measure", norm = 14m, tolerance = 1m, unit = "%" }, new { name = "seal intact", kind = "pass_fail" } },
        });
        qc.EnsureSuccessStatusCode();
    }

    /// <summary>Types a code and Enter, as a scanner does.</summary>
    private static async Task ScanAsync(IPage page, string code)
    {
        await page.Keyboard.TypeAsync(code);
        await page.Keyboard.PressAsync("Enter");
    }

    /// <summary>The result shows (colour by its kind, and words) and its tone played.</summary>
    private static async Task ShouldSayAsync(IPage page, ILocator result, string kind, string text)
    {
        await Expect(result).ToHaveTextAsync($"{(kind == "ok" ? "OK" : "Refused")}: {text}");
        await Expect(result).ToHaveAttributeAsync("data-result", kind);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-last-tone", kind);
    }

    private static async Task<Dictionary<string, decimal>> StockAsync(HttpClient admin) =>
        (await admin.GetFromJsonAsync<JsonArray>("/api/v1/commerce/stock"))!
            .Where(s => s!["onHand"]!.GetValue<decimal>() != 0)
            .ToDictionary(s => $"{s!["sku"]} {s["lot"]} @ {s["location"]}".Replace("  @", " @", StringComparison.Ordinal), s => s!["onHand"]!.GetValue<decimal>());
}
