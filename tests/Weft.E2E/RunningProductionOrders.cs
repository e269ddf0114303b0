using Weft.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Weft.E2E.Infrastructure.Accessibility;
using static Weft.E2E.Infrastructure.LivePages;
using static Weft.E2E.Infrastructure.Screenshots;
using static Weft.E2E.Infrastructure.Sessions;

namespace Weft.E2E;

/// <summary>A manager runs manufacturing orders from the browser: a draft, its release as flow work, its page, its cancellation.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RunningProductionOrders(SharedBrowser browser, WeftServer server) : IClassFixture<WeftServer>
{
    [Fact]
    public async Task A_manager_creates_releases_and_cancels_a_manufacturing_order()
    {
        await using var manager = await browser.PersonAsync(server);
        var page = manager.Page;
        await SignInAsync(page, DemoPeople.Manager, DemoPeople.Password);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Manufacturing orders", Exact = true }).ClickAsync();
        await WaitUntilInteractiveAsync(page);
        // The demo plant's orders are there on first start.
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("strap-component");
        await ScreenshotAsync(page, "production-1-orders");

        await page.GetByRole(AriaRole.Button, new() { Name = "New manufacturing order" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Product").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Bifold wallet (wallet)" }).ClickAsync();
        await dialog.GetByLabel("Quantity (pieces)").FillAsync("5");
        await ScreenshotAsync(page, "production-2-new-order");
        await ShouldHaveNoSeriousViolationsAsync(page, "the New manufacturing order dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();

        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "wallet" });
        await Expect(row).ToContainTextAsync("draft");
        var number = (await row.GetByRole(AriaRole.Link).First.InnerTextAsync()).Trim();
        number.ShouldStartWith("MO-");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Release {number}" }).ClickAsync();
        await Expect(row).ToContainTextAsync("released");
        await Expect(row).ToContainTextAsync("0 of 5 done");
        await ScreenshotAsync(page, "production-3-released");

        // The plan shows the released order with its forecast finish, and the capacity its work asks for.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Plan", Exact = true }).ClickAsync();
        await WaitUntilInteractiveAsync(page);
        var forecast = page.GetByRole(AriaRole.Row).Filter(new() { HasText = number });
        await Expect(forecast).ToContainTextAsync("cutting");
        await ScreenshotAsync(page, "production-3b-plan");
        // The manager drags the end of the order's bar in the Gantt chart: the order gets a due date, its work follows.
        var orderId = (await forecast.GetByRole(AriaRole.Link).GetAttributeAsync("href"))!.Split('/')[^1];
        await Expect(forecast.GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync("—");
        var bar = page.Locator($".weft-gantt .bar-wrapper[data-id='{orderId}']");
        // Its forecast finish is marked on its row.
        await Expect(bar.Locator(".weft-gantt-marker title")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"^{number}: forecast finish "));
        await bar.HoverAsync();
        var handle = (await bar.Locator(".handle.right").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(handle.X + (handle.Width / 2), handle.Y + (handle.Height / 2));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(handle.X + 140, handle.Y + (handle.Height / 2), new() { Steps = 12 });
        await page.Mouse.UpAsync();
        await Expect(forecast.GetByRole(AriaRole.Cell).Nth(1)).Not.ToHaveTextAsync("—");
        await Expect(page.Locator($".weft-gantt .bar-wrapper[data-id='{orderId}']")).Not.ToContainTextAsync("due —");
        await ScreenshotAsync(page, "production-3c-plan-due-dragged");
        // From the keyboard, the same through the row's Change button: a due date ten days out and a higher priority.
        var later = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await forecast.GetByRole(AriaRole.Button, new() { Name = $"Change {number}" }).ClickAsync();
        var change = page.GetByRole(AriaRole.Dialog);
        await change.GetByLabel("Due date (end of the day, 17:00 UTC)").FillAsync(later);
        await change.GetByLabel("Due date (end of the day, 17:00 UTC)").PressAsync("Tab");
        await change.GetByLabel("Priority").FillAsync("9");
        await ShouldHaveNoSeriousViolationsAsync(page, "the Change order dialog");
        await change.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(forecast.GetByRole(AriaRole.Cell).Nth(1)).ToContainTextAsync(later);
        // Dragging the last order of the queue above the first gives it one more priority than the first has.
        var queue = page.Locator(".weft-queue-item");
        await Expect(forecast.GetByRole(AriaRole.Cell).Nth(3)).ToHaveTextAsync("9");
        await ScreenshotAsync(page, "production-3d-queue");
        await Expect(queue.First).ToHaveAttributeAsync("data-order", number);
        await Expect(queue.First).ToContainTextAsync("priority 9");
        var last = (await queue.Last.GetAttributeAsync("data-order"))!;
        var source = (await queue.Last.BoundingBoxAsync())!;
        var target = (await queue.First.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(source.X + 40, source.Y + (source.Height / 2));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(target.X + 40, target.Y + (target.Height / 2), new() { Steps = 10 });
        await page.Mouse.MoveAsync(target.X + 40, target.Y + 3, new() { Steps = 4 });
        await page.Mouse.UpAsync();
        await Expect(queue.First).ToHaveAttributeAsync("data-order", last);
        await Expect(queue.First).ToContainTextAsync("priority 10");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = last }).GetByRole(AriaRole.Cell).Nth(3)).ToHaveTextAsync("10");
        await ScreenshotAsync(page, "production-3d-queue-dragged");
        // Alice works only two hours on Mondays from now on: her week shrinks from 2,400 to 2,040 minutes.
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit the calendar of alice" }).ClickAsync();
        var calendar = page.GetByRole(AriaRole.Dialog);
        await calendar.GetByLabel("Monday").FillAsync("08:00-10:00");
        await ShouldHaveNoSeriousViolationsAsync(page, "the shift calendar dialog");
        await calendar.GetByRole(AriaRole.Button, new() { Name = "Save calendar" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "alice" })).ToContainTextAsync("2040");
        await page.GoBackAsync();
        await WaitUntilInteractiveAsync(page);
        row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "wallet" });

        await row.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        // The order's own page (not the list before it) must be live before its buttons are used.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(number);
        await WaitUntilInteractiveAsync(page);
        var details = page.GetByRole(AriaRole.Main);
        await Expect(details).ToContainTextAsync("OEM manufacturing order");
        await Expect(details).ToContainTextAsync("atelier-bag v1");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("0 of 5 units done, 5 in the flow");
        await ScreenshotAsync(page, "production-4-order-page");
        await ShouldHaveNoSeriousViolationsAsync(page, "a manufacturing order's page");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Cancel {number}" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel the order" }).ClickAsync();
        await Expect(details).ToContainTextAsync("cancelled");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("5 cancelled");
        await ScreenshotAsync(page, "production-5-cancelled");

        // The list finds the order by words of its product; its product's page lists it among that product's orders.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Manufacturing orders", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Manufacturing orders");
        await WaitUntilInteractiveAsync(page);
        await page.GetByLabel("Search").FillAsync("WALLET");
        var found = page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Row);
        await Expect(found).ToHaveCountAsync(2);
        await Expect(found.Nth(1)).ToContainTextAsync(number);
        await ScreenshotAsync(page, "production-5b-search");
        await found.Nth(1).GetByRole(AriaRole.Link, new() { Name = "wallet" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Bifold wallet");
        await WaitUntilInteractiveAsync(page);
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync(number);
        await ScreenshotAsync(page, "production-5c-product");
        await ShouldHaveNoSeriousViolationsAsync(page, "a product's page");

        // The agents page shows Alice's new week beside her capabilities and load.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Agents", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Agents");
        await WaitUntilInteractiveAsync(page);
        var alice = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "(alice)" });
        await Expect(alice).ToContainTextAsync("mon 08:00–10:00");
        await Expect(alice).ToContainTextAsync("2040 min a week");
        await ScreenshotAsync(page, "production-8-agents-shifts");
    }
}
