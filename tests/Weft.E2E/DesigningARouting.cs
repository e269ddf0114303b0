using System.Globalization;
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
/// A manager designs a routing from presets in the browser, sees a validation error on the step concerned, fixes it,
/// publishes, then compares the published version with a changed draft.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DesigningARouting(SharedBrowser browser, WeftServer server) : IClassFixture<WeftServer>
{
    [Fact]
    public async Task A_manager_builds_a_routing_from_presets_fixes_the_error_shown_on_its_step_and_publishes()
    {
        await using var manager = await browser.PersonAsync(server);
        var page = manager.Page;
        await SignInAsync(page, DemoPeople.Manager, DemoPeople.Password);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Routings", Exact = true }).ClickAsync();
        // The routings page itself (not the page before it) must be live before its form is used.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Routings");
        await WaitUntilInteractiveAsync(page);
        await page.GetByLabel("Key").FillAsync("belt-line");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Belt line");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create and design" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Routing · Belt line");
        await WaitUntilInteractiveAsync(page);

        // Each step added after the chosen one follows it: start → cutting → QC inspection; the end comes on its own.
        var steps = page.GetByRole(AriaRole.List, new() { Name = "Steps of the draft" });
        foreach (var preset in new[] { "Start", "Cutting", "QC inspection" })
        {
            await page.GetByRole(AriaRole.Button, new() { Name = $"Add {preset}" }).ClickAsync();
            await Expect(steps).ToContainTextAsync(preset);
        }
        await SelectAsync(page, steps, "Start", "start");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add End" }).ClickAsync();
        await Expect(steps).ToContainTextAsync("End");
        // The QC step is connected to the end on the wrong result: the problem shows on that step.
        await SelectAsync(page, steps, "QC inspection", "qc-inspection");
        await ConnectAsync(page, "End", "fail");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Remove qc-inspection → end (fail)" })).ToBeVisibleAsync();
        var problems = page.GetByRole(AriaRole.List, new() { Name = "Problems of qc-inspection" });
        await Expect(problems).ToContainTextAsync("needs an outgoing edge with outcome 'pass'");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Publish" })).ToBeDisabledAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { NameRegex = new("draft of belt-line") }).Locator("canvas").First).ToBeVisibleAsync();
        await ScreenshotAsync(page, "designer-1-error-on-step");
        await ShouldHaveNoSeriousViolationsAsync(page, "the routing designer");

        // The fix: the way to the end is the 'pass' way.
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove qc-inspection → end (fail)" }).ClickAsync();
        await ConnectAsync(page, "End", "pass");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Remove qc-inspection → end (pass)" })).ToBeVisibleAsync();
        await Expect(problems).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("The draft is valid");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("version 1 published");
        await ScreenshotAsync(page, "designer-2-published");

        // The published routing runs: the API starts a job on it.
        using var program = await Programs.SignedInAsync(server, DemoPeople.Manager);
        var version = await program.GetFromJsonAsync<JsonObject>("/api/v1/graphs/belt-line/versions/1");
        version!["definition"]!["nodes"]!.AsArray().Select(n => n!["key"]!.GetValue<string>()).ShouldBe(["start", "cutting", "qc-inspection", "end"]);
        (await program.PostAsJsonAsync("/api/v1/jobs", new { graph = "belt-line", quantity = 1, reference = "BELT-1" })).EnsureSuccessStatusCode();

        // A change to the draft, compared with version 1.
        await SelectAsync(page, steps, "Cutting", "cutting");
        var status = page.GetByRole(AriaRole.Status).First;
        var revision = int.Parse(Regex.Match(await status.InnerTextAsync(), @"Draft revision (\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        await page.GetByLabel("Standard minutes").FillAsync("25");
        await page.GetByLabel("Standard minutes").PressAsync("Tab");
        await Expect(status).ToContainTextAsync($"Draft revision {revision + 1},");
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Differences" })).ToContainTextAsync("standardMinutes 20 → 25");
        await ScreenshotAsync(page, "designer-3-compare");

        // The changed cutting step is kept as a preset of its own, added again, then the preset is deleted.
        await page.GetByLabel("Preset name").FillAsync("Heavy cutting");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save as preset" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add Heavy cutting" }).ClickAsync();
        await Expect(steps.GetByRole(AriaRole.Button, new() { Name = "Heavy cutting" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "designer-4-saved-preset");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete the saved step Heavy cutting" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add Heavy cutting" })).ToHaveCountAsync(0);

        // A second way out of cutting without an outcome: the problem shows on the connections concerned.
        await SelectAsync(page, steps, "Cutting", "cutting");
        await ConnectAsync(page, "End", "");
        await Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "cutting → end" })).ToContainTextAsync("needs an outcome");
        await ScreenshotAsync(page, "designer-5-error-on-connection");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove cutting → end" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "cutting → qc-inspection" })).Not.ToContainTextAsync("needs an outcome");
    }

    /// <summary>Chooses a step in the list and waits for its settings to show (typing before would be lost).</summary>
    private static async Task SelectAsync(IPage page, ILocator steps, string name, string key)
    {
        await steps.GetByRole(AriaRole.Button, new() { Name = name, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, NameRegex = new Regex($"key {Regex.Escape(key)}$") })).ToBeVisibleAsync();
    }

    private static async Task ConnectAsync(IPage page, string to, string outcome)
    {
        await ChooseAsync(page, page.GetByLabel("Connect to"), page.GetByRole(AriaRole.Option, new() { Name = to, Exact = true }));
        await page.GetByLabel("Outcome (optional)").FillAsync(outcome);
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect", Exact = true }).ClickAsync();
    }
}
