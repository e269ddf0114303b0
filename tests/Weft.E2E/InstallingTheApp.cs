using System.Buffers.Binary;
using System.Text.Json;
using Weft.E2E.Infrastructure;
using Weft.Platform.Web.Ui;
using static Microsoft.Playwright.Assertions;
using static Weft.E2E.Infrastructure.Accessibility;
using static Weft.E2E.Infrastructure.LivePages;
using static Weft.E2E.Infrastructure.Screenshots;
using static Weft.E2E.Infrastructure.Sessions;

namespace Weft.E2E;

/// <summary>
/// The app installs as a web app: a manifest with real icons, a service worker that takes over the page and starts the
/// app to an offline page when the server is out of reach, and keeps nothing a person's session is answered with.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class InstallingTheApp(SharedBrowser browser, WeftServer server) : IClassFixture<WeftServer>
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task A_person_installs_the_app_which_starts_offline_and_keeps_none_of_their_data()
    {
        await using var ada = await browser.PersonWithAProfileAsync(server);
        var page = ada.Page;
        await page.GotoAsync("/sign-in");
        // Installable before signing in: the sign-in page links the manifest too.
        await Expect(page.Locator("link[rel=manifest]")).ToHaveCountAsync(1);
        await SignInAsync(page, DemoPeople.Operator, DemoPeople.Password);

        // The manifest the page links: Weft, standalone, the app bar's colour, and icons that are PNGs of their stated sizes.
        var manifestUrl = new Uri(new Uri(page.Url), await page.Locator("link[rel=manifest]").GetAttributeAsync("href"));
        var manifestAnswer = await ada.Context.APIRequest.GetAsync(manifestUrl.AbsoluteUri);
        manifestAnswer.Status.ShouldBe(200);
        using var manifest = JsonDocument.Parse(await manifestAnswer.TextAsync());
        var m = manifest.RootElement;
        m.GetProperty("name").GetString().ShouldBe("Weft");
        m.GetProperty("short_name").GetString().ShouldNotBeNullOrWhiteSpace();
        m.GetProperty("start_url").GetString().ShouldBe("/");
        m.GetProperty("scope").GetString().ShouldBe("/");
        m.GetProperty("display").GetString().ShouldBe("standalone");
        m.GetProperty("theme_color").GetString().ShouldBe(WeftTheme.AppBar);
        m.GetProperty("background_color").GetString().ShouldBe("#ffffff");
        var icons = new List<(string Sizes, string Purpose)>();
        foreach (var icon in m.GetProperty("icons").EnumerateArray())
        {
            var sizes = icon.GetProperty("sizes").GetString()!;
            var purpose = icon.TryGetProperty("purpose", out var p) ? p.GetString()! : "any";
            var url = new Uri(manifestUrl, icon.GetProperty("src").GetString());
            var answer = await ada.Context.APIRequest.GetAsync(url.AbsoluteUri);
            answer.Status.ShouldBe(200, url.AbsoluteUri);
            answer.Headers["content-type"].ShouldBe("image/png", url.AbsoluteUri);
            var (width, height) = PngSize(await answer.BodyAsync());
            $"{width}x{height}".ShouldBe(sizes, $"{url} is a PNG of the size the manifest states");
            icons.Add((sizes, purpose));
        }
        icons.ShouldContain(("192x192", "any"));
        icons.ShouldContain(("512x512", "any"));
        icons.ShouldContain(i => i.Purpose.Contains("maskable"));

        // The service worker registers and, once the page is loaded again, controls it.
        (await page.EvaluateAsync<string>("async () => (await navigator.serviceWorker.ready).active.scriptURL"))
            .ShouldBe(new Uri(new Uri(page.Url), "/service-worker.js").AbsoluteUri);
        await page.ReloadAsync();
        await WaitUntilInteractiveAsync(page);
        (await page.EvaluateAsync<bool>("() => navigator.serviceWorker.controller !== null")).ShouldBeTrue("the worker controls the page after a reload");

        // The worker is asked for afresh on every update check, and names its version.
        var worker = await ada.Context.APIRequest.GetAsync("/service-worker.js");
        worker.Headers["cache-control"].ShouldBe("no-cache");
        (await worker.TextAsync()).ShouldContain($"const VERSION = '{worker.Headers["etag"].Trim('"')}';");

        // An API request from the controlled page goes to the server, twice: the worker neither answers nor keeps it.
        for (var i = 0; i < 2; i++)
        {
            var api = await page.RunAndWaitForResponseAsync(
                () => page.EvaluateAsync("() => fetch('/api/v1/work-items?limit=1').then(r => r.text())"),
                r => new Uri(r.Url).AbsolutePath == "/api/v1/work-items");
            api.Status.ShouldBe(200);
            api.FromServiceWorker.ShouldBeFalse("an API answer never comes from the worker");
        }
        var kept = await page.EvaluateAsync<string[]>("""
            async () => {
              const paths = [];
              for (const name of await caches.keys())
                for (const request of await (await caches.open(name)).keys()) paths.push(new URL(request.url).pathname);
              return paths;
            }
            """);
        kept.ShouldContain("/offline");
        kept.ShouldAllBe(path => path == "/offline" || path.StartsWith("/_content/") || path.StartsWith("/_framework/"),
            "only the static shell and the offline page are kept: " + string.Join(", ", kept));

        // Chromium's own verdict (what its install button goes by): nothing stands in the way.
        var cdp = await ada.Context.NewCDPSessionAsync(page);
        var verdict = await cdp.SendAsync("Page.getInstallabilityErrors");
        verdict!.Value.GetProperty("installabilityErrors").EnumerateArray().Select(e => e.GetProperty("errorId").GetString()).ShouldBeEmpty();

        // With the server out of reach, opening the app shows the offline page from the worker, styled from the kept shell.
        await ada.Context.SetOfflineAsync(true);
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Weft is out of reach", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Try again" })).ToHaveAttributeAsync("href", "/");
        (await page.EvaluateAsync<bool>("() => [...document.querySelectorAll('link[rel=stylesheet]')].every(l => l.sheet?.cssRules.length > 0)"))
            .ShouldBeTrue("the style sheets came from the kept shell");
        await ScreenshotAsync(page, "installed-app-offline");
        await ShouldHaveNoSeriousViolationsAsync(page, "the offline page");

        // Back online, the same address is the person's page again, from the server.
        await ada.Context.SetOfflineAsync(false);
        await page.GotoAsync("/");
        await WaitUntilInteractiveAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Hello, {DemoPeople.Operator}", Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>The width and height a PNG's header states, after checking that it is a PNG.</summary>
    private static (int Width, int Height) PngSize(byte[] png)
    {
        png.Length.ShouldBeGreaterThan(24);
        png[..8].ShouldBe(PngSignature, "a PNG starts with its signature");
        System.Text.Encoding.ASCII.GetString(png, 12, 4).ShouldBe("IHDR");
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }
}
