using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Weft.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Weft.E2E.Infrastructure.Accessibility;
using static Weft.E2E.Infrastructure.LivePages;
using static Weft.E2E.Infrastructure.Screenshots;
using static Weft.E2E.Infrastructure.Sessions;

namespace Weft.E2E;

/// <summary>
/// A manager watches a routing in the control center's Inspect mode: the graph drawn with its counts, which move as an
/// operator works; a QC failure's replacement shows in the piece's lineage.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class InspectingTheFlow(SharedBrowser browser, WeftServer server) : IClassFixture<WeftServer>
{
    [Fact]
    public async Task Counts_move_as_work_is_done_and_a_failed_piece_shows_its_replacement()
    {
        using var program = await Programs.SignedInAsync(server, DemoPeople.Manager);
        await program.PublishGraphAsync("inspect-line", "Inspect line",
            new object[]
            {
                new { key = "start", type = "start" },
                new { key = "cut", type = "task", name = "Cut", capability = "cutting", assignment = "pool" },
                new { key = "check", type = "qc", name = "Check", capability = "cutting", assignment = "pool" },
                new { key = "end", type = "end" },
            },
            new object[] { new { from = "start", to = "cut" }, new { from = "cut", to = "check" }, new { from = "check", to = "end", outcome = "pass" } });
        (await program.PatchAsJsonAsync("/api/v1/agents/alice", new { wipLimit = 50 })).EnsureSuccessStatusCode();
        var job = await program.StartJobAsync("inspect-line", 2, "INS-1");

        await using var manager = await browser.PersonAsync(server);
        var page = manager.Page;
        await SignInAsync(page, DemoPeople.Manager, DemoPeople.Password);
        // The demo's atelier routing on first start: last week's measured work charted day by day.
        await page.GotoAsync("/control/inspect?graph=atelier-bag");
        await WaitUntilInteractiveAsync(page);
        await Expect(page.GetByRole(AriaRole.Img, new() { NameRegex = new("^Pieces done per day over the last 14 days: [1-9]") }).Locator("svg").First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { NameRegex = new("^First-pass yield per day over the last 14 days: [1-9]") }).Locator("svg").First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { NameRegex = new("^Work minutes per step, least, median and most: Cut leather [1-9]") }).Locator("svg").First).ToBeVisibleAsync();
        await ScreenshotAsync(page, "control-inspect-0-demo-week");

        await page.GotoAsync("/control/inspect?graph=inspect-line");
        await WaitUntilInteractiveAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Control center · Inspect");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("2 pieces in work, 0 done");
        var cut = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Cut" });
        await Expect(cut.GetByRole(AriaRole.Cell).Nth(0)).ToHaveTextAsync("2");
        // The routing is drawn (Cytoscape paints on canvases), its picture named in words.
        await Expect(page.GetByRole(AriaRole.Img, new() { NameRegex = new("routing inspect-line version 1") }).Locator("canvas").First).ToBeVisibleAsync();
        await ScreenshotAsync(page, "control-inspect-1-graph");
        await ShouldHaveNoSeriousViolationsAsync(page, "Inspect");

        // Alice (the operator) cuts piece 1 and fails it at the check: a replacement starts over at the cut.
        using var alice = await Programs.SignedInAsync(server, DemoPeople.Operator);
        var first = await ItemAsync(program, job, "cut");
        foreach (var command in new[] { "claim", "start", "complete" })
            (await alice.PostAsJsonAsync($"/api/v1/work-items/{first}/{command}", new { })).EnsureSuccessStatusCode();
        var check = await ItemAsync(program, job, "check");
        foreach (var command in new[] { "claim", "start" })
            (await alice.PostAsJsonAsync($"/api/v1/work-items/{check}/{command}", new { })).EnsureSuccessStatusCode();
        (await alice.PostAsJsonAsync($"/api/v1/work-items/{check}/complete", new { outcome = "fail", note = "Edge frayed" })).EnsureSuccessStatusCode();

        // The page follows without a reload.
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("1 replacement");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Check" }).GetByRole(AriaRole.Cell).Nth(5)).ToHaveTextAsync("0%");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show work at Cut" }).ClickAsync();
        var work = page.GetByRole(AriaRole.Region, new() { Name = "Work at Cut" });
        await Expect(work.GetByRole(AriaRole.Row)).ToHaveCountAsync(3);
        await page.GetByRole(AriaRole.Button, new() { Name = "Lineage of INS-1-001" }).ClickAsync();
        var lineage = page.GetByRole(AriaRole.Region, new() { Name = "Lineage of INS-1, piece 1" });
        await Expect(lineage).ToContainTextAsync("cancelled: qc fail");
        await Expect(lineage).ToContainTextAsync("replaces token");
        await Expect(lineage).ToContainTextAsync("work item completed");
        // The charts are drawn (ECharts paints SVG), each named in words with its figures.
        await Expect(page.GetByRole(AriaRole.Img, new() { NameRegex = new("^Pieces done per day") }).Locator("svg").First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { NameRegex = new("^Work minutes per step, least, median and most: Cut 0, 0 and 0") })
            .Locator("svg").First).ToBeVisibleAsync();
        await ScreenshotAsync(page, "control-inspect-2-lineage");
        await ShouldHaveNoSeriousViolationsAsync(page, "a piece's lineage in Inspect");
    }

    private static async Task<long> ItemAsync(HttpClient program, long job, string node) =>
        (await program.GetFromJsonAsync<JsonObject>($"/api/v1/work-items?job={job}&node={node}&state=ready"))!["items"]!.AsArray()
            .OrderBy(i => i!["id"]!.GetValue<long>()).First()!["id"]!.GetValue<long>();
}
