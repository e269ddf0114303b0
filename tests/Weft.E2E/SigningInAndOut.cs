using Weft.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Weft.E2E.Infrastructure.Accessibility;
using static Weft.E2E.Infrastructure.KeyboardFocus;
using static Weft.E2E.Infrastructure.LivePages;
using static Weft.E2E.Infrastructure.Screenshots;

namespace Weft.E2E;

/// <summary>People sign in with the form, find their way with the keyboard alone, and sign out.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SigningInAndOut(SharedBrowser browser, WeftServer server) : IClassFixture<WeftServer>
{
    [Fact]
    public async Task A_person_signs_in_and_moves_around_by_keyboard_alone()
    {
        await using var ada = await browser.PersonAsync(server);
        var page = ada.Page;
        await page.GotoAsync("/sign-in");

        // Tab to Email (the cursor may already be there), type; Tab to Password, type; Enter sends the form.
        await PressUntilFocusedAsync(page, "Tab", page.GetByLabel("Email", new() { Exact = true }), maxPresses: 5);
        await ShouldShowFocusAsync(page);
        await page.Keyboard.TypeAsync(DemoPeople.Admin);
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Password", new() { Exact = true })).ToBeFocusedAsync();
        await ShouldShowFocusAsync(page);
        await page.Keyboard.TypeAsync(DemoPeople.Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await WaitUntilInteractiveAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Hello, {DemoPeople.Admin}", Level = 1 })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "keyboard-1-home");

        // The first Tab stop is the skip link, shown once focused; Enter takes the focus to the main content.
        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" });
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeInViewportAsync();
        await ShouldShowFocusAsync(page);
        await ScreenshotAsync(page, "keyboard-2-skip-link");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Main)).ToBeFocusedAsync();

        // Back through the navigation (an admin's has some forty links, every module's) to the account menu; Enter opens it, Tab reaches Sign out, Enter signs out.
        var menu = page.GetByLabel($"Account menu of {DemoPeople.Admin}", new() { Exact = true });
        await PressUntilFocusedAsync(page, "Shift+Tab", menu, maxPresses: 80);
        await page.Keyboard.PressAsync("Enter");
        var signOut = page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true });
        await Expect(signOut).ToBeVisibleAsync();
        await PressUntilFocusedAsync(page, "Tab", signOut, maxPresses: 5);
        await ScreenshotAsync(page, "keyboard-3-account-menu");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/sign-in");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Weft", Level = 1 })).ToBeVisibleAsync();

        // Signed out for real: home sends the person back to the form.
        await page.GotoAsync("/");
        new Uri(page.Url).AbsolutePath.ShouldBe("/sign-in");
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message()
    {
        await using var mallory = await browser.PersonAsync(server);
        var page = mallory.Page;
        await page.GotoAsync("/sign-in");

        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(DemoPeople.Admin);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("not-the-password");
        var answer = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync(),
            r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath == "/sign-in");

        answer.Status.ShouldBe(401);
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The email or password is not right.");
        await Expect(page.GetByLabel("Email", new() { Exact = true })).ToHaveValueAsync(DemoPeople.Admin);
        await Expect(page.GetByLabel("Password", new() { Exact = true })).ToBeEmptyAsync();
        await ScreenshotAsync(page, "wrong-password");
        await ShouldHaveNoSeriousViolationsAsync(page, "/sign-in after a wrong password");

        // No session came of it.
        await page.GotoAsync("/");
        new Uri(page.Url).AbsolutePath.ShouldBe("/sign-in");
    }
}
