namespace Weft.E2E.Infrastructure;

/// <summary>Moving by keyboard, and checking that a person can see where the focus is.</summary>
public static class KeyboardFocus
{
    private const string FocusStyle = """
        () => {
          const e = document.activeElement;
          if (!e || e === document.body) return null;
          const s = getComputedStyle(e);
          const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
          const shadow = s.boxShadow !== 'none';
          const label = e.getAttribute('aria-label') || e.textContent.trim().slice(0, 40);
          return { visible: outline || shadow, element: `<${e.tagName.toLowerCase()}> "${label}"` };
        }
        """;

    /// <summary>
    /// Presses <paramref name="key"/> (e.g. "Tab" or "Shift+Tab") until <paramref name="target"/> has the focus, at most
    /// <paramref name="maxPresses"/> times, checking that every element the focus passes shows it.
    /// </summary>
    public static async Task PressUntilFocusedAsync(IPage page, string key, ILocator target, int maxPresses)
    {
        for (var presses = 0; ; presses++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement")) return;
            if (presses == maxPresses)
                Assert.Fail($"{target} did not get the focus within {maxPresses} presses of {key}; the focus is on {await FocusedAsync(page)}.");
            await page.Keyboard.PressAsync(key);
            await ShouldShowFocusAsync(page);
        }
    }

    /// <summary>The focused element draws an outline or a shadow (what <c>:focus-visible</c> gives it).</summary>
    public static async Task ShouldShowFocusAsync(IPage page)
    {
        var focus = await page.EvaluateAsync<FocusState?>(FocusStyle);
        if (focus is { Visible: false }) Assert.Fail($"The focused element {focus.Element} shows no outline nor shadow.");
    }

    private static async Task<string> FocusedAsync(IPage page) =>
        (await page.EvaluateAsync<FocusState?>(FocusStyle))?.Element ?? "the page itself";

    /// <remarks>A class with setters: Playwright fills what a script returns into a new instance.</remarks>
    private sealed class FocusState
    {
        public bool Visible { get; set; }
        public string Element { get; set; } = "";
    }
}
