using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Weft.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Weft.E2E.Infrastructure.Accessibility;
using static Weft.E2E.Infrastructure.LivePages;
using static Weft.E2E.Infrastructure.Screenshots;
using static Weft.E2E.Infrastructure.Sessions;

namespace Weft.E2E;

/// <summary>An admin runs the tenant from the browser: people, their agents, keys for programs, the audit trail.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdministeringTheTenant(SharedBrowser browser, WeftServer server) : IClassFixture<WeftServer>
{
    [Fact]
    public async Task An_admin_adds_an_operator_with_an_agent_and_a_key_seen_once_and_finds_both_in_the_audit_trail()
    {
        await using var ada = await browser.PersonAsync(server);
        var page = ada.Page;
        await ada.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = server.Address.ToString().TrimEnd('/') });
        await SignInAsync(page, DemoPeople.Admin, DemoPeople.Password);

        // People: a new operator who works items as the demo craftsman Bruno.
        await OpenFromNavigationAsync(page, "People");
        await page.GetByRole(AriaRole.Button, new() { Name = "New person" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Email").FillAsync("olga@weft.demo");
        await dialog.GetByLabel("Name").FillAsync("Olga Ops");
        await dialog.GetByLabel("First password").FillAsync("olga-password-1");
        await dialog.GetByRole(AriaRole.Radio, new() { Name = "operator" }).CheckAsync();
        await dialog.GetByRole(AriaRole.Radio, new() { Name = "Existing agent" }).CheckAsync();
        await dialog.GetByLabel("Agent to act as").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Bruno Costa (bruno)" }).ClickAsync();
        await ScreenshotAsync(page, "admin-1-new-person");
        await ShouldHaveNoSeriousViolationsAsync(page, "the New person dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        var olga = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "olga@weft.demo" });
        await Expect(olga).ToContainTextAsync("operator");
        await Expect(olga).ToContainTextAsync("bruno");
        await ScreenshotAsync(page, "admin-2-people");

        // API keys: the key is shown once, copied, then only its prefix is ever shown again.
        await OpenFromNavigationAsync(page, "API keys");
        await page.GetByRole(AriaRole.Button, new() { Name = "New API key" }).ClickAsync();
        dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name").FillAsync("nightly import");
        await dialog.GetByRole(AriaRole.Checkbox, new() { Name = "flow:read — Read the engine's state." }).CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var shown = dialog.GetByLabel("The new API key");
        await Expect(shown).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^wk\\.\\d+\\.\\d+\\..{32,}$"));
        var key = await shown.InputValueAsync();
        await ShouldHaveNoSeriousViolationsAsync(page, "the new API key dialog");
        await ScreenshotAsync(page, "admin-3-key-shown-once");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Copy key" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Status)).ToHaveTextAsync("Copied.");
        (await page.EvaluateAsync<string>("() => navigator.clipboard.readText()")).ShouldBe(key);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "nightly import" });
        await Expect(row).ToContainTextAsync("flow:read");
        await Expect(row).ToContainTextAsync(key[..key.LastIndexOf('.')]);
        (await page.ContentAsync()).ShouldNotContain(key[(key.LastIndexOf('.') + 1)..], customMessage: "the secret is shown once, in the dialog, and never again");
        // The key works for a program.
        using (var program = new HttpClient { BaseAddress = server.Address })
        {
            program.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "ApiKey " + key);
            (await program.GetFromJsonAsync<JsonObject>("/api/v1/auth/me"))!["permissions"]!.AsArray().Select(p => p!.GetValue<string>()).ShouldBe(["flow:read"]);
        }

        // The audit trail has both, found by type.
        await OpenFromNavigationAsync(page, "Audit trail");
        await page.GetByLabel("Type").FillAsync("user_created");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "olga@weft.demo" })).ToContainTextAsync(DemoPeople.Admin);
        await page.GetByLabel("Type").FillAsync("api_key_created");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "nightly import" })).ToContainTextAsync(DemoPeople.Admin);
        await ScreenshotAsync(page, "admin-4-audit-trail");

        // Olga signs in: no administration, and her work is Bruno's.
        await using var olgaAtWork = await browser.PersonAsync(server);
        await SignInAsync(olgaAtWork.Page, "olga@weft.demo", "olga-password-1");
        var nav = olgaAtWork.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Expect(nav.GetByRole(AriaRole.Heading, new() { Name = "Administration" })).ToHaveCountAsync(0);
        await OpenFromNavigationAsync(olgaAtWork.Page, "My work");
        await Expect(olgaAtWork.Page.GetByRole(AriaRole.Main)).ToContainTextAsync("bruno");
        await ScreenshotAsync(olgaAtWork.Page, "admin-5-olga-at-work");
    }

    [Fact]
    public async Task A_page_open_in_one_browser_shows_within_a_second_what_another_browser_or_a_program_changes()
    {
        await using var watching = await browser.PersonAsync(server);
        await SignInAsync(watching.Page, DemoPeople.Admin, DemoPeople.Password);
        await OpenFromNavigationAsync(watching.Page, "People");
        await using var changing = await browser.PersonAsync(server);
        await SignInAsync(changing.Page, DemoPeople.Admin, DemoPeople.Password);
        await OpenFromNavigationAsync(changing.Page, "People");

        // Another browser adds a person: the open page shows them without a reload.
        await changing.Page.GetByRole(AriaRole.Button, new() { Name = "New person" }).ClickAsync();
        var dialog = changing.Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Email").FillAsync("pia@weft.demo");
        await dialog.GetByLabel("First password").FillAsync("pia-password-1");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        var clock = Stopwatch.StartNew();
        var pia = watching.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "pia@weft.demo" });
        await Expect(pia).ToBeVisibleAsync(new() { Timeout = 1000 });
        Console.WriteLine($"The other browser's change showed after {clock.ElapsedMilliseconds} ms");
        await ScreenshotAsync(watching.Page, "live-1-added-elsewhere");

        // A program disables her through the API: the open page shows it too.
        using var program = new HttpClient { BaseAddress = server.Address };
        var token = (await (await program.PostAsJsonAsync("/api/v1/auth/token", new { email = DemoPeople.Admin, password = DemoPeople.Password }))
            .Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        program.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var users = (await program.GetFromJsonAsync<JsonObject>("/api/v1/users?limit=500"))!["items"]!.AsArray();
        var id = users.Single(u => u!["email"]!.GetValue<string>() == "pia@weft.demo")!["id"]!.GetValue<long>();
        (await program.PatchAsJsonAsync($"/api/v1/users/{id}", new { disabled = true })).EnsureSuccessStatusCode();
        clock.Restart();
        await Expect(pia).ToContainTextAsync("disabled", new() { Timeout = 1000 });
        Console.WriteLine($"The program's change showed after {clock.ElapsedMilliseconds} ms");
        await ScreenshotAsync(watching.Page, "live-2-changed-by-a-program");
        await Expect(watching.Page.Locator(".weft-live")).ToHaveAttributeAsync("data-live", "connected");
    }

    private static async Task OpenFromNavigationAsync(IPage page, string entry)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = entry, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);
    }
}
