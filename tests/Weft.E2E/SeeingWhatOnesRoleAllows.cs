using Weft.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Weft.E2E.Infrastructure.LivePages;
using static Weft.E2E.Infrastructure.Screenshots;
using static Weft.E2E.Infrastructure.Sessions;

namespace Weft.E2E;

/// <summary>The navigation shows each person what their role allows, and a page it does not allow stays closed.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SeeingWhatOnesRoleAllows(SharedBrowser browser, WeftServer server) : IClassFixture<WeftServer>
{
    [Fact]
    public async Task The_operator_sees_a_home_without_administration()
    {
        await using var ada = await browser.PersonAsync(server);
        await SignInAsync(ada.Page, DemoPeople.Admin, DemoPeople.Password);
        var adminNav = ada.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Expect(adminNav.GetByRole(AriaRole.Heading, new() { Name = "Administration" })).ToBeVisibleAsync();
        await Expect(adminNav.GetByRole(AriaRole.Link, new() { Name = "Integration events" })).ToBeVisibleAsync();

        await using var alice = await browser.PersonAsync(server);
        var page = alice.Page;
        await SignInAsync(page, DemoPeople.Operator, DemoPeople.Password);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Hello, {DemoPeople.Operator}", Level = 1 })).ToBeVisibleAsync();
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Home", Exact = true })).ToBeVisibleAsync();
        await Expect(nav.GetByRole(AriaRole.Heading, new() { Name = "Administration" })).ToHaveCountAsync(0);
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Integration events" })).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "operator-home");

        // Typing the address of an administration page does not open it.
        await page.GotoAsync("/admin/events");
        await WaitUntilInteractiveAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Integration events" })).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "operator-admin-events-not-allowed");
    }
}
