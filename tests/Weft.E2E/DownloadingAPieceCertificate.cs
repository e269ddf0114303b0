using UglyToad.PdfPig;
using Weft.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Weft.E2E.Infrastructure.LivePages;
using static Weft.E2E.Infrastructure.Screenshots;
using static Weft.E2E.Infrastructure.Sessions;

namespace Weft.E2E;

/// <summary>
/// A manager downloads the certificate of a finished piece from its order's page: the PDF names the people who made it
/// and tells its remake after a failed inspection (the demo's order MO-00006 was made on first start).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DownloadingAPieceCertificate(SharedBrowser browser, WeftServer server) : IClassFixture<WeftServer>
{
    [Fact]
    public async Task The_certificate_of_a_made_piece_names_its_makers_and_its_remake()
    {
        await using var manager = await browser.PersonAsync(server);
        var page = manager.Page;
        await SignInAsync(page, DemoPeople.Manager, DemoPeople.Password);
        await page.GotoAsync("/production/orders/6");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("MO-00006");
        await WaitUntilInteractiveAsync(page);
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("completed");
        await ScreenshotAsync(page, "production-6-made-order");

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Certificate of MO-00006-001 (PDF)" }).ClickAsync());
        var file = Path.Combine(Path.GetTempPath(), $"weft-certificate-{Guid.NewGuid():N}.pdf");
        try
        {
            await download.SaveAsAsync(file);
            using var pdf = PdfDocument.Open(file);
            var text = string.Join("\n", pdf.GetPages().Select(p => p.Text));
            // The demo's people who stitched, painted and inspected it (the cutter is whoever the engine gave the cutting to).
            text.ShouldContain("Made by:");
            foreach (var maker in new[] { "Emma Laurent", "Inès Girard", "Greta Lind" })
                text.ShouldContain(maker);
            text.ShouldContain("MO-00006-001");
            text.ShouldContain("FAIL");
            text.ShouldContain("Keeper stitching");
            text.ShouldContain("Verification");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
