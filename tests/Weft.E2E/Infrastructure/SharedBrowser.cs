namespace Weft.E2E.Infrastructure;

/// <summary>
/// The one Chromium of a test run (Debian's, since Playwright cannot download its own here), shared by
/// every test class of <see cref="BrowserCollection"/>; each person gets a context of their own.
/// </summary>
public sealed class SharedBrowser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private static readonly string[] Arguments = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];

    private IPlaywright? playwright;
    private IBrowser? browser;
    private string executable = ChromiumPath;

    public IBrowser Browser => browser ?? throw new InvalidOperationException("Chromium has not started.");

    public async Task InitializeAsync()
    {
        executable = Environment.GetEnvironmentVariable("WEFT_E2E_CHROMIUM") is { Length: > 0 } p ? p : ChromiumPath;
        if (!File.Exists(executable))
            throw new InvalidOperationException($"Chromium was not found at {executable}: apt-get install chromium (.ci/run does).");
        Assertions.SetDefaultExpectTimeout(15_000);
        Screenshots.Clear();
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = executable,
            Headless = true,
            Args = Arguments,
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

    /// <summary>
    /// A new person whose browser keeps a profile in a folder of its own (a Chromium of its own, with a persistent context), as
    /// the browser a person installs an app from does: Chromium will not install from the off-the-record contexts that
    /// <see cref="PersonAsync"/> gives ("in-incognito"). The folder goes when the person is disposed.
    /// </summary>
    public async Task<Person> PersonWithAProfileAsync(WeftServer server, int width = 1280, int height = 800)
    {
        var folder = Path.Combine(Path.GetTempPath(), "weft-e2e-profiles", Guid.NewGuid().ToString("N"));
        var context = await (playwright ?? throw new InvalidOperationException("Playwright has not started.")).Chromium.LaunchPersistentContextAsync(folder, new()
        {
            ExecutablePath = executable,
            Headless = true,
            Args = Arguments,
            BaseURL = server.Address.ToString(),
            ViewportSize = new() { Width = width, Height = height },
            Locale = "en-GB",
        });
        context.SetDefaultTimeout(30_000);
        var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
        return new Person(context, page, folder);
    }

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
        playwright?.Dispose();
    }
}
