using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Host.Tests;

/// <summary>
/// The auction hub (SignalR over WebSockets, the JSON protocol): each watcher gets every accepted bid pushed as its viewer
/// may see it (the buyer every bid, a bidder its own and its rank), refused bids never, and an organization outside the
/// auction cannot watch it.
/// </summary>
public sealed class WatchingAnAuctionLive
{
    private const char Separator = '\u001e';

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Every_watcher_gets_each_accepted_bid_as_its_viewer_may_see_it(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider, RunningAuctions.LongTokens);
        var market = new Marketplace(api);
        var buyer = await market.BuyerAsync();
        var andes = await market.SupplierAsync("Andes Brine");
        var puna = await market.SupplierAsync("Puna Resources", "AR");
        var outsider = await market.SupplierAsync("Outsider");
        var now = api.Clock.GetUtcNow().UtcDateTime;
        var id = (await buyer.Caller.OkAsync(HttpMethod.Post, "/api/v1/market/auctions", new
        {
            title = "Li2CO3", kind = "reverse", format = "english", material = "lithium carbonate", quantity = 100, unit = "t", currency = "USD",
            startingPrice = 20000, stepAmount = 100, bidderView = "rank", startsAt = now, endsAt = now.AddHours(1), participants = new[] { andes.Organization, puna.Organization },
        }))["id"]!.GetValue<long>();

        await using var buyerScreen = await HubWatcher.ConnectAsync(api, buyer.Authorization);
        await using var andesScreen = await HubWatcher.ConnectAsync(api, andes.Authorization);
        await using var outsiderScreen = await HubWatcher.ConnectAsync(api, outsider.Authorization);
        (await buyerScreen.WatchAsync(id))["result"]!["title"]!.GetValue<string>().ShouldBe("Li2CO3");
        (await andesScreen.WatchAsync(id))["result"]!["canBid"]!.GetValue<bool>().ShouldBeTrue();
        var refused = await outsiderScreen.WatchAsync(id);
        refused["error"]!.GetValue<string>().ShouldContain("auction_not_found");

        await andes.Caller.OkAsync(HttpMethod.Post, $"/api/v1/market/auctions/{id}/bids", new { price = 19900 });
        (await buyerScreen.NextBidsAsync()).Select(b => b.Price).ShouldBe([19900m]);
        var own = await andesScreen.NextAsync();
        own["bids"]!.AsArray().Single()!["price"]!.GetValue<decimal>().ShouldBe(19900m);
        own["mine"]!["rank"]!.GetValue<int>().ShouldBe(1);

        // A refused bid is pushed to nobody; the next accepted one is, and the overtaken bidder learns its rank without the price.
        (await puna.Caller.SendAsync(HttpMethod.Post, $"/api/v1/market/auctions/{id}/bids", new { price = 19850 })).StatusCode.ShouldBe(System.Net.HttpStatusCode.UnprocessableEntity);
        await puna.Caller.OkAsync(HttpMethod.Post, $"/api/v1/market/auctions/{id}/bids", new { price = 19800 });
        var seenByBuyer = await buyerScreen.NextBidsAsync();
        seenByBuyer.Select(b => (b.Sequence, b.Price)).ShouldBe([(2L, 19800m)]);
        var overtaken = await andesScreen.NextAsync();
        overtaken["bids"]!.AsArray().ShouldBeEmpty();
        overtaken["bestPrice"].ShouldBeNull();
        overtaken["mine"]!["rank"]!.GetValue<int>().ShouldBe(2);
        overtaken["sequence"]!.GetValue<long>().ShouldBe(2);
    }

    /// <summary>A SignalR client speaking the JSON protocol over a raw WebSocket, as any platform's client can.</summary>
    private sealed class HubWatcher : IAsyncDisposable
    {
        private readonly WebSocket socket;
        private readonly Channel<JsonObject> messages = Channel.CreateUnbounded<JsonObject>();
        private readonly CancellationTokenSource stop = new();
        private readonly Task reading;

        private HubWatcher(WebSocket socket)
        {
            this.socket = socket;
            reading = ReadAsync();
        }

        public static async Task<HubWatcher> ConnectAsync(WeftApi api, string authorization)
        {
            var socket = await api.CreateWebSocketClient(authorization).ConnectAsync(new Uri("ws://localhost/hubs/market/auctions"), CancellationToken.None);
            var watcher = new HubWatcher(socket);
            await watcher.SendAsync("""{"protocol":"json","version":1}""");
            var handshake = await watcher.ReceiveAsync();
            handshake.ContainsKey("error").ShouldBeFalse(handshake.ToJsonString());
            return watcher;
        }

        public async Task<JsonObject> WatchAsync(long auction)
        {
            await SendAsync($$"""{"type":1,"invocationId":"w{{auction}}","target":"Watch","arguments":[{{auction}}]}""");
            while (true)
            {
                var message = await ReceiveAsync();
                if (message["type"]?.GetValue<int>() == 3) return message;
            }
        }

        /// <summary>The next <c>auction</c> message's argument.</summary>
        public async Task<JsonObject> NextAsync()
        {
            while (true)
            {
                var message = await ReceiveAsync();
                if (message["type"]?.GetValue<int>() == 1 && message["target"]?.GetValue<string>() == "auction") return message["arguments"]![0]!.AsObject();
            }
        }

        public async Task<List<(long Sequence, decimal Price)>> NextBidsAsync() =>
            (await NextAsync())["bids"]!.AsArray().Select(b => (b!["sequence"]!.GetValue<long>(), b["price"]!.GetValue<decimal>())).ToList();

        private async Task<JsonObject> ReceiveAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            return await messages.Reader.ReadAsync(timeout.Token);
        }

        private Task SendAsync(string json) => socket.SendAsync(Encoding.UTF8.GetBytes(json + Separator), WebSocketMessageType.Text, true, CancellationToken.None);

        private async Task ReadAsync()
        {
            var buffer = new byte[64 * 1024];
            var pending = new StringBuilder();
            try
            {
                while (socket.State == WebSocketState.Open)
                {
                    var result = await socket.ReceiveAsync(buffer, stop.Token);
                    if (result.MessageType == WebSocketMessageType.Close) break;
                    pending.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
                    if (!result.EndOfMessage) continue;
                    foreach (var part in pending.ToString().Split(Separator, StringSplitOptions.RemoveEmptyEntries))
                        if (JsonNode.Parse(part) is JsonObject message && message["type"]?.GetValue<int>() != 6) await messages.Writer.WriteAsync(message);
                    pending.Clear();
                }
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
            {
            }
            finally
            {
                messages.Writer.TryComplete();
            }
        }

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            socket.Abort();
            try
            {
                await reading;
            }
            catch (OperationCanceledException)
            {
            }
            socket.Dispose();
            stop.Dispose();
        }
    }
}
