using Weft.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Weft.E2E.Infrastructure.Accessibility;
using static Weft.E2E.Infrastructure.LivePages;
using static Weft.E2E.Infrastructure.Screenshots;
using static Weft.E2E.Infrastructure.Sessions;

namespace Weft.E2E;

/// <summary>
/// A buyer writes to an invited supplier from the demo's lithium carbonate RFQ; the supplier, in a browser of its own,
/// reads it, answers and proposes a video meeting on the marketplace's video service; the buyer sees the proposal
/// arrive and accepts it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MessagingAndMeeting(SharedBrowser browser, WeftServer server) : IClassFixture<WeftServer>
{
    private const string Buyer = "buyer@weft.demo";
    private const string Supplier = "sales3@weft.demo";

    [Fact]
    public async Task A_buyer_messages_a_supplier_from_the_rfq_and_accepts_the_meeting_it_proposes()
    {
        await using var bea = await browser.PersonAsync(server);
        var page = bea.Page;
        await SignInAsync(page, Buyer, DemoPeople.Password);
        await page.GotoAsync("/market/rfqs/1");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Lithium carbonate for Q2 2027", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Message Jiangxi Lithium Materials Co." }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Messages", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);
        var main = page.GetByRole(AriaRole.Main);
        await Expect(main.GetByRole(AriaRole.Heading, new() { Name = "New thread about RFQ 1" })).ToBeVisibleAsync();
        await main.GetByLabel("Message", new() { Exact = true }).FillAsync("Could you ship 100 t of the carbonate in April already?");
        await main.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        var messages = main.GetByRole(AriaRole.List, new() { Name = "Messages" });
        await Expect(messages).ToContainTextAsync("Could you ship 100 t of the carbonate in April already?");
        await Expect(main.GetByRole(AriaRole.Heading, new() { Name = "RFQ-00001: Lithium carbonate for Q2 2027" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "messages-1-buyer-sent");
        await ShouldHaveNoSeriousViolationsAsync(page, "a thread with a message sent");

        // The supplier sees the thread, unread, answers and proposes a meeting.
        await using var sid = await browser.PersonAsync(server);
        var other = sid.Page;
        await SignInAsync(other, Supplier, DemoPeople.Password);
        await other.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Messages", Exact = true }).ClickAsync();
        await Expect(other.GetByRole(AriaRole.Heading, new() { Name = "Messages", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(other);
        var theirs = other.GetByRole(AriaRole.Main);
        await Expect(theirs.GetByRole(AriaRole.List, new() { Name = "Messages" })).ToContainTextAsync("Could you ship 100 t of the carbonate in April already?");
        await Expect(theirs.GetByRole(AriaRole.List, new() { Name = "Messages" })).ToContainTextAsync("Lumen Cathodes GmbH");
        await theirs.GetByLabel("Message", new() { Exact = true }).FillAsync("Yes, from our April production. Let's discuss the details on a call.");
        await theirs.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Expect(theirs.GetByRole(AriaRole.List, new() { Name = "Messages" })).ToContainTextAsync("Let's discuss the details on a call.");
        await theirs.GetByRole(AriaRole.Button, new() { Name = "Propose a meeting" }).ClickAsync();
        var dialog = theirs.GetByRole(AriaRole.Dialog, new() { Name = "Propose a video meeting" });
        await dialog.GetByLabel("Title", new() { Exact = true }).FillAsync("April shipment");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Propose", Exact = true }).ClickAsync();
        await Expect(theirs.GetByRole(AriaRole.Heading, new() { Name = "Video meeting: April shipment" })).ToBeVisibleAsync();
        await Expect(theirs).ToContainTextAsync("https://meet.jit.si/weft-demo-");
        await Expect(theirs.GetByRole(AriaRole.Button, new() { Name = "Cancel meeting" })).ToBeVisibleAsync();
        await ScreenshotAsync(other, "messages-2-supplier-proposed");
        await ShouldHaveNoSeriousViolationsAsync(other, "a thread with a proposed meeting");

        // The buyer's page shows the proposal as it comes; the buyer accepts.
        await Expect(main.GetByRole(AriaRole.Heading, new() { Name = "Video meeting: April shipment" })).ToBeVisibleAsync();
        await Expect(main.GetByRole(AriaRole.Link, new() { Name = "Download invitation (.ics)" }).First).ToBeVisibleAsync();
        await main.GetByRole(AriaRole.Button, new() { Name = "Accept", Exact = true }).ClickAsync();
        await Expect(main).ToContainTextAsync("accepted");
        await Expect(main.GetByRole(AriaRole.Button, new() { Name = "Accept", Exact = true })).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "messages-3-buyer-accepted");
        await Expect(theirs.GetByRole(AriaRole.List, new() { Name = "Messages" })).ToContainTextAsync("Accepted the video meeting: April shipment");
    }
}
