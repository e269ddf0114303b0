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

/// <summary>A manager runs the floor from the control center's Run board: assigns a piece, takes it back, cancels two at once.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RunningTheFloorFromTheControlCenter(SharedBrowser browser, WeftServer server) : IClassFixture<WeftServer>
{
    [Fact]
    public async Task A_manager_assigns_requeues_and_bulk_cancels_work_on_the_run_board()
    {
        // A program publishes a one-step routing done by trimmers, registers two of them and starts a job of three pieces.
        using var program = await Programs.SignedInAsync(server, DemoPeople.Manager);
        await program.PublishGraphAsync("trim-line", "Trim line",
            new object[]
            {
                new { key = "start", type = "start" }, new { key = "trim", type = "task", name = "Trim", capability = "trimming", assignment = "pool" },
                new { key = "end", type = "end" },
            },
            new object[] { new { from = "start", to = "trim" }, new { from = "trim", to = "end" } });
        foreach (var (key, name) in new[] { ("tara", "Tara Trim"), ("tomas", "Tomas Trim") })
            (await program.PostAsJsonAsync("/api/v1/agents", new { key, name, kind = "person", capabilities = new[] { new { name = "trimming" } }, wipLimit = 3 }))
                .EnsureSuccessStatusCode();
        var job = await program.StartJobAsync("trim-line", 3, "TRIM-7");

        await using var manager = await browser.PersonAsync(server);
        var page = manager.Page;
        await SignInAsync(page, DemoPeople.Manager, DemoPeople.Password);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Run", Exact = true }).ClickAsync();
        await WaitUntilInteractiveAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Control center · Run");
        // The board narrowed to the job: the filters are in the address, so it can be bookmarked.
        await page.GotoAsync($"/control/run?job={job}");
        await WaitUntilInteractiveAsync(page);
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("3 open work items at 1 step");
        var ready = page.GetByRole(AriaRole.List, new() { Name = "Trim, ready" });
        await Expect(ready.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(3);
        await ScreenshotAsync(page, "control-run-1-board");
        await ShouldHaveNoSeriousViolationsAsync(page, "the Run board");

        // Piece 1 goes to Tara, then back to the pool.
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Assign TRIM-7-001") }).ClickAsync();
        await ChooseAsync(page, page.GetByLabel("Assign to"), page.GetByRole(AriaRole.Option, new() { NameRegex = new Regex("^Tara Trim") }));
        await ScreenshotAsync(page, "control-run-2-assign");
        await ShouldHaveNoSeriousViolationsAsync(page, "the assign form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm assignment" }).ClickAsync();
        var assigned = page.GetByRole(AriaRole.List, new() { Name = "Trim, assigned" });
        await Expect(assigned).ToContainTextAsync("TRIM-7-001");
        await Expect(assigned).ToContainTextAsync("tara");
        (await program.GetFromJsonAsync<JsonObject>($"/api/v1/work-items?job={job}&state=assigned"))!["items"]!.AsArray().Single()!["agent"]!
            .GetValue<string>().ShouldBe("tara");

        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Requeue TRIM-7-001") }).ClickAsync();
        await Expect(ready.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(3);
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Trim, assigned" })).ToHaveCountAsync(0);

        // Pieces 2 and 3 are cancelled for good in one go.
        await page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^Select TRIM-7-002") }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^Select TRIM-7-003") }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel selected" }).ClickAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "For good: no replacement" }).CheckAsync();
        await ScreenshotAsync(page, "control-run-3-bulk-cancel");
        await ShouldHaveNoSeriousViolationsAsync(page, "the bulk cancel form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm cancellation" }).ClickAsync();
        await Expect(ready.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);
        await Expect(ready).ToContainTextAsync("TRIM-7-001");

        var tokens = (await program.GetFromJsonAsync<JsonArray>($"/api/v1/jobs/{job}/tokens"))!;
        tokens.Count(t => t!["state"]!.GetValue<string>() == "cancelled").ShouldBe(2);
        tokens.Single(t => t!["serial"]!.GetValue<int>() == 1)!["state"]!.GetValue<string>().ShouldBe("active");
    }
}
