using static Microsoft.Playwright.Assertions;

namespace Weft.E2E.Infrastructure;

/// <summary>Waiting for a page of the app to be ready for a person, and proving its assets arrived.</summary>
public static class LivePages
{
    /// <summary>
    /// Waits until Blazor's script runs, the page's h1 shows inside main, a live page has connected (its frame
    /// says <c>data-live="connected"</c> once clicks reach the server; before that it shows its prerendered
    /// state) and no progress bar is left, then checks that no script, style sheet or font failed to load.
    /// </summary>
    public static async Task WaitUntilInteractiveAsync(IPage page)
    {
        // Pages of the app load Blazor's script; a plain document (the sign-in form, "not found") has none to wait for.
        await page.WaitForFunctionAsync(
            "() => document.readyState === 'complete' && (!document.querySelector('script[src*=\"blazor.web\"]') || window.Blazor !== undefined)");
        var main = page.GetByRole(AriaRole.Main);
        try
        {
            await Expect(main.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        }
        catch (PlaywrightException)
        {
            var errors = (await page.ConsoleMessagesAsync()).Where(m => m.Type == "error").Select(m => "\n  " + m.Text).Distinct();
            Assert.Fail($"{page.Url} did not become interactive: main shows no h1. The browser's console errors:{string.Concat(errors)}");
        }
        var live = page.Locator(".weft-live");
        if (await live.CountAsync() > 0)
        {
            try
            {
                await Expect(live.First).ToHaveAttributeAsync("data-live", "connected");
            }
            catch (PlaywrightException)
            {
                var errors = (await page.ConsoleMessagesAsync()).Where(m => m.Type == "error").Select(m => "\n  " + m.Text).Distinct();
                Assert.Fail($"{page.Url} did not connect: it still shows its prerendered state. The browser's console errors:{string.Concat(errors)}");
            }
        }
        await Expect(main.GetByRole(AriaRole.Progressbar)).ToHaveCountAsync(0);
        // The browser asks for /favicon.ico on its own where a page names no icon (the plain "not found" document).
        var failed = await page.EvaluateAsync<string[]>(
            "() => performance.getEntriesByType('resource').filter(e => e.responseStatus >= 400 && !e.name.endsWith('/favicon.ico'))" +
            ".map(e => `${e.name} answered ${e.responseStatus}`)");
        failed.ShouldBeEmpty($"every asset of {page.Url} should load");
    }

    /// <summary>
    /// Picks <paramref name="option"/> from a MudBlazor select: opens it and clicks the option, opening it again (at most
    /// three times) when the list did not show, as happens when a live page redraws the select while it opens.
    /// </summary>
    public static async Task ChooseAsync(IPage page, ILocator select, ILocator option)
    {
        for (var attempt = 1; ; attempt++)
        {
            await select.ClickAsync();
            try
            {
                await option.ClickAsync(new() { Timeout = 5_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
                await page.Keyboard.PressAsync("Escape");
            }
        }
    }
}
