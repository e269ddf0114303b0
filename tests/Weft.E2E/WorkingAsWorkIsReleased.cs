using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Weft.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Weft.E2E.Infrastructure.Accessibility;
using static Weft.E2E.Infrastructure.LivePages;
using static Weft.E2E.Infrastructure.Screenshots;
using static Weft.E2E.Infrastructure.Sessions;

namespace Weft.E2E;

/// <summary>
/// A manager releases a manufacturing order of five pieces; an operator, in a second browser, sees its work arrive
/// without reloading, then claims, starts, pauses (saying why), resumes and completes a piece from My work.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WorkingAsWorkIsReleased(SharedBrowser browser, WeftServer server) : IClassFixture<WeftServer>
{
    [Fact]
    public async Task An_operator_sees_released_work_arrive_live_and_does_a_piece_with_a_pause()
    {
        // A one-step routing of pool work for cutters, a product on it, and a draft order of five pieces.
        using var program = await Programs.SignedInAsync(server, DemoPeople.Manager);
        await program.PublishGraphAsync("keeper-line", "Keeper line",
            new object[]
            {
                new { key = "start", type = "start" },
                new { key = "cut", type = "task", name = "Cut keeper", capability = "cutting", assignment = "pool", standardMinutes = 15 },
                new { key = "end", type = "end" },
            },
            new object[] { new { from = "start", to = "cut" }, new { from = "cut", to = "end" } });
        (await program.PostAsJsonAsync("/api/v1/products", new { key = "keeper", name = "Strap keeper", routing = "keeper-line" })).EnsureSuccessStatusCode();
        (await program.PatchAsJsonAsync("/api/v1/agents/alice", new { wipLimit = 50 })).EnsureSuccessStatusCode();
        var order = (await (await program.PostAsJsonAsync("/api/v1/manufacturing-orders", new { product = "keeper", quantity = 5 }))
            .Content.ReadFromJsonAsync<JsonObject>())!;
        var number = order["number"]!.GetValue<string>();

        // Alice, the operator, watches My work.
        await using var alice = await browser.PersonAsync(server);
        var work = alice.Page;
        await SignInAsync(work, DemoPeople.Operator, DemoPeople.Password);
        await work.GotoAsync("/work");
        await WaitUntilInteractiveAsync(work);
        var available = work.GetByRole(AriaRole.Region, new() { Name = "Available to claim" });
        await Expect(available).Not.ToContainTextAsync(number);

        // The manager releases the order in another browser.
        await using var manager = await browser.PersonAsync(server);
        var orders = manager.Page;
        await SignInAsync(orders, DemoPeople.Manager, DemoPeople.Password);
        await orders.GotoAsync("/production/orders");
        await WaitUntilInteractiveAsync(orders);
        await orders.GetByRole(AriaRole.Button, new() { Name = $"Release {number}" }).ClickAsync();
        await Expect(orders.GetByRole(AriaRole.Row).Filter(new() { HasText = number })).ToContainTextAsync("released");

        // Alice's page shows the five pieces without a reload, each with its serial and standard time.
        await Expect(available.GetByRole(AriaRole.Row).Filter(new() { HasText = number })).ToHaveCountAsync(5);
        await Expect(available).ToContainTextAsync($"{number}-001");
        await Expect(available.GetByRole(AriaRole.Row).Filter(new() { HasText = $"{number}-001" })).ToContainTextAsync("15 min");
        await ScreenshotAsync(work, "operator-1-work-arrived");

        var piece = $"{number}-001";
        await work.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"^Claim {piece} ") }).ClickAsync();
        var held = work.GetByRole(AriaRole.Region, new() { Name = "Your work items" });
        await Expect(held).ToContainTextAsync(piece);
        await work.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"^Start {piece} ") }).ClickAsync();
        await Expect(held.GetByRole(AriaRole.Row).Filter(new() { HasText = piece })).ToContainTextAsync("of 15 min");
        await work.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"^Pause {piece} ") }).ClickAsync();
        await work.GetByLabel("Reason for pausing").FillAsync("Waiting for the next hide");
        await work.GetByRole(AriaRole.Button, new() { Name = "Confirm pause" }).ClickAsync();
        await Expect(held.GetByRole(AriaRole.Row).Filter(new() { HasText = piece })).ToContainTextAsync("paused");
        await ScreenshotAsync(work, "operator-2-paused");
        await ShouldHaveNoSeriousViolationsAsync(work, "My work with a paused piece");
        await work.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"^Resume {piece} ") }).ClickAsync();
        await work.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"^Complete {piece} ") }).ClickAsync();
        await Expect(held).Not.ToContainTextAsync(piece);

        var job = (await program.GetFromJsonAsync<JsonObject>($"/api/v1/manufacturing-orders/{order["id"]}"))!["jobId"]!.GetValue<long>();
        var items = (await program.GetFromJsonAsync<JsonObject>($"/api/v1/work-items?job={job}&state=completed"))!["items"]!.AsArray();
        var done = items.ShouldHaveSingleItem()!;
        done["agent"]!.GetValue<string>().ShouldBe("alice");
        var events = (await program.GetFromJsonAsync<JsonObject>($"/api/v1/jobs/{job}/events?limit=500"))!["items"]!.AsArray();
        events.ShouldContain(e => e!["type"]!.GetValue<string>() == "work_item_paused" && e["data"]!["reason"]!.GetValue<string>() == "Waiting for the next hide");
        events.ShouldContain(e => e!["type"]!.GetValue<string>() == "work_item_resumed");
    }
}
