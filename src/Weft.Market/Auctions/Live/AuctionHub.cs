using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Weft.Market.Organizations;
using Weft.Platform.Errors;
using Weft.Platform.Web.Security;

namespace Weft.Market.Auctions.Live;

/// <summary>
/// The auction room's live channel (SignalR, <c>/hubs/market/auctions</c>): a client calls <c>Watch(auctionId)</c>, gets the
/// auction as it may see it (with the server's clock for the countdown), then an <c>auction</c> message with every accepted
/// bid, extension and the close. A client that reconnects watches again and drops repeats by sequence.
/// </summary>
[Authorize(Policy = MarketPermissions.Read)]
internal sealed class AuctionHub(AuctionLive live, Auctions auctions, MarketCallers callers, IHubContext<AuctionHub> hub) : Hub
{
    public const string Path = "/hubs/market/auctions";
    public const string Message = "auction";

    public async Task<AuctionDto> Watch(long auction)
    {
        var user = Context.User ?? throw new HubException("Sign in to watch an auction.");
        var tenant = user.TenantOf() ?? throw new HubException("Sign in to watch an auction.");
        var viewer = await callers.ViewerAsync(user, Context.ConnectionAborted);
        AuctionDto seen;
        try
        {
            seen = await auctions.GetAsync(tenant, viewer, auction, Context.ConnectionAborted);
        }
        catch (WeftException e)
        {
            throw new HubException($"{e.Code}: {e.Message}");
        }
        var connection = hub.Clients.Client(Context.ConnectionId);
        var watching = await live.WatchAsync(tenant, viewer, auction, change => _ = connection.SendAsync(Message, change));
        lock (Context.Items)
        {
            if (Context.Items.TryGetValue(typeof(AuctionHub), out var existing) && existing is List<IDisposable> list) list.Add(watching);
            else Context.Items[typeof(AuctionHub)] = new List<IDisposable> { watching };
        }
        // What committed between reading the auction and watching it comes again in the first message; the client drops repeats.
        return seen;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        lock (Context.Items)
        {
            if (Context.Items.TryGetValue(typeof(AuctionHub), out var existing) && existing is List<IDisposable> list)
                foreach (var watching in list) watching.Dispose();
        }
        return base.OnDisconnectedAsync(exception);
    }
}
