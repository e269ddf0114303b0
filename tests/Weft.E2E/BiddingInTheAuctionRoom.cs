using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Weft.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Weft.E2E.Infrastructure.Accessibility;
using static Weft.E2E.Infrastructure.Screenshots;
using static Weft.E2E.Infrastructure.Sessions;

namespace Weft.E2E;

/// <summary>
/// Lumen Cathodes' buyer runs a short reverse auction for lithium carbonate; three suppliers' sales people bid in the
/// auction room, each in their own browser. Everyone sees each accepted bid at once (the bid count, the best price, the
/// bidders' ranks, the buyer's ladder); a bid above the limit is refused with its reason and never shows; a bid in the last
/// minute moves the end on every screen; after the close the buyer reads the outcome and can download the bids.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class BiddingInTheAuctionRoom(SharedBrowser browser, WeftServer server) : IClassFixture<WeftServer>
{
    private const string Buyer = "buyer@weft.demo", Atacama = "sales@weft.demo", Altiplano = "sales2@weft.demo", Jiangxi = "sales3@weft.demo";
    private static readonly LocatorAssertionsToHaveTextOptions Long = new() { Timeout = 180_000 };

    [Fact]
    public async Task Three_suppliers_bid_live_a_late_bid_extends_the_end_on_every_screen_and_the_buyer_reads_the_outcome()
    {
        await using var buyer = await browser.PersonAsync(server);
        await using var atacama = await browser.PersonAsync(server);
        await using var altiplano = await browser.PersonAsync(server);
        await using var jiangxi = await browser.PersonAsync(server);
        foreach (var (person, email) in new[] { (buyer, Buyer), (atacama, Atacama), (altiplano, Altiplano), (jiangxi, Jiangxi) })
            await SignInAsync(person.Page, email, DemoPeople.Password);

        // The buyer sets up the auction through the API: open now, ending in 100 s; a bid in the last minute extends it by one.
        long id;
        using (var api = await Programs.SignedInAsync(server, Buyer))
            id = await CreateAuctionAsync(api);

        var everyone = new[] { buyer.Page, atacama.Page, altiplano.Page, jiangxi.Page };
        foreach (var page in everyone)
        {
            await page.GotoAsync($"/market/auctions/{id}");
            await LivePages.WaitUntilInteractiveAsync(page);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Li2CO3 spot lot, 100 t");
            await Expect(page.GetByRole(AriaRole.Timer, new() { Name = "Time left" })).ToHaveTextAsync(TimeLeft());
        }
        await Expect(buyer.Page.GetByRole(AriaRole.Button, new() { Name = "Place a bid" })).ToHaveCountAsync(0);
        await ScreenshotAsync(atacama.Page, "auction-1-room-before-the-first-bid");
        await ShouldHaveNoSeriousViolationsAsync(atacama.Page, "the auction room of a bidder");

        // Atacama bids first, confirming the price and the limit it must beat.
        await BidAsync(atacama.Page, "19900", "The first bid is at most the starting price, 20,000.00 USD.");
        await Expect(Figure(atacama.Page, "my-rank")).ToHaveTextAsync("1 of 1");
        foreach (var page in everyone)
        {
            await Expect(Figure(page, "bid-count")).ToHaveTextAsync("1");
            await Expect(Figure(page, "best-price")).ToHaveTextAsync("19,900.00 USD");
        }
        await Expect(Ladder(buyer.Page)).ToContainTextAsync("Atacama Lithium SpA");
        await ScreenshotAsync(buyer.Page, "auction-2-buyer-sees-the-first-bid");

        // Altiplano beats it: Atacama's rank drops at once, without a reload.
        await BidAsync(altiplano.Page, "19800", "It must be at most 19,800.00 USD: the best bid, 19,900.00, less the minimum step of 100.00.");
        await Expect(Figure(atacama.Page, "my-rank")).ToHaveTextAsync("2 of 2");
        await Expect(Figure(altiplano.Page, "my-rank")).ToHaveTextAsync("1 of 2");
        foreach (var page in everyone)
        {
            await Expect(Figure(page, "bid-count")).ToHaveTextAsync("2");
            await Expect(Figure(page, "best-price")).ToHaveTextAsync("19,800.00 USD");
        }
        await Expect(Ladder(buyer.Page).GetByRole(AriaRole.Row)).ToHaveCountAsync(3);
        await ScreenshotAsync(atacama.Page, "auction-3-outbid-rank-two");

        // Jiangxi bids too high: the refusal says why, and the bid is nowhere.
        await BidAsync(jiangxi.Page, "19750", "It must be at most 19,700.00 USD");
        var refusal = jiangxi.Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "A bid must be at most" });
        await Expect(refusal).ToContainTextAsync("A bid must be at most 19700.00");
        await ScreenshotAsync(jiangxi.Page, "auction-4-bid-refused");
        await Expect(Ladder(jiangxi.Page)).ToContainTextAsync("No bids to show yet.");
        await Expect(Ladder(buyer.Page)).Not.ToContainTextAsync("19,750.00");
        foreach (var page in everyone) await Expect(Figure(page, "bid-count")).ToHaveTextAsync("2");

        // In the last minute Jiangxi bids again: the end moves on every screen, and the countdown leaves the last minute.
        var countdown = jiangxi.Page.GetByRole(AriaRole.Timer, new() { Name = "Time left" });
        await Expect(countdown).ToHaveAttributeAsync("data-phase", "last-minute", new() { Timeout = 180_000 });
        var endsBefore = await EndsAt(buyer.Page).TextContentAsync();
        await BidAsync(jiangxi.Page, "19600", "It must be at most 19,700.00 USD");
        await Expect(jiangxi.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Your bid of 19,600.00 USD is in" })).ToBeVisibleAsync();
        foreach (var page in everyone)
        {
            await Expect(EndsAt(page)).Not.ToHaveTextAsync(endsBefore!);
            await Expect(page.GetByLabel("Extension")).ToContainTextAsync("Extended by 1 min");
            await Expect(page.GetByRole(AriaRole.Timer, new() { Name = "Time left" })).ToHaveAttributeAsync("data-phase", "open");
            await Expect(Figure(page, "bid-count")).ToHaveTextAsync("3");
            await Expect(Figure(page, "best-price")).ToHaveTextAsync("19,600.00 USD");
        }
        await Expect(Figure(jiangxi.Page, "my-rank")).ToHaveTextAsync("1 of 3");
        await Expect(Figure(atacama.Page, "my-rank")).ToHaveTextAsync("3 of 3");
        await ScreenshotAsync(atacama.Page, "auction-5-late-bid-extends-the-end");
        await ScreenshotAsync(buyer.Page, "auction-6-buyer-sees-every-bid");

        // The engine closes it when the moved end comes: the buyer reads the winner and can download the bids; the others their own result.
        var outcome = buyer.Page.GetByLabel("Outcome");
        await Expect(outcome).ToContainTextAsync("awarded", new() { Timeout = 240_000 });
        await Expect(outcome).ToContainTextAsync("Jiangxi Lithium Materials Co.");
        await Expect(outcome).ToContainTextAsync("19,600.00 USD per t");
        await Expect(buyer.Page.GetByRole(AriaRole.Link, new() { Name = "Download the bids (CSV)" })).ToHaveAttributeAsync("href", $"/api/v1/market/auctions/{id}/bids.csv");
        await Expect(jiangxi.Page.GetByLabel("Outcome")).ToContainTextAsync("Jiangxi Lithium Materials Co.");
        await Expect(atacama.Page.GetByLabel("Outcome")).ToContainTextAsync("awarded");
        await Expect(atacama.Page.GetByLabel("Outcome")).Not.ToContainTextAsync("Jiangxi");
        foreach (var page in everyone) await Expect(page.GetByRole(AriaRole.Timer, new() { Name = "Time left" })).ToHaveTextAsync("Closed");
        await ScreenshotAsync(buyer.Page, "auction-7-closed-and-awarded");
        await ShouldHaveNoSeriousViolationsAsync(buyer.Page, "the closed auction room of its buyer");
    }

    [Fact]
    public async Task The_buyer_lists_the_auctions_and_sets_one_up_after_fixing_what_the_dialog_marks()
    {
        await using var buyer = await browser.PersonAsync(server);
        var page = buyer.Page;
        await SignInAsync(page, Buyer, DemoPeople.Password);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Auctions", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Auctions", Level = 1 })).ToBeVisibleAsync();
        await LivePages.WaitUntilInteractiveAsync(page);
        var table = page.GetByRole(AriaRole.Table);
        await Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "Q4 delivery" })).ToContainTextAsync("closed");
        await Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "Q1 delivery" })).ToContainTextAsync("scheduled");
        await ScreenshotAsync(page, "auction-list-1-demo-auctions");

        await page.GetByRole(AriaRole.Button, new() { Name = "New auction" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "New reverse auction" });
        await Expect(dialog.GetByRole(AriaRole.Checkbox, new() { Name = "Atacama Lithium SpA (CL)" })).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create auction" }).ClickAsync();
        await Expect(dialog).ToContainTextAsync("'title' is required");
        await Expect(dialog).ToContainTextAsync("'startingPrice' is a positive price");
        await Expect(dialog).ToContainTextAsync("'participants' names 1 to 500 organizations");
        await ScreenshotAsync(page, "auction-list-2-new-auction-field-errors");

        await dialog.GetByLabel("Title", new() { Exact = true }).FillAsync("Lithium hydroxide, 50 t");
        await dialog.GetByLabel("Material", new() { Exact = true }).FillAsync("lithium hydroxide");
        await dialog.GetByLabel("Quantity", new() { Exact = true }).FillAsync("50");
        await dialog.GetByLabel("Starting price", new() { Exact = true }).FillAsync("18000");
        await dialog.GetByLabel("Minimum step (amount)", new() { Exact = true }).FillAsync("50");
        await dialog.GetByRole(AriaRole.Checkbox, new() { Name = "Atacama Lithium SpA (CL)" }).CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create auction" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/market/auctions/\d+$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Lithium hydroxide, 50 t");
        await Expect(page.GetByRole(AriaRole.Timer, new() { Name = "Time left" })).ToContainTextAsync("Opens in");
        await ScreenshotAsync(page, "auction-list-3-new-auction-room");
    }

    /// <summary>Types the price, places the bid, checks the confirmation's price and limit, and confirms.</summary>
    private static async Task BidAsync(IPage page, string price, string limit)
    {
        await page.GetByLabel("Your bid (USD per t)").FillAsync(price);
        await page.GetByRole(AriaRole.Button, new() { Name = "Place a bid" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Confirm your bid" });
        await Expect(dialog).ToContainTextAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Bid {decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture):N2} USD per t?"));
        await Expect(dialog).ToContainTextAsync(limit);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm bid" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
    }

    private static async Task<long> CreateAuctionAsync(HttpClient api)
    {
        var suppliers = new List<long>();
        foreach (var name in new[] { "atacama", "altiplano", "jiangxi" })
        {
            var found = await (await api.GetAsync($"/api/v1/market/organizations?kind=supplier&q={name}")).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>();
            suppliers.Add(found!["items"]![0]!["id"]!.GetValue<long>());
        }
        var now = DateTime.UtcNow;
        var created = await (await api.PostAsJsonAsync("/api/v1/market/auctions", new
        {
            title = "Li2CO3 spot lot, 100 t", kind = "reverse", format = "english", material = "lithium carbonate", quantity = 100, unit = "t", currency = "USD",
            startingPrice = 20000, stepAmount = 100, extendWithinSeconds = 60, extendBySeconds = 60, bidderView = "best_price",
            startsAt = now.AddSeconds(-5), endsAt = now.AddSeconds(100), participants = suppliers,
        })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>();
        return created!["id"]!.GetValue<long>();
    }

    private static ILocator Figure(IPage page, string name) => page.Locator($"[data-figure={name}]");

    private static ILocator Ladder(IPage page) => page.GetByRole(AriaRole.Region, new() { NameRegex = MyOrAllBids() });

    private static ILocator EndsAt(IPage page) => page.GetByText(EndsAtText());

    [GeneratedRegex(@"^\d\d:\d\d left$")]
    private static partial Regex TimeLeft();

    [GeneratedRegex("^(My bids|Bids)$")]
    private static partial Regex MyOrAllBids();

    [GeneratedRegex("^Ends at ")]
    private static partial Regex EndsAtText();
}
