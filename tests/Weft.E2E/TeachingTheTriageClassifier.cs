using System.Text;
using Weft.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Weft.E2E.Infrastructure.Accessibility;
using static Weft.E2E.Infrastructure.LivePages;
using static Weft.E2E.Infrastructure.Screenshots;
using static Weft.E2E.Infrastructure.Sessions;

namespace Weft.E2E;

/// <summary>
/// A support manager teaches triage the shop's intents: the first file has an empty text, the page names its row and
/// adds nothing; the corrected file adds its examples, she trains, reads the held-out accuracy and the confusions, and
/// tries a customer's sentence.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TeachingTheTriageClassifier(SharedBrowser browser, WeftServer server) : IClassFixture<WeftServer>
{
    private static string Examples(string firstText) => string.Join("\r\n",
    [
        "text,intent",
        $"{firstText},refund",
        .. new[] { "please refund my order", "refund the payment for this order", "can I get a refund", "the refund has not arrived",
            "how do I get my money back", "return the money to my card", "I was charged and want a refund" }.Select(t => $"{t},refund"),
        .. new[] { "where is my parcel", "my package has not arrived", "when will my order be delivered", "track my delivery",
            "the courier did not come", "parcel is late", "delivery status of my order", "has my package shipped yet" }.Select(t => $"{t},delivery"),
        "",
    ]);

    [Fact]
    public async Task A_manager_uploads_examples_trains_the_classifier_and_tries_it()
    {
        await using var mia = await browser.PersonAsync(server);
        var page = mia.Page;
        await SignInAsync(page, DemoPeople.Manager, DemoPeople.Password);
        var main = page.GetByRole(AriaRole.Main);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Triage", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Triage", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);
        await Expect(main).ToContainTextAsync("No examples yet.");

        var file = page.GetByLabel("Upload examples (CSV)", new() { Exact = true });
        await file.SetInputFilesAsync(Csv(Examples("")));
        await Expect(main.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Nothing was added: 1 error in 1 row.");
        var errors = page.GetByRole(AriaRole.Table, new() { Name = "Errors in the file, by row" });
        await Expect(errors.GetByRole(AriaRole.Row).Nth(1).GetByRole(AriaRole.Rowheader)).ToHaveTextAsync("2");
        await ScreenshotAsync(page, "triage-1-file-refused");

        await file.SetInputFilesAsync(Csv(Examples("I want my money back")));
        await Expect(main).ToContainTextAsync("16 rows read: 16 added, 0 already there.");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Examples per intent" }).GetByRole(AriaRole.Rowheader)).ToHaveTextAsync(["delivery", "refund"]);

        await main.GetByRole(AriaRole.Button, new() { Name = "Train" }).ClickAsync();
        await Expect(main).ToContainTextAsync("Held-out accuracy:", new() { Timeout = 120_000 });
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Precision and recall per intent on the held-out examples" }).GetByRole(AriaRole.Rowheader))
            .ToHaveCountAsync(2);
        await ScreenshotAsync(page, "triage-2-trained");
        await ShouldHaveNoSeriousViolationsAsync(page, "a trained classifier's figures");

        await main.GetByLabel("Text to classify").FillAsync("my parcel is late again");
        await main.GetByRole(AriaRole.Button, new() { Name = "Classify" }).ClickAsync();
        await Expect(main).ToContainTextAsync("delivery");
        await ScreenshotAsync(page, "triage-3-tried");
    }

    private static FilePayload Csv(string text) => new() { Name = "examples.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(text) };
}
