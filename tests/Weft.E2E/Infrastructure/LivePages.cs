using static Microsoft.Playwright.Assertions;

namespace Weft.E2E.Infrastructure;

/// <summary>Waiting for a page of the app to be ready for a person, and proving its assets arrived.</summary>
public static class LivePages
{
    /// <summary>
    /// Waits until Blazor's script runs, the page's h1 shows inside main and no progress bar is left there, then
    /// checks that no script, style sheet or font failed to load. Live pages render without prerendering, so
    /// their h1 only appears once the interactive circuit has drawn them: seeing it proves the page is live.
    /// </summary>
    public static async Task WaitUntilInteractiveAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
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
        await Expect(main.GetByRole(AriaRole.Progressbar)).ToHaveCountAsync(0);
        // The browser asks for /favicon.ico on its own; the app's pages name no icon.
        var failed = await page.EvaluateAsync<string[]>(
            "() => performance.getEntriesByType('resource').filter(e => e.responseStatus >= 400 && !e.name.endsWith('/favicon.ico'))" +
            ".map(e => `${e.name} answered ${e.responseStatus}`)");
        failed.ShouldBeEmpty($"every asset of {page.Url} should load");
    }
}
