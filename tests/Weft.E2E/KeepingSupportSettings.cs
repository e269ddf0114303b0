using Weft.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Weft.E2E.Infrastructure.Accessibility;
using static Weft.E2E.Infrastructure.LivePages;
using static Weft.E2E.Infrastructure.Screenshots;
using static Weft.E2E.Infrastructure.Sessions;

namespace Weft.E2E;

/// <summary>
/// A support manager keeps the help desk's settings: she adds New York office hours (a misspelt time zone is refused and
/// adds nothing), a gold customers' SLA policy on them, cannot delete the calendar the policy uses, and lets the AI only
/// draft refunds for a person; a viewer reads the same settings without any button to change them.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class KeepingSupportSettings(SharedBrowser browser, WeftServer server) : IClassFixture<WeftServer>
{
    [Fact]
    public async Task A_manager_adds_business_hours_an_SLA_policy_and_an_AI_policy()
    {
        await using var mia = await browser.PersonAsync(server);
        var page = mia.Page;
        await SignInAsync(page, DemoPeople.Manager, DemoPeople.Password);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Support settings", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Support settings", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);
        var main = page.GetByRole(AriaRole.Main);
        var calendars = main.GetByRole(AriaRole.Table, new() { Name = "Business-hours calendars" });
        var policies = main.GetByRole(AriaRole.Table, new() { Name = "SLA policies" });
        await Expect(calendars.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync(["Lisbon office"]);
        await Expect(calendars.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("Mon–Fri 09:00–18:00");
        await Expect(policies.GetByRole(AriaRole.Row, new() { Name = "Standard" })).ToContainTextAsync("1 day 16 h");
        await ScreenshotAsync(page, "support-settings-1-demo");
        await ShouldHaveNoSeriousViolationsAsync(page, "the support settings as the demo has them");

        // New York office hours, first with a misspelt time zone: refused in words, nothing added.
        await main.GetByRole(AriaRole.Button, new() { Name = "Add calendar" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Key", new() { Exact = true }).FillAsync("new-york");
        await dialog.GetByLabel("Name", new() { Exact = true }).FillAsync("New York office");
        await dialog.GetByLabel("Time zone", new() { Exact = true }).FillAsync("America/NewYork");
        await dialog.GetByRole(AriaRole.Checkbox, new() { Name = "Open on Saturday" }).CheckAsync();
        await dialog.GetByLabel("Saturday from", new() { Exact = true }).FillAsync("10:00");
        await dialog.GetByLabel("Saturday to", new() { Exact = true }).FillAsync("14:00");
        await dialog.GetByLabel("Holidays", new() { Exact = true }).FillAsync("2026-12-25, 2027-01-01");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add calendar" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("'timeZone' is an IANA time zone such as Europe/Lisbon or America/New_York.");
        await ScreenshotAsync(page, "support-settings-2-time-zone-refused");
        await ShouldHaveNoSeriousViolationsAsync(page, "the calendar dialog with a refused time zone");
        await Expect(calendars.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync(["Lisbon office"]);

        await dialog.GetByLabel("Time zone", new() { Exact = true }).FillAsync("America/New_York");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add calendar" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        var newYork = calendars.GetByRole(AriaRole.Row, new() { Name = "New York office" });
        await Expect(newYork).ToContainTextAsync("America/New_York");
        await Expect(newYork).ToContainTextAsync("Mon–Fri 09:00–18:00; Sat 10:00–14:00");
        await Expect(newYork.GetByRole(AriaRole.Cell).Nth(2)).ToHaveTextAsync("2");

        // A policy for gold customers, counted on New York's hours.
        await main.GetByRole(AriaRole.Button, new() { Name = "Add SLA policy" }).ClickAsync();
        dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Key", new() { Exact = true }).FillAsync("gold");
        await dialog.GetByLabel("Name", new() { Exact = true }).FillAsync("Gold customers");
        await dialog.GetByLabel("Customer tier", new() { Exact = true }).FillAsync("gold");
        await dialog.GetByLabel("First reply within (minutes)", new() { Exact = true }).FillAsync("60");
        await dialog.GetByLabel("Next reply within (minutes)", new() { Exact = true }).FillAsync("120");
        await dialog.GetByLabel("Resolution within (minutes)", new() { Exact = true }).FillAsync("1560");
        await ChooseAsync(page, dialog.GetByLabel("Business hours", new() { Exact = true }), page.GetByRole(AriaRole.Option, new() { Name = "New York office" }));
        await ScreenshotAsync(page, "support-settings-3-sla-policy-dialog");
        await ShouldHaveNoSeriousViolationsAsync(page, "the SLA policy dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add policy" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        var gold = policies.GetByRole(AriaRole.Row, new() { Name = "Gold customers" });
        await Expect(gold.GetByRole(AriaRole.Cell)).ToContainTextAsync(["any", "gold", "1 h", "2 h", "1 day 2 h", "New York office"]);

        // The calendar the policy counts on cannot go: the page says why, and it stays.
        await calendars.GetByRole(AriaRole.Button, new() { Name = "Delete New York office" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(main.GetByRole(AriaRole.Alert)).ToHaveTextAsync("SLA policies gold count on 'new-york'; change them first.");
        await Expect(calendars.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync(["Lisbon office", "New York office"]);
        await ScreenshotAsync(page, "support-settings-4-calendar-in-use");

        // Refunds: the AI drafts, a person sends; every other intent goes to people.
        await main.GetByRole(AriaRole.Button, new() { Name = "Add AI policy" }).ClickAsync();
        dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Intent", new() { Exact = true }).FillAsync("refund");
        await ChooseAsync(page, dialog.GetByLabel("The AI", new() { Exact = true }), page.GetByRole(AriaRole.Option, new() { Name = "Drafts for a person" }));
        await dialog.GetByLabel("Minimum confidence (%)", new() { Exact = true }).FillAsync("80");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add AI policy" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await main.GetByRole(AriaRole.Button, new() { Name = "Add AI policy" }).ClickAsync();
        dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Intent", new() { Exact = true }).FillAsync("*");
        await ChooseAsync(page, dialog.GetByLabel("The AI", new() { Exact = true }), page.GetByRole(AriaRole.Option, new() { Name = "People only" }));
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add AI policy" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        var ai = main.GetByRole(AriaRole.Table, new() { Name = "AI policies by intent" });
        await Expect(ai.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync(["refund", "every other intent"]);
        await Expect(ai.GetByRole(AriaRole.Row, new() { Name = "refund" }).GetByRole(AriaRole.Cell).First).ToHaveTextAsync("drafts for a person");
        await Expect(ai.GetByRole(AriaRole.Row, new() { Name = "refund" })).ToContainTextAsync("80%");
        await Expect(ai.GetByRole(AriaRole.Row, new() { Name = "every other intent" })).ToContainTextAsync("people only");
        await Expect(main.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "support-settings-5-ai-policies");
        await ShouldHaveNoSeriousViolationsAsync(page, "the support settings with a new calendar, SLA policy and AI policies");
    }

    [Fact]
    public async Task A_viewer_reads_the_settings_without_buttons_to_change_them()
    {
        await using var victor = await browser.PersonAsync(server);
        var page = victor.Page;
        await SignInAsync(page, DemoPeople.Viewer, DemoPeople.Password);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Support settings", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Support settings", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);
        var main = page.GetByRole(AriaRole.Main);
        await Expect(main.GetByRole(AriaRole.Table, new() { Name = "Business-hours calendars" }).GetByRole(AriaRole.Rowheader)).ToContainTextAsync(["Lisbon office"]);
        await Expect(main.GetByRole(AriaRole.Table, new() { Name = "SLA policies" }).GetByRole(AriaRole.Rowheader)).ToContainTextAsync(["Standard", "Urgent"]);
        await Expect(main).ToContainTextAsync("a support manager changes them");
        await Expect(main.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "support-settings-6-viewer");
        await ShouldHaveNoSeriousViolationsAsync(page, "the support settings as a viewer sees them");
    }
}
