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

/// <summary>An operator fails a QC check from My work and says what failed; the finding is kept with the work item.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FailingQualityChecksFromMyWork(SharedBrowser browser, WeftServer server) : IClassFixture<WeftServer>
{
    [Fact]
    public async Task An_operator_fails_a_check_with_a_note_that_stays_on_the_item()
    {
        // A program (the manager's token) publishes a one-check routing and starts a job; Alice, the demo operator, can cut.
        using var program = await Programs.SignedInAsync(server, DemoPeople.Manager);
        await program.PublishGraphAsync("edge-check", "Edge check",
            new object[]
            {
                new { key = "start", type = "start" }, new { key = "inspect", type = "qc", name = "Check edges", capability = "cutting" },
                new { key = "end", type = "end" },
            },
            new object[] { new { from = "start", to = "inspect" }, new { from = "inspect", to = "end", outcome = "pass" } });
        // Alice holds the demo's cutting up to her work-in-progress limit; a higher one gives her the waiting cutting and room to spare.
        (await program.PatchAsJsonAsync("/api/v1/agents/alice", new { wipLimit = 50 })).EnsureSuccessStatusCode();
        var job = await program.StartJobAsync("edge-check", 1, "EDGE-1");

        await using var alice = await browser.PersonAsync(server);
        var page = alice.Page;
        await SignInAsync(page, DemoPeople.Operator, DemoPeople.Password);
        await page.GotoAsync("/work");
        await WaitUntilInteractiveAsync(page);
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Claim EDGE-1") }).ClickAsync();
        await ScreenshotAsync(page, "work-qc-claimed");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Start EDGE-1") }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Fail: complete EDGE-1") }).ClickAsync();
        await page.GetByLabel("What failed").FillAsync("Edge paint cracked at the corner");
        await ScreenshotAsync(page, "work-qc-fail-note");
        await ShouldHaveNoSeriousViolationsAsync(page, "the QC failure form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm fail" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Fail: complete EDGE-1") })).ToHaveCountAsync(0);

        var done = (await program.GetFromJsonAsync<JsonObject>($"/api/v1/work-items?job={job}&state=completed"))!["items"]!.AsArray().Single()!;
        done["outcome"]!.GetValue<string>().ShouldBe("fail");
        done["note"]!.GetValue<string>().ShouldBe("Edge paint cracked at the corner");
    }
}
