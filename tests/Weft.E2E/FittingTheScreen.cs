using Weft.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Weft.E2E.Infrastructure.Screenshots;
using static Weft.E2E.Infrastructure.Sessions;

namespace Weft.E2E;

/// <summary>The layout fits a laptop's screen and a tablet's, without sideways scrolling.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FittingTheScreen(SharedBrowser browser, WeftServer server) : IClassFixture<WeftServer>
{
    [Fact]
    public async Task The_layout_works_at_1280x800_and_on_a_tablet()
    {
        foreach (var (device, width, height) in new[] { ("laptop", 1280, 800), ("tablet", 768, 1024) })
        {
            await using var mona = await browser.PersonAsync(server, width, height);
            var page = mona.Page;
            await SignInAsync(page, DemoPeople.Manager, DemoPeople.Password);

            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            overflow.ShouldBeLessThanOrEqualTo(0, $"home should not scroll sideways on a {device} ({width}×{height})");
            var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
            var main = page.GetByRole(AriaRole.Main);
            await Expect(nav).ToBeInViewportAsync();
            await Expect(main).ToBeInViewportAsync();
            await Expect(main.GetByRole(AriaRole.Heading, new() { Name = $"Hello, {DemoPeople.Manager}", Level = 1 })).ToBeInViewportAsync();
            var navBox = (await nav.BoundingBoxAsync())!;
            var mainBox = (await main.BoundingBoxAsync())!;
            mainBox.X.ShouldBeGreaterThanOrEqualTo(navBox.X + navBox.Width, $"the navigation should not cover the content on a {device}");
            await ScreenshotAsync(page, $"layout-{device}-{width}x{height}");
        }
    }
}
