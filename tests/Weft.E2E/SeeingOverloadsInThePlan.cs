using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Weft.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Weft.E2E.Infrastructure.Accessibility;
using static Weft.E2E.Infrastructure.LivePages;
using static Weft.E2E.Infrastructure.Screenshots;
using static Weft.E2E.Infrastructure.Sessions;

namespace Weft.E2E;

/// <summary>
/// An order asking more skiving than the plant's one skiver has in a day shows as an overload on the Plan, said in
/// words, beside the order's forecast against its due date.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SeeingOverloadsInThePlan(SharedBrowser browser, WeftServer server) : IClassFixture<WeftServer>
{
    [Fact]
    public async Task Work_beyond_a_days_capacity_is_flagged_as_an_overload()
    {
        // 20 pieces of an hour's skiving each, with no due date: 1,200 minutes fall on the next working day, which
        // Farid's standard calendar gives 480 (he is the demo's only skiver).
        using var program = await Programs.SignedInAsync(server, DemoPeople.Manager);
        await program.PublishGraphAsync("skive-line", "Skive line",
            new object[]
            {
                new { key = "start", type = "start" },
                new { key = "skive", type = "task", name = "Skive edges", capability = "skiving", standardMinutes = 60 },
                new { key = "end", type = "end" },
            },
            new object[] { new { from = "start", to = "skive" }, new { from = "skive", to = "end" } });
        (await program.PostAsJsonAsync("/api/v1/products", new { key = "skived-panel", name = "Skived panel", routing = "skive-line" })).EnsureSuccessStatusCode();
        var order = (await (await program.PostAsJsonAsync("/api/v1/manufacturing-orders", new { product = "skived-panel", quantity = 20 }))
            .Content.ReadFromJsonAsync<JsonObject>())!;
        (await program.PostAsync($"/api/v1/manufacturing-orders/{order["id"]}/release", null)).EnsureSuccessStatusCode();

        await using var manager = await browser.PersonAsync(server);
        var page = manager.Page;
        await SignInAsync(page, DemoPeople.Manager, DemoPeople.Password);
        await page.GotoAsync("/production/plan");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Plan");
        await WaitUntilInteractiveAsync(page);

        var skiving = page.GetByRole(AriaRole.Row, new() { NameRegex = new Regex("^skiving ") });
        await Expect(skiving).ToContainTextAsync("1200 / 480 overloaded");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = order["number"]!.GetValue<string>() })).ToContainTextAsync("skiving 1200 min");
        await ScreenshotAsync(page, "production-7-plan-overload");
        await ShouldHaveNoSeriousViolationsAsync(page, "the Plan with an overload");
    }
}
