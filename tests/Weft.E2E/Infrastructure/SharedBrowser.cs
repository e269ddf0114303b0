namespace Weft.E2E.Infrastructure;

/// <summary>
/// The one Chromium of a test run (Debian's, since Playwright cannot download its own here), shared by
/// every test class of <see cref="BrowserCollection"/>; each person gets a context of their own.
/// </summary>
public sealed class SharedBrowser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;
    private IBrowser? browser;

    public IBrowser Browser => browser ?? throw new InvalidOperationException("Chromium has not started.");

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("WEFT_E2E_CHROMIUM") is { Length: > 0 } p ? p : ChromiumPath;
        if (!File.Exists(executable))
            throw new InvalidOperationException($"Chromium was not found at {executable}: apt-get install chromium (.ci/run does).");
        Assertions.SetDefaultExpectTimeout(15_000);
        Screenshots.Clear();
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    /// <summary>A new person at <paramref name="server"/>: a browser context of their own (cookies, theme, viewport) with one page.</summary>
    public async Task<Person> PersonAsync(WeftServer server, int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = server.Address.ToString(),
            ViewportSize = new() { Width = width, Height = height },
            Locale = "en-GB",
        });
        context.SetDefaultTimeout(30_000);
        return new Person(context, await context.NewPageAsync());
    }

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
        playwright?.Dispose();
    }
}
