using System.Net.Http.Json;
using System.Text;
using Weft.E2E.Infrastructure;
using static Weft.E2E.Infrastructure.Accessibility;
using static Weft.E2E.Infrastructure.LivePages;
using static Weft.E2E.Infrastructure.Screenshots;
using static Weft.E2E.Infrastructure.Sessions;

namespace Weft.E2E;

/// <summary>
/// Every demo person walks through the pages they can reach in the light theme, side by side in contexts of their own, and
/// axe checks each; the admin (who sees the most on each page) and the viewer (who meets the forbidden page and the read-only
/// views) walk the dark theme's list too. All serious and critical violations are listed together at the end.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SweepingForAccessibility(SharedBrowser browser, WeftServer server) : IClassFixture<WeftServer>
{
    private static readonly string[] InTheDark = [DemoPeople.Admin, DemoPeople.Viewer];

    [Fact]
    public async Task No_page_has_a_serious_or_critical_accessibility_violation()
    {
        await MakeAKnowledgeBaseAsync();
        await MakeACatalogAsync();
        await MakePurchasesAsync();
        await MakeASignInProviderAsync();
        var found = await Task.WhenAll(DemoPeople.Everyone.Select(SweepAsync));
        var all = found.SelectMany(f => f).ToList();
        if (all.Count > 0) Assert.Fail(Describe(all));
    }

    /// <summary>One person's walk; the sign-in form, the same for everyone, is checked by the admin in either theme.</summary>
    private async Task<IReadOnlyList<AccessibilityViolation>> SweepAsync(string email)
    {
        var found = new List<AccessibilityViolation>();
        await using var person = await browser.PersonAsync(server);
        var page = person.Page;
        var who = DemoPeople.ShortName(email);
        var checksSignIn = email == DemoPeople.Admin;

        await page.GotoAsync("/sign-in");
        if (checksSignIn) found.AddRange(await CheckAsync(page, who, "light"));
        await SignInAsync(page, email, DemoPeople.Password);
        var pages = (await NavigationLinksAsync(page)).Prepend("/").Concat(SweptPages.BeyondTheNavigation).Distinct();
        foreach (var path in pages) found.AddRange(await VisitAsync(page, path, who, "light"));
        if (!InTheDark.Contains(email)) return found;

        await SwitchThemeAsync(page, "dark");
        foreach (var path in SweptPages.InTheDarkTheme) found.AddRange(await VisitAsync(page, path, who, "dark"));
        await SignOutAsync(page, email);
        if (checksSignIn) found.AddRange(await CheckAsync(page, who, "dark"));
        return found;
    }

    /// <summary>A sign-in provider, so the sign-in page shows its button and the providers page a row (nobody signs in with it).</summary>
    private async Task MakeASignInProviderAsync()
    {
        using var admin = await Programs.SignedInAsync(server, DemoPeople.Admin);
        (await admin.PostAsJsonAsync("/api/v1/sign-in-providers",
            new { key = "google", name = "Google", kind = "google", clientId = "sweep.apps.googleusercontent.com", clientSecret = "sweep-secret" }))
            .EnsureSuccessStatusCode();
    }

    /// <summary>The demo has no knowledge base: the admin's program makes one, with a Markdown document, by the API.</summary>
    private async Task MakeAKnowledgeBaseAsync()
    {
        using var admin = await Programs.SignedInAsync(server, DemoPeople.Admin);
        (await admin.PostAsJsonAsync("/api/v1/ai/knowledge", new { key = SweptPages.KnowledgeBase, name = "Workshop handbook", embeddingModel = "" }))
            .EnsureSuccessStatusCode();
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent("# Workshop handbook\n\n## Leather\n\nFull-grain leather is cut along the spine.\n", Encoding.UTF8, "text/markdown"),
            "file", "handbook.md");
        (await admin.PostAsync($"/api/v1/ai/knowledge/{SweptPages.KnowledgeBase}/documents", form)).EnsureSuccessStatusCode();
    }

    /// <summary>The demo has no catalog yet: the admin's program makes a warehouse with a zone and bins, a product with stock, a pending count, and a notice to receive.</summary>
    private async Task MakeACatalogAsync()
    {
        using var admin = await Programs.SignedInAsync(server, DemoPeople.Admin);
        foreach (var (url, body) in new (string, object)[]
        {
            ("/api/v1/commerce/warehouses", new { key = SweptPages.Warehouse, name = "Main warehouse" }),
            ($"/api/v1/commerce/warehouses/{SweptPages.Warehouse}/locations", new { code = "A", type = "view", name = "Zone A" }),
            ($"/api/v1/commerce/warehouses/{SweptPages.Warehouse}/locations", new { code = "A-01", type = "storage", parent = $"{SweptPages.Warehouse}/A", capacity = 100 }),
            ("/api/v1/commerce/products", new
            {
                key = SweptPages.Product, name = "T-shirt", unit = "unit", category = "Apparel",
                variants = new[] { new { sku = "TEE-M", barcode = "4006381333931", cost = 4m, price = 19.9m } },
            }),
            ("/api/v1/commerce/moves", new { reason = "receipt", reference = "PO-1", lines = new[] { new { sku = "TEE-M", quantity = 10, to = $"{SweptPages.Warehouse}/A/A-01", unitCost = 4m } } }),
            ("/api/v1/commerce/counts", new { location = $"{SweptPages.Warehouse}/A/A-01", lines = new[] { new { sku = "TEE-M", counted = 9 } } }),
            ($"/api/v1/commerce/warehouses/{SweptPages.Warehouse}/locations", new { code = "R", type = "receiving" }),
            ($"/api/v1/commerce/warehouses/{SweptPages.Warehouse}/locations", new { code = "Q", type = "quarantine" }),
        })
            (await admin.PostAsJsonAsync(url, body)).EnsureSuccessStatusCode();
        // Goods on their way, waiting to be received: the inbound pages' notice.
        await InboundNotices.AnnounceAsync(admin, "north-supplies", SweptPages.Warehouse, ("TEE-M", 5, null));
    }

    /// <summary>A supplier of the catalog's T-shirt, a rule that finds its stock low (a suggestion on the board), and a draft purchase order.</summary>
    private async Task MakePurchasesAsync()
    {
        using var admin = await Programs.SignedInAsync(server, DemoPeople.Admin);
        foreach (var (method, url, body) in new (HttpMethod, string, object)[]
        {
            (HttpMethod.Post, "/api/v1/commerce/suppliers", new { key = SweptPages.Supplier, name = "Acme Textiles", email = "orders@acme.test", contactName = "Ada" }),
            (HttpMethod.Put, $"/api/v1/commerce/suppliers/{SweptPages.Supplier}/products", new
            {
                sku = "TEE-M", supplierSku = "AC-TEE-M", unitPrice = 4m, packSize = 12, priceBreaks = new[] { new { fromQuantity = 100m, unitPrice = 3.5m } },
            }),
            (HttpMethod.Put, "/api/v1/commerce/replenishment/rules", new { sku = "TEE-M", warehouse = SweptPages.Warehouse, policy = "min_max", min = 20, max = 60 }),
            (HttpMethod.Post, "/api/v1/commerce/replenishment/plan", new { }),
            (HttpMethod.Post, "/api/v1/commerce/purchase-orders",
                new { supplier = SweptPages.Supplier, warehouse = SweptPages.Warehouse, lines = new[] { new { sku = "TEE-M", quantity = 24 } } }),
        })
        {
            using var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
            (await admin.SendAsync(request)).EnsureSuccessStatusCode();
        }
    }

    /// <summary>The addresses of the person's navigation, as the layout shows them.</summary>
    private static async Task<IReadOnlyList<string>> NavigationLinksAsync(IPage page) =>
        (await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link)
            .EvaluateAllAsync<string[]>("links => links.map(a => new URL(a.href).pathname)"))
        .Distinct().ToList();

    private static async Task<IReadOnlyList<AccessibilityViolation>> VisitAsync(IPage page, string path, string who, string theme)
    {
        await page.GotoAsync(path);
        await WaitUntilInteractiveAsync(page);
        return await CheckAsync(page, who, theme);
    }

    /// <summary>
    /// axe's findings on the page; its picture is taken for the admin (who sees the most of every page) in either theme, and for
    /// anyone on a page with a finding, so each finding has the page it was seen on beside it.
    /// </summary>
    private static async Task<IReadOnlyList<AccessibilityViolation>> CheckAsync(IPage page, string who, string theme)
    {
        var path = new Uri(page.Url).AbsolutePath;
        var name = path == "/" ? "home" : path.Trim('/').Replace('/', '-');
        var found = await SeriousViolationsAsync(page, $"{path} ({who}, {theme})");
        if (who == DemoPeople.ShortName(DemoPeople.Admin) || found.Count > 0) await ScreenshotAsync(page, $"a11y-{who}-{theme}-{name}");
        return found;
    }
}
