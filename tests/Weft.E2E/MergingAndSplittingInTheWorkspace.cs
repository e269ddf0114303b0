using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Weft.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Weft.E2E.Infrastructure.Accessibility;
using static Weft.E2E.Infrastructure.LivePages;
using static Weft.E2E.Infrastructure.Screenshots;
using static Weft.E2E.Infrastructure.Sessions;

namespace Weft.E2E;

/// <summary>
/// Ana wrote twice about the same parcel. Alice, on the team, answers the first with a return label attached, merges
/// it into the second (whose page then shows both), and splits Ana's billing question off into a conversation of its own.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MergingAndSplittingInTheWorkspace(SharedBrowser browser, WeftServer server) : IClassFixture<WeftServer>
{
    [Fact]
    public async Task An_agent_attaches_a_label_merges_a_duplicate_and_splits_a_question_off()
    {
        long first, second, secondNumber;
        using (var api = await Programs.SignedInAsync(server, DemoPeople.Admin))
        {
            first = await StartAsync(api, "My parcel 7731 is lost, where is it?");
            (second, secondNumber) = await StartWithNumberAsync(api, "Parcel 7731 never arrived.");
            using var billing = await api.PostAsJsonAsync($"/api/v1/support/conversations/{second}/messages",
                new { kind = "customer", body = "And can you change my billing address to Rua Nova 5?" });
            billing.IsSuccessStatusCode.ShouldBeTrue(await billing.Content.ReadAsStringAsync());
        }

        await using var alice = await browser.PersonAsync(server);
        var page = alice.Page;
        await SignInAsync(page, DemoPeople.Operator, DemoPeople.Password);
        await page.GotoAsync($"/support/conversations/{first}?view=open");
        var main = page.GetByRole(AriaRole.Main);
        await Expect(main.GetByRole(AriaRole.Heading, new() { Level = 2, NameRegex = new("My parcel 7731") })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);

        // A reply with a file: chosen, uploaded at once, and sent with the reply.
        await main.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "return-label.pdf", MimeType = "application/pdf", Buffer = Encoding.ASCII.GetBytes("%PDF-1.4\n% a return label\n%%EOF\n"),
        });
        await Expect(main.GetByRole(AriaRole.List, new() { Name = "Files to send" })).ToContainTextAsync("return-label.pdf");
        await main.GetByLabel("Your message").FillAsync("Sorry, Ana! Here is a return label.");
        await main.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        var messages = main.GetByRole(AriaRole.Log, new() { Name = "Messages" });
        await Expect(messages.GetByRole(AriaRole.Link, new() { Name = "return-label.pdf" })).ToBeVisibleAsync();
        await Expect(main.GetByRole(AriaRole.List, new() { Name = "Files to send" })).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "support-files-1-reply-with-a-file");
        await ShouldHaveNoSeriousViolationsAsync(page, "the workspace with a file on a reply");

        // Merged into the second conversation, which then holds both.
        await main.GetByRole(AriaRole.Button, new() { Name = "Merge into…" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Merge into conversation number").FillAsync(secondNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await ScreenshotAsync(page, "support-files-2-merge-dialog");
        await ShouldHaveNoSeriousViolationsAsync(page, "the merge dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Merge", Exact = true }).ClickAsync();
        await Expect(main.GetByRole(AriaRole.Heading, new() { Level = 2, NameRegex = new("Parcel 7731 never arrived") })).ToBeVisibleAsync();
        await Expect(messages).ToContainTextAsync("My parcel 7731 is lost, where is it?");
        await Expect(messages).ToContainTextAsync("was merged into this one");
        await Expect(messages.GetByRole(AriaRole.Link, new() { Name = "return-label.pdf" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "support-files-3-merged");

        // The billing question goes off on its own.
        await WaitUntilInteractiveAsync(page);
        await main.GetByRole(AriaRole.Button, new() { Name = "Split off…" }).ClickAsync();
        dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel(new System.Text.RegularExpressions.Regex("billing address")).CheckAsync();
        await dialog.GetByLabel("Subject of the new conversation").FillAsync("Billing address");
        await ScreenshotAsync(page, "support-files-4-split-dialog");
        await ShouldHaveNoSeriousViolationsAsync(page, "the split dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Split off", Exact = true }).ClickAsync();
        await Expect(main.GetByRole(AriaRole.Heading, new() { Level = 2, NameRegex = new("Billing address") })).ToBeVisibleAsync();
        await Expect(messages).ToContainTextAsync("change my billing address");
        await Expect(messages).ToContainTextAsync($"Split from conversation #{secondNumber}");
        await ScreenshotAsync(page, "support-files-5-split");
    }

    private static async Task<long> StartAsync(HttpClient api, string message) => (await StartWithNumberAsync(api, message)).Id;

    private static async Task<(long Id, long Number)> StartWithNumberAsync(HttpClient api, string message)
    {
        using var started = await api.PostAsJsonAsync("/api/v1/support/conversations", new { customer = new { name = "Ana Lima", email = "ana.lima@example.com" }, message });
        var body = JsonNode.Parse(await started.Content.ReadAsStringAsync())!;
        started.IsSuccessStatusCode.ShouldBeTrue(body.ToJsonString());
        return (body["conversation"]!["id"]!.GetValue<long>(), body["conversation"]!["number"]!.GetValue<long>());
    }
}
